/**
 * SQL for deliveries: one row per inject × team. Created when the inject fires (the unique
 * idempotency key turns a repeat into a no-op); inbox deliveries are delivered by being written,
 * e-mail and webhook ones are claimed by a worker with a lease (claimed_by, claimed_until), sent,
 * and settled only by the worker that still holds the claim.
 */
import type { Db } from '../../db/index.js';
import { claimedRows, type Outcome, settle as settleLeased } from './outbox.js';

export interface NewDelivery {
  injectId: string;
  channel: string;
  dueAtMs: number;
  teamId: string;
  /** The idempotency key: one delivery per run, inject and team, however often it is fired. */
  key: string;
  title: string;
  content: string;
}

/**
 * Inserts the deliveries of several injects of one exercise in one statement, in the order given
 * (their seq follows it); returns the rows actually created.
 */
export async function insertBatch(
  tx: Db,
  exerciseId: string,
  list: NewDelivery[],
): Promise<{ id: string; inject_id: string; team_id: string }[]> {
  if (!list.length) return [];
  // Inbox deliveries are delivered by being written; e-mail and webhook ones wait for a worker.
  return tx.query<{ id: string; inject_id: string; team_id: string }>(
    `INSERT INTO drill_deliveries (exercise_id, inject_id, team_id, channel, idempotency_key, state, attempts, next_attempt_at, title, content,
       due_at, delivered_at)
     SELECT $1, t.inject_id, t.team_id, t.channel, t.key, CASE WHEN t.channel = 'inbox' THEN 'delivered' ELSE 'pending' END, 0,
       CASE WHEN t.channel = 'inbox' THEN NULL ELSE clock_timestamp() END, t.title, t.content,
       to_timestamp(t.due_ms / 1000), CASE WHEN t.channel = 'inbox' THEN clock_timestamp() ELSE NULL END
     FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::float8[])
       WITH ORDINALITY AS t(inject_id, team_id, channel, key, title, content, due_ms, n)
     ORDER BY t.n
     ON CONFLICT (idempotency_key) DO NOTHING
     RETURNING id, inject_id, team_id`,
    [
      exerciseId,
      list.map((d) => d.injectId),
      list.map((d) => d.teamId),
      list.map((d) => d.channel),
      list.map((d) => d.key),
      list.map((d) => d.title),
      list.map((d) => d.content),
      list.map((d) => d.dueAtMs),
    ],
  );
}

export interface SendRow {
  id: string;
  exercise_id: string;
  exercise_name: string;
  inject_id: string;
  inject_ref: string;
  tags: string[];
  team_id: string;
  team_name: string;
  team_email: string | null;
  webhook_url: string | null;
  webhook_secret: string | null;
  team_simulated: boolean;
  channel: 'email' | 'webhook';
  idempotency_key: string;
  attempts: number;
  title: string;
  content: string;
  due_at: string;
}

/**
 * Claims external sends that are due, or whose claim lapsed (the worker holding it died). The
 * attempt is counted at claim time, so a send that kills its worker still counts.
 */
export async function claimSends(db: Db, workerId: string, leaseMs: number, limit: number): Promise<SendRow[]> {
  return db.query<SendRow>(
    `${claimedRows('drill_deliveries')}
     SELECT c.id, c.exercise_id, e.name AS exercise_name, c.inject_id, i.ref AS inject_ref, i.tags, c.team_id, t.name AS team_name,
       t.email AS team_email, t.webhook_url, t.webhook_secret, t.simulated AS team_simulated, c.channel, c.idempotency_key, c.attempts, c.title, c.content, c.due_at
     FROM claimed c JOIN drill_exercises e ON e.id = c.exercise_id JOIN drill_injects i ON i.id = c.inject_id JOIN drill_teams t ON t.id = c.team_id`,
    [workerId, leaseMs, limit],
  );
}

/** Settles a send; false when this worker no longer holds the claim (another took it over). */
export const settle = (tx: Db, id: string, workerId: string, outcome: Outcome<'delivered'>) =>
  settleLeased(tx, 'drill_deliveries', { state: 'delivered', column: 'delivered_at' }, id, workerId, outcome);

