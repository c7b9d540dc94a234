import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestNode, startTestNode } from '../../test/http.js';
import { systemActor } from '../identity/actor.js';
import * as audit from './service.js';

let node: TestNode;
beforeAll(async () => {
  node = await startTestNode();
  // A few entries of our own on top of the template's demo load.
  for (let i = 0; i < 5; i++) {
    await node.db.transaction((tx) =>
      audit.record(tx, systemActor('test'), {
        action: 'test.write',
        targetType: 'thing',
        targetId: String(i),
        summary: { i, nested: { b: 1, a: [1, 2] } },
      }),
    );
  }
});
afterAll(() => node?.close());

async function lastSeqs(n: number): Promise<number[]> {
  const rows = await node.db.query<{ seq: string }>('SELECT seq::text AS seq FROM audit_log ORDER BY seq DESC LIMIT $1', [n]);
  return rows.map((r) => Number(r.seq)).reverse();
}

describe('audit chain', () => {
  it('verifies an untouched log', async () => {
    const result = await audit.verify(node.db);
    expect(result.ok).toBe(true);
    expect(result.checked).toBeGreaterThanOrEqual(5);
  });

  it('finds an edited entry', async () => {
    const [a] = await lastSeqs(3);
    await node.db.query(`UPDATE audit_log SET summary = '{"i": 99}'::jsonb WHERE seq = $1`, [a]);
    const result = await audit.verify(node.db);
    expect(result).toMatchObject({ ok: false, firstBad: { seq: a } });
    expect(result.firstBad?.reason).toMatch(/edited/);
  });

  it('finds a removed entry', async () => {
    await restore();
    const [, b] = await lastSeqs(3);
    await node.db.query('DELETE FROM audit_log WHERE seq = $1', [b]);
    const result = await audit.verify(node.db);
    expect(result).toMatchObject({ ok: false, firstBad: { seq: b } });
    expect(result.firstBad?.reason).toMatch(/missing/);
  });

  it('finds reordered entries', async () => {
    await restore();
    const [a, b] = await lastSeqs(3);
    // Swap two entries' positions in the chain.
    await node.db.transaction(async (tx) => {
      await tx.query('UPDATE audit_log SET seq = -1 WHERE seq = $1', [a]);
      await tx.query('UPDATE audit_log SET seq = $1 WHERE seq = $2', [a, b]);
      await tx.query('UPDATE audit_log SET seq = $1 WHERE seq = -1', [b]);
    });
    const result = await audit.verify(node.db);
    expect(result).toMatchObject({ ok: false, firstBad: { seq: a } });
  });

  it('is read by node admins, not by analysts', async () => {
    const admin = await node.userWith([{ organisationId: node.homeOrganisationId, role: 'node_admin' }]);
    const analyst = await node.userWith([{ organisationId: node.homeOrganisationId, role: 'analyst' }]);
    const res = await admin.get('/api/v1/audit?limit=5');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(5);
    expect(res.body.items[0].action).toBe('auth.login');
    expect((await analyst.get('/api/v1/audit')).status).toBe(403);
  });
});

// Each tamper test starts from a clean chain: the test entries sit at the head of the log, so
// dropping them (tampered or not) leaves a valid chain to append fresh ones to.
async function restore() {
  await node.db.query("DELETE FROM audit_log WHERE action = 'test.write'");
  for (let i = 0; i < 5; i++) {
    await node.db.transaction((tx) =>
      audit.record(tx, systemActor('test'), { action: 'test.write', targetType: 'thing', targetId: String(i), summary: { i } }),
    );
  }
  expect((await audit.verify(node.db)).ok).toBe(true);
}
