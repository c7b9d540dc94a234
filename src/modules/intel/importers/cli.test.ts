/**
 * `kizuna import` as an operator runs it, on the store under test: the command opening the store
 * itself (PGlite folder or PostgreSQL), and on PGlite also through a running node's control socket,
 * where the progress travels back over the socket. Summary on standard output, progress on
 * standard error, non-zero exit with the reason when anything is refused.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromRoot } from '../../../lib/paths.js';
import { type TestDb, freshDb, storeKind } from '../../../test/db.js';
import { runKizuna, serveKizuna } from '../../../test/process.js';

const kev = fromRoot('..', 'shared', 'data', 'kev', 'known_exploited_vulnerabilities.json');
const disarm = fromRoot('..', 'shared', 'data', 'disarm', 'DISARM.json');

// Each run builds the command if the sources changed and opens the store: slow on a busy machine.
const SLOW = 300_000;

let dir: string;
let pgStore: TestDb | undefined;
let env: Record<string, string>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kizuna-import-'));
  if (storeKind === 'postgres') {
    pgStore = await freshDb();
    env = { DATABASE_URL: pgStore.url as string };
  } else {
    env = { KIZUNA_DATA_DIR: path.join(dir, 'data') };
  }
});
afterAll(async () => {
  await pgStore?.drop();
  await rm(dir, { recursive: true, force: true });
});

describe('kizuna import', { timeout: SLOW }, () => {
  it('imports the KEV catalogue into "Imports" with progress and a summary, and a second time changes nothing', async () => {
    const first = await runKizuna(['import', kev], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/known_exploited_vulnerabilities.json: CISA KEV catalogue, 1405 objects into collection "Imports"/);
    expect(first.stdout).toMatch(/added 1405, duplicates 0, failed 0/);
    // Not a terminal here: plain progress lines on standard error.
    expect(first.stderr).toMatch(/import: 0\/1405 objects\n(.*\n)*import: 1405\/1405 objects/);
    const second = await runKizuna(['import', kev], env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/added 0, duplicates 1405, failed 0/);
    // Same collection both times.
    expect(second.stdout.match(/\(([0-9a-f-]{36})\)/)?.[1]).toBe(first.stdout.match(/\(([0-9a-f-]{36})\)/)?.[1]);
  });

  it('refuses a broken file, an unknown kind and a missing file with the reason, and reports failed objects', async () => {
    const broken = path.join(dir, 'broken.json');
    await writeFile(broken, '{"type": "bundle", "objects": [');
    const refused = await runKizuna(['import', broken], env);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/error: The file is not valid JSON/);

    const csv = path.join(dir, 'list.csv');
    await writeFile(csv, '{"columns": ["a", "b"]}');
    const unknown = await runKizuna(['import', csv], env);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/Unrecognised file.*expected a STIX 2.1 bundle/);

    const missing = await runKizuna(['import', path.join(dir, 'nope.json')], env);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/Cannot read .*nope.json: no such file/);

    const wrongCollection = await runKizuna(['import', kev, '--collection', 'not-a-collection'], env);
    expect(wrongCollection.code).not.toBe(0);
    expect(wrongCollection.stderr).toMatch(/Collection not found/);

    const partly = path.join(dir, 'partly.json');
    const good = {
      type: 'identity',
      spec_version: '2.1',
      id: 'identity--3f1e2d4c-5b6a-4789-8abc-def012345678',
      created: '2024-01-01T00:00:00.000Z',
      modified: '2024-01-01T00:00:00.000Z',
      name: 'Good',
    };
    await writeFile(partly, JSON.stringify({ type: 'bundle', objects: [good, { ...good, id: 'identity--not-a-uuid' }] }));
    const result = await runKizuna(['import', partly], env);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/added 1, duplicates 0, failed 1/);
    expect(result.stderr).toMatch(/failed:\n {2}identity--not-a-uuid: /);
  });

  it.skipIf(storeKind === 'postgres')(
    'works through a running node on PGlite, streaming the progress over the control socket',
    async () => {
      const node = await serveKizuna(env);
      try {
        const result = await runKizuna(['import', disarm, '--tlp', 'clear'], env);
        expect(result.code, result.stderr + node.output()).toBe(0);
        expect(result.stdout).toMatch(/STIX 2.1 bundle, 698 objects into collection "Imports".*\nadded 698, duplicates 0, failed 0/);
        expect(result.stderr).toMatch(/import: 0\/698 objects\n(.*\n)*import: 698\/698 objects/);
        const again = await runKizuna(['import', disarm, '--tlp', 'clear'], env);
        expect(again.stdout).toMatch(/added 0, duplicates 698, failed 0/);
        const bad = await runKizuna(['import', disarm, '--tlp', 'purple'], env);
        expect(bad.code).not.toBe(0);
        expect(bad.stderr).toMatch(/--tlp must be one of clear, green, amber, amber\+strict, red/);
      } finally {
        expect(await node.stop('SIGTERM')).toBe(0);
      }
    },
  );
});