export interface DeliveryRow {
  id: string;
  seq: string;
  exercise_id: string;
  inject_id: string;
  inject_ref: string;
  team_id: string;
  team_name: string;
  channel: string;
  idempotency_key: string;
  state: 'pending' | 'sending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  title: string;
  content: string;
  due_at: string;
  created_at: string;
  delivered_at: string | null;
  total?: number;
}

const select = `SELECT d.id, d.seq, d.exercise_id, d.inject_id, i.ref AS inject_ref, d.team_id, t.name AS team_name, d.channel,
    d.idempotency_key, d.state, d.attempts, d.next_attempt_at, d.last_error, d.title, d.content, d.due_at, d.created_at, d.delivered_at
  FROM drill_deliveries d JOIN drill_injects i ON i.id = d.inject_id JOIN drill_teams t ON t.id = d.team_id`;

export async function list(
  db: Db,
  exerciseId: string,
  f: { injectId?: string; teamId?: string; state?: string; countryCodes?: string[] | null; limit: number; offset: number },
): Promise<DeliveryRow[]> {
  return db.query<DeliveryRow>(
    `SELECT count(*) OVER ()::int AS total, q.* FROM (${select}
       WHERE d.exercise_id = $1 AND ($2::uuid IS NULL OR d.inject_id = $2) AND ($3::uuid IS NULL OR d.team_id = $3)
         AND ($4::text IS NULL OR d.state = $4)
         AND ($5::text[] IS NULL OR EXISTS (SELECT 1 FROM organisations o WHERE o.id = t.organisation_id AND o.country_code = ANY($5::text[])))) q
     ORDER BY q.seq LIMIT $6 OFFSET $7`,
    [exerciseId, f.injectId ?? null, f.teamId ?? null, f.state ?? null, f.countryCodes ?? null, f.limit, f.offset],
  );
}

/** A team's inbox, oldest first; `afterSeq` for a stream resuming from Last-Event-ID. */
export async function forTeam(db: Db, teamId: string, afterSeq = 0): Promise<DeliveryRow[]> {
  return db.query<DeliveryRow>(`${select} WHERE d.team_id = $1 AND d.seq > $2 ORDER BY d.seq`, [teamId, afterSeq]);
}

/** The deliveries some injects made, for the teams that have someone listening (the live hub's batch). */
export async function forInjects(db: Db, injectIds: string[], teamIds: string[]): Promise<DeliveryRow[]> {
  if (!injectIds.length || !teamIds.length) return [];
  return db.query<DeliveryRow>(`${select} WHERE d.inject_id = ANY($1::uuid[]) AND d.team_id = ANY($2::uuid[]) ORDER BY d.seq`, [
    injectIds,
    teamIds,
  ]);
}

export async function getForTeam(db: Db, injectId: string, teamId: string): Promise<DeliveryRow | undefined> {
  const [row] = await db.query<DeliveryRow>(`${select} WHERE d.inject_id = $1 AND d.team_id = $2`, [injectId, teamId]);
  return row;
}

export async function countsByInject(db: Db, exerciseId: string): Promise<{ inject_id: string; state: string; n: number }[]> {
  return db.query('SELECT inject_id, state, count(*)::int AS n FROM drill_deliveries WHERE exercise_id = $1 GROUP BY inject_id, state', [
    exerciseId,
  ]);
}

/** Teams an inject reached (for conditions "fired" per team). */
export async function teamsReached(db: Db, injectId: string): Promise<Set<string>> {
  const rows = await db.query<{ team_id: string }>('SELECT team_id FROM drill_deliveries WHERE inject_id = $1', [injectId]);
  return new Set(rows.map((r) => r.team_id));
}

/** Wall-clock milliseconds until the next send is due or a claim lapses (null: nothing waiting). */
export async function nextSendInMs(db: Db): Promise<number | null> {
  const [row] = await db.query<{ ms: number | null }>(
    `SELECT (extract(epoch FROM (min(t) - clock_timestamp())) * 1000)::float8 AS ms FROM (
       SELECT min(next_attempt_at) AS t FROM drill_deliveries WHERE state = 'pending'
       UNION ALL SELECT min(claimed_until) FROM drill_deliveries WHERE state = 'sending') x`,
  );
  return row?.ms ?? null;
}
