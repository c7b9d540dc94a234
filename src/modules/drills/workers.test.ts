/**
 * Two real `kizuna worker` processes on one PostgreSQL database, one killed with SIGKILL in the
 * middle of a drill: every inject still fires once, every delivery exists exactly once, and the
 * webhook sends the dead worker had claimed are taken over after their lease. PostgreSQL only:
 * PGlite cannot be shared between processes.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestNode, startTestNode } from '../../test/http.js';
import { withDatabase } from '../../test/global-setup.js';
import { cleanEnv, kizunaBin } from '../../test/process.js';
import { type Cast, cast, until } from './test/fixtures.js';

const pg = process.env.TEST_DATABASE_URL;
const TEAMS = 8;
const INJECTS = 40;

function startWorkerProcess(url: string): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [kizunaBin, 'worker'], {
    env: { ...cleanEnv(), DATABASE_URL: url, KIZUNA_LOG_LEVEL: 'warn', KIZUNA_DRILL_LEASE_MS: '1500', KIZUNA_DRILL_RETRY_MS: '200' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  return new Promise((resolve, reject) => {
    const t = setInterval(() => {
      if (out.includes('is running against PostgreSQL')) {
        clearInterval(t);
        resolve({ child, output: () => out });
      }
      if (child.exitCode !== null) {
        clearInterval(t);
        reject(new Error(`kizuna worker exited: ${out}`));
      }
    }, 50);
  });
}

// On PGlite this shows as one skipped test whose name says why.
it.skipIf(Boolean(pg))('two worker processes with one killed: needs PostgreSQL, set TEST_DATABASE_URL to run it', () => {});

describe.skipIf(!pg)('two worker processes on one PostgreSQL', () => {
  let node: TestNode;
  let c: Cast;
  let receiver: Server;
  const received: { key: string; attempt: number }[] = [];
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => {
        body += d;
      });
      req.on('end', () => {
        const payload = JSON.parse(body) as { idempotencyKey: string; attempt: number };
        received.push({ key: payload.idempotencyKey, attempt: payload.attempt });
        // A slow receiver keeps sends in flight, so the kill lands on some of them.
        setTimeout(() => res.writeHead(204).end(), 300);
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    node = await startTestNode();
    c = await cast(node);
  });

  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
    await node?.close();
    await new Promise<void>((resolve) => receiver?.close(() => resolve()));
  });

  it('fires every inject once and makes every delivery exactly once when one worker is killed mid-drill', async () => {
    const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const ex = await c.lead.post('/api/v1/exercises', { name: 'Crash drill', leadOrganisationId: c.vn });
    const id = ex.body.id as string;
    const sites = await node.db.query<{ id: string; organisation_id: string }>(
      `SELECT s.id, s.organisation_id FROM sites s WHERE s.external_key LIKE 'vn:site:%' ORDER BY s.external_key LIMIT ${TEAMS}`,
    );
    for (const [i, s] of sites.entries()) {
      const res = await c.lead.post(`/api/v1/exercises/${id}/teams`, {
        name: `Team ${i}`,
        organisationId: s.organisation_id,
        siteId: s.id,
        webhookUrl: hook,
      });
      expect(res.status).toBe(201);
    }
    // Injects every 150 ms for six seconds, alternating inbox and webhook, all to everyone.
    const injects = Array.from({ length: INJECTS }, (_, i) => ({
      ref: `I-${String(i).padStart(2, '0')}`,
      offsetMs: 1500 + i * 150,
      channel: i % 2 ? 'webhook' : 'inbox',
      title: `Inject ${i} for {team}`,
    }));
    expect((await c.lead.request('PUT', `/api/v1/exercises/${id}/injects`, { injects })).status).toBe(200);

    // The test node's own database, for the worker processes.
    const [{ name }] = await node.db.query<{ name: string }>('SELECT current_database() AS name');
    const dbUrl = withDatabase(pg as string, name);
    const a = await startWorkerProcess(dbUrl);
    const b = await startWorkerProcess(dbUrl);
    workers.push(a.child, b.child);

    expect((await c.lead.post(`/api/v1/exercises/${id}/clock/start`)).status).toBe(200);
    const fired = async () =>
      (
        await node.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM drill_injects WHERE exercise_id = $1 AND state = 'fired'`, [id])
      )[0].n;
    // Kill worker A with SIGKILL once a third of the injects have fired and A holds webhook sends in flight.
    const aClaims = async () =>
      (
        await node.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM drill_deliveries WHERE state = 'sending' AND claimed_by LIKE $1`,
          [`%:${a.child.pid}:%`],
        )
      )[0].n;
    await until(async () => (await fired()) >= INJECTS / 3 && (await aClaims()) > 0, 20_000, 10);
    a.child.kill('SIGKILL');
    const firedAtKill = await fired();
    expect(firedAtKill).toBeLessThan(INJECTS);

    // Worker B carries on alone: every inject fires, every delivery settles (A's claims after their lease).
    await until(async () => (await fired()) === INJECTS, 30_000, 100);
    await until(
      async () => {
        const [row] = await node.db.query<{ open: number }>(
          `SELECT count(*)::int AS open FROM drill_deliveries WHERE exercise_id = $1 AND state <> 'delivered'`,
          [id],
        );
        return row.open === 0;
      },
      30_000,
      100,
    );

    const rows = await node.db.query<{ inject_id: string; team_id: string; channel: string; idempotency_key: string; attempts: number }>(
      'SELECT inject_id, team_id, channel, idempotency_key, attempts FROM drill_deliveries WHERE exercise_id = $1',
      [id],
    );
    expect(rows).toHaveLength(INJECTS * TEAMS);
    expect(new Set(rows.map((r) => `${r.inject_id}|${r.team_id}`)).size).toBe(INJECTS * TEAMS);
    const events = await node.db.query<{ inject_id: string; late: number | null }>(
      `SELECT inject_id, (data->>'lateMs')::float8 AS late FROM drill_events WHERE exercise_id = $1 AND kind = 'inject.fired'`,
      [id],
    );
    expect(events).toHaveLength(INJECTS);
    expect(new Set(events.map((e) => e.inject_id)).size).toBe(INJECTS);
    // The target is one second from due time; a crash must not cost a lease period on top. This
    // test runs two real workers and a kill on two cores, so it allows 2 s (1,021 ms seen under
    // heavy load); the precise figure belongs to the drill benchmark (lateness_p99_ms).
    expect(Math.max(...events.map((e) => e.late ?? 0))).toBeLessThan(2000);

    // Every webhook delivery reached the receiver. A send that was in flight when A died is
    // repeated by B with the same idempotency key (so the receiver can drop it): nothing is lost,
    // and no delivery ever carries two keys or is recorded twice.
    const hookKeys = new Set(rows.filter((r) => r.channel === 'webhook').map((r) => r.idempotency_key));
    const receivedKeys = new Set(received.map((r) => r.key));
    expect(receivedKeys).toEqual(hookKeys);
    const repeats = received.length - receivedKeys.size;
    const retried = rows.filter((r) => r.channel === 'webhook' && r.attempts > 1).length;
    expect(retried).toBeGreaterThan(0);
    expect(repeats).toBeLessThanOrEqual(retried);
    console.log(
      `two workers: ${firedAtKill}/${INJECTS} injects fired when A was killed; ${rows.length} deliveries, ${retried} webhook sends taken over after A's lease, ${repeats} repeated to the receiver with the same key`,
    );
    b.child.kill('SIGTERM');
    await new Promise((r) => b.child.once('exit', r));
  });
});
