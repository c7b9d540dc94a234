/**
 * The drill commands as an operator runs them: `kizuna worker` (PostgreSQL only) and
 * `kizuna drill rehearse`, on a PGlite folder no node holds, against a running node (through its
 * control socket, with serve's own worker playing the teams), and on PostgreSQL when available.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../../test/db.js';
import { withDatabase } from '../../test/global-setup.js';
import { runKizuna, serveKizuna } from '../../test/process.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kizuna-drill-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function expectFinishedRehearsal(stdout: string, injects: number) {
  const lines = stdout.trim().split('\n');
  expect(lines[0]).toMatch(/^Rehearsal: /);
  const [, teams] = /injects, (\d+) simulated teams — watch it at http/.exec(lines[1]) ?? [];
  // Some simulated teams are slow or silent on purpose, so that the board shows every state.
  const [, prompt, slow, silent] =
    /simulated teams: (\d+) answer in time, (\d+) answer late on purpose, (\d+) never answer/.exec(lines[2]) ?? [];
  expect(Number(prompt) + Number(slow) + Number(silent)).toBe(Number(teams));
  expect(Number(prompt)).toBeGreaterThan(Number(slow) + Number(silent));
  expect(lines.at(-1)).toBe('Rehearsal finished.');
  const last = lines.at(-2) as string;
  expect(last).toMatch(/finished/);
  const [, fired, total, unsent] = /injects (\d+)\/(\d+) fired, (\d+) not sent/.exec(last) ?? [];
  expect(Number(total)).toBe(injects);
  expect(Number(fired) + Number(unsent)).toBe(injects);
  expect(last).toMatch(/deliveries \d+ delivered, 0 waiting, 0 failed/);
  const [, met, , missed] = /expectations (\d+) met, (\d+) late, (\d+) missed/.exec(last) ?? [];
  expect(Number(met)).toBeGreaterThan(20);
  // The silent team's expectations can only end missed.
  if (Number(silent)) expect(Number(missed)).toBeGreaterThan(0);
  // Progress was printed along the way, not only at the end.
  expect(lines.length).toBeGreaterThanOrEqual(5);
}

describe('kizuna worker', () => {
  it('refuses to run on PGlite and says why', async () => {
    const res = await runKizuna(['worker'], { KIZUNA_DATA_DIR: path.join(dir, 'nope') });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/needs PostgreSQL/);
    expect(res.stderr).toMatch(/only one process can open the data folder/);
  });
});

// At ×2400 a ten-minute deadline is a quarter of a second: the simulated teams answer on timers set
// from the exercise clock, earliest deadline first, through the same services as players.
describe('kizuna drill rehearse', () => {
  it('plays a built-in scenario end to end on a PGlite folder no node holds', async () => {
    const res = await runKizuna(['drill', 'rehearse', 'vpn-gateway', '--speed', '2400'], { KIZUNA_DATA_DIR: path.join(dir, 'alone') });
    expect(res.code, res.stderr).toBe(0);
    expectFinishedRehearsal(res.stdout, 23);
  }, 120_000);

  it('names the built-in scenarios when given an unknown one', async () => {
    const res = await runKizuna(['drill', 'rehearse', 'earthquake'], { KIZUNA_DATA_DIR: path.join(dir, 'alone') });
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(/Unknown scenario "earthquake"; built-in scenarios: vpn-gateway, hospital-ransomware/);
  }, 60_000);

  it('hands the rehearsal to a running PGlite node, whose own worker plays it', async () => {
    const served = await serveKizuna({ KIZUNA_DATA_DIR: path.join(dir, 'served') });
    try {
      const res = await runKizuna(['drill', 'rehearse', 'hospital-ransomware', '--speed', '2400'], {
        KIZUNA_DATA_DIR: path.join(dir, 'served'),
      });
      expect(res.code, res.stderr).toBe(0);
      expectFinishedRehearsal(res.stdout, 22);
    } finally {
      await served.stop();
    }
  }, 180_000);

  describe.skipIf(!process.env.TEST_DATABASE_URL)('on PostgreSQL', () => {
    let store: TestDb;
    beforeAll(async () => {
      store = await freshDb();
    });
    afterAll(() => store?.drop());
    it('plays beside nothing else, with a worker of its own', async () => {
      const [{ name }] = await store.db.query<{ name: string }>('SELECT current_database() AS name');
      const url = withDatabase(process.env.TEST_DATABASE_URL as string, name);
      const res = await runKizuna(['drill', 'rehearse', 'hospital-ransomware', '--speed', '2400'], { DATABASE_URL: url });
      expect(res.code, res.stderr).toBe(0);
      expectFinishedRehearsal(res.stdout, 22);
    }, 120_000);
  });
});
