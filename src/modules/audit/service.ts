/**
 * The audit log: every write in Kizuna appends an entry here inside the same transaction as the
 * change, so the change and its record commit or fail together. Entries form a SHA-256 hash chain
 * (each hash covers the entry and the previous hash); `verify` walks it and names the first entry
 * that was edited, removed or reordered.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../db/index.js';
import { forbidden } from '../../errors.js';
import { canonicalJson } from '../../lib/canonical-json.js';
import { type Actor, actorLabel, hasRoleIn, homeOrganisation, isNodeAdmin } from '../identity/actor.js';
import * as store from './store.js';

export interface AuditEvent {
  action: string;
  targetType: string;
  targetId?: string | null;
  /** The organisation the change belongs to; defaults to the actor's first organisation. */
  organisationId?: string | null;
  summary?: Record<string, unknown>;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  actorUserId: string | null;
  organisationId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  summary: Record<string, unknown>;
}

function entryHash(row: Omit<store.AuditRow, 'hash'>): string {
  const material = canonicalJson([
    Number(row.seq),
    Number(row.at_ms),
    row.actor_user_id,
    row.actor,
    row.organisation_id,
    row.action,
    row.target_type,
    row.target_id,
    row.summary,
    row.prev_hash,
  ]);
  return createHash('sha256').update(material).digest('hex');
}

/** Appends one entry. Call it with the transaction that makes the change. */
export async function record(tx: Db, actor: Actor, event: AuditEvent): Promise<void> {
  const head = await store.lockAndReadHead(tx);
  const seq = head.seq + 1;
  const atMs = Date.now();
  const base = {
    actor_user_id: actor.kind === 'user' ? actor.userId : null,
    actor: actorLabel(actor),
    organisation_id: event.organisationId === undefined ? homeOrganisation(actor) : event.organisationId,
    action: event.action,
    target_type: event.targetType,
    target_id: event.targetId ?? null,
    // Round-trip through JSON so the hash covers exactly what jsonb will give back.
    summary: JSON.parse(JSON.stringify(event.summary ?? {})) as Record<string, unknown>,
    prev_hash: head.hash,
  };
  const hash = entryHash({ ...base, seq: String(seq), at_ms: String(atMs) });
  await store.insertEntry(tx, { ...base, seq, atMs, hash });
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBad?: { seq: number; reason: string };
}

export async function verify(db: Db, pageSize = 5_000): Promise<VerifyResult> {
  let prevHash = '';
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await store.readPage(db, expectedSeq - 1, pageSize);
    if (!rows.length) return { ok: true, checked };
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) {
        return { ok: false, checked, firstBad: { seq: expectedSeq, reason: `entry ${expectedSeq} is missing` } };
      }
      if (row.prev_hash !== prevHash) {
        return { ok: false, checked, firstBad: { seq, reason: `entry ${seq} does not follow entry ${seq - 1} (removed or reordered)` } };
      }
      if (entryHash(row) !== row.hash) {
        return { ok: false, checked, firstBad: { seq, reason: `entry ${seq} was edited` } };
      }
      prevHash = row.hash;
      expectedSeq++;
      checked++;
    }
  }
}

export async function list(
  db: Db,
  actor: Actor,
  opts: { before?: number; limit: number },
): Promise<{ items: AuditEntry[]; nextBefore: number | null }> {
  let organisationIds: string[] | undefined;
  if (!isNodeAdmin(actor)) {
    if (actor.kind !== 'user') throw forbidden();
    organisationIds = actor.memberships.filter((m) => m.role === 'org_admin').map((m) => m.organisationId);
    if (!organisationIds.length || !hasRoleIn(actor, organisationIds, ['org_admin'])) {
      throw forbidden('Only node admins and organisation admins read the audit log');
    }
  }
  const rows = await store.list(db, { before: opts.before, limit: opts.limit, organisationIds });
  const items = rows.map(present);
  return { items, nextBefore: rows.length === opts.limit ? items[items.length - 1].seq : null };
}

function present(row: store.AuditRow): AuditEntry {
  return {
    seq: Number(row.seq),
    at: new Date(Number(row.at_ms)).toISOString(),
    actor: row.actor,
    actorUserId: row.actor_user_id,
    organisationId: row.organisation_id,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    summary: row.summary,
  };
}
