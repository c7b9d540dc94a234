/** SQL for the audit log. Appends take a transaction-scoped advisory lock so the chain stays linear. */
import type { Db } from '../../db/index.js';

export interface AuditRow {
  seq: string;
  at_ms: string;
  actor_user_id: string | null;
  actor: string;
  organisation_id: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  summary: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

const APPEND_LOCK = 4_242_002;
const columns = `seq::text AS seq, (extract(epoch FROM at) * 1000)::bigint::text AS at_ms, actor_user_id,
  actor, organisation_id, action, target_type, target_id, summary, prev_hash, hash`;

export async function lockAndReadHead(tx: Db): Promise<{ seq: number; hash: string }> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK]);
  const [head] = await tx.query<{ seq: string; hash: string }>(
    'SELECT seq::text AS seq, hash FROM audit_log a ORDER BY a.seq DESC LIMIT 1',
  );
  return head ? { seq: Number(head.seq), hash: head.hash } : { seq: 0, hash: '' };
}

export async function insertEntry(tx: Db, e: Omit<AuditRow, 'seq' | 'at_ms'> & { seq: number; atMs: number }): Promise<void> {
  await tx.query(
    `INSERT INTO audit_log (seq, at, actor_user_id, actor, organisation_id, action, target_type, target_id, summary, prev_hash, hash)
     VALUES ($1, to_timestamp($2::double precision / 1000), $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11)`,
    [
      e.seq,
      e.atMs,
      e.actor_user_id,
      e.actor,
      e.organisation_id,
      e.action,
      e.target_type,
      e.target_id,
      JSON.stringify(e.summary),
      e.prev_hash,
      e.hash,
    ],
  );
}

export async function readPage(db: Db, afterSeq: number, limit: number): Promise<AuditRow[]> {
  return db.query<AuditRow>(`SELECT ${columns} FROM audit_log a WHERE a.seq > $1 ORDER BY a.seq LIMIT $2`, [afterSeq, limit]);
}

export async function list(db: Db, opts: { before?: number; limit: number; organisationIds?: string[] }): Promise<AuditRow[]> {
  const params: unknown[] = [opts.before ?? null, opts.limit];
  let where = '($1::bigint IS NULL OR a.seq < $1)';
  if (opts.organisationIds) {
    params.push(opts.organisationIds);
    where += ` AND a.organisation_id = ANY($3::uuid[])`;
  }
  return db.query<AuditRow>(`SELECT ${columns} FROM audit_log a WHERE ${where} ORDER BY a.seq DESC LIMIT $2`, params);
}
