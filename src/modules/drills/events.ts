/**
 * The exercise event log and its live signal. Every change in a running exercise appends an event
 * in the transaction that makes the change, and the same transaction NOTIFYs `kizuna_drill`: the
 * notification leaves only on commit, so a stream never shows what was rolled back, and every
 * serve process (each LISTENs) learns of changes made by any worker or serve process.
 */
import type { Db } from '../../db/index.js';

export const DRILL_CHANNEL = 'kizuna_drill';
/** Tells workers to look again now (clock changed, inject added or fired by hand). */
export const WAKE_CHANNEL = 'kizuna_drill_wake';

export interface NewEvent {
  exerciseId: string;
  kind: string;
  actor: string;
  teamId?: string | null;
  injectId?: string | null;
  data?: Record<string, unknown>;
}

/** What travels in a notification: small, well under PostgreSQL's 8,000-byte payload limit. */
export interface Signal {
  e: string;
  s: number;
  k: string;
  t?: string;
  i?: string;
}

export interface EventRow {
  seq: string;
  exercise_id: string;
  at: string;
  kind: string;
  actor: string;
  team_id: string | null;
  inject_id: string | null;
  data: Record<string, unknown>;
}

export async function logEvent(tx: Db, ev: NewEvent): Promise<number> {
  const [seq] = await logEvents(tx, [ev]);
  return seq;
}

/**
 * Logs events in the order given, as one INSERT and one NOTIFY statement however many there are
 * (notifications keep the array's order, so listeners see them by seq); returns their seqs.
 */
export async function logEvents(tx: Db, evs: NewEvent[]): Promise<number[]> {
  if (!evs.length) return [];
  const rows = await tx.query<{ seq: string }>(
    `INSERT INTO drill_events (exercise_id, kind, actor, team_id, inject_id, data)
     SELECT x.exercise_id, x.kind, x.actor, x.team_id, x.inject_id, x.data::jsonb
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::text[]) WITH ORDINALITY
       AS x(exercise_id, kind, actor, team_id, inject_id, data, n)
     ORDER BY x.n
     RETURNING seq`,
    [
      evs.map((e) => e.exerciseId),
      evs.map((e) => e.kind),
      evs.map((e) => e.actor),
      evs.map((e) => e.teamId ?? null),
      evs.map((e) => e.injectId ?? null),
      evs.map((e) => JSON.stringify(e.data ?? {})),
    ],
  );
  // RETURNING gives no order guarantee: the seqs were taken in insert order, so sorted they match `evs`.
  const seqs = rows.map((r) => Number(r.seq)).sort((x, y) => x - y);
  const signals = evs.map((ev, k): string =>
    JSON.stringify({
      e: ev.exerciseId,
      s: seqs[k],
      k: ev.kind,
      ...(ev.teamId ? { t: ev.teamId } : {}),
      ...(ev.injectId ? { i: ev.injectId } : {}),
    } satisfies Signal),
  );
  await tx.query('SELECT pg_notify($1, s) FROM unnest($2::text[]) WITH ORDINALITY AS x(s, n) ORDER BY x.n', [DRILL_CHANNEL, signals]);
  return seqs;
}

export async function wakeWorkers(tx: Db): Promise<void> {
  await tx.query('SELECT pg_notify($1, $2)', [WAKE_CHANNEL, '']);
}

export async function list(
  db: Db,
  exerciseId: string,
  f: { after?: number; limit: number; teamIds?: string[] | null },
): Promise<EventRow[]> {
  return db.query<EventRow>(
    `SELECT seq, exercise_id, at, kind, actor, team_id, inject_id, data FROM drill_events
     WHERE exercise_id = $1 AND seq > $2 AND ($3::uuid[] IS NULL OR team_id IS NULL OR team_id = ANY($3::uuid[]))
     ORDER BY seq LIMIT $4`,
    [exerciseId, f.after ?? 0, f.teamIds ?? null, f.limit],
  );
}

export const presentEvent = (r: EventRow) => ({
  seq: Number(r.seq),
  at: new Date(r.at).toISOString(),
  kind: r.kind,
  actor: r.actor,
  teamId: r.team_id,
  injectId: r.inject_id,
  data: r.data,
});
export type EventView = ReturnType<typeof presentEvent>;
