/**
 * SQL for exercises and their clock. The clock is the JSON state of ./clock, stored as it is; a
 * clock change locks the exercise row (FOR UPDATE), saves the new state and rewrites the due time
 * of every pending inject (computed by the clock's own wallTimeFor, so the database never does
 * clock arithmetic of its own). The worker holds the row FOR SHARE while it fires, so it never
 * fires against a clock that is being changed.
 */
import type { Db } from '../../db/index.js';
import { type ClockState, type ClockStatus, dueWallTime } from './clock/index.js';

export interface ExerciseRow {
  id: string;
  scenario_id: string | null;
  scenario_name: string | null;
  name: string;
  description: string;
  lead_organisation_id: string;
  lead_organisation_name: string;
  status: ClockStatus;
  speed: number;
  clock: ClockState;
  planned_start_at: string | null;
  started_at: string | null;
  ended_at: string | null;
  simulated: boolean;
  created_at: string;
  updated_at: string;
  total?: number;
}

const select = `SELECT e.id, e.scenario_id, s.name AS scenario_name, e.name, e.description, e.lead_organisation_id, o.name AS lead_organisation_name,
    e.status, e.speed, e.clock,
    e.planned_start_at, e.started_at, e.ended_at, e.simulated, e.created_at, e.updated_at
  FROM drill_exercises e JOIN organisations o ON o.id = e.lead_organisation_id LEFT JOIN drill_scenarios s ON s.id = e.scenario_id`;

export const clockOf = (r: Pick<ExerciseRow, 'clock'>): ClockState => r.clock;

export async function get(db: Db, id: string, lock: 'update' | 'share' | null = null): Promise<ExerciseRow | undefined> {
  const [row] = await db.query<ExerciseRow>(`${select} WHERE e.id = $1${lock ? ` FOR ${lock.toUpperCase()} OF e` : ''}`, [id]);
  return row;
}

/** What an actor may list: by lead organisation, by country of a team, or as a player (null = all). */
export interface Visibility {
  organisationIds: string[];
  countryCodes: string[];
  userId: string | null;
}

export async function list(db: Db, v: Visibility | null, f: { status?: string; q: string | null; limit: number; offset: number }) {
  return db.query<ExerciseRow>(
    `SELECT count(*) OVER ()::int AS total, q.* FROM (${select}) q
     WHERE ($1::boolean OR q.lead_organisation_id = ANY($2::uuid[])
        OR EXISTS (SELECT 1 FROM drill_teams t JOIN organisations o ON o.id = t.organisation_id
                   WHERE t.exercise_id = q.id AND o.country_code = ANY($3::text[]))
        OR EXISTS (SELECT 1 FROM drill_team_players p WHERE p.exercise_id = q.id AND p.user_id = $4::uuid))
       AND ($5::text IS NULL OR q.status = $5) AND ($6::text IS NULL OR q.name ILIKE $6)
     ORDER BY q.created_at DESC, q.id DESC LIMIT $7 OFFSET $8`,
    [v === null, v?.organisationIds ?? [], v?.countryCodes ?? [], v?.userId ?? null, f.status ?? null, f.q, f.limit, f.offset],
  );
}

export async function insert(
  tx: Db,
  v: {
    scenarioId: string | null;
    name: string;
    description: string;
    leadOrganisationId: string;
    plannedStartAt: string | null;
    simulated: boolean;
    speed: number;
  },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    // The clock JSON is what the clock commands read, so the speed goes into it too.
    `INSERT INTO drill_exercises (scenario_id, name, description, lead_organisation_id, planned_start_at, simulated, speed, clock)
     VALUES ($1, $2, $3, $4, $5, $6, $7, jsonb_build_object('status', 'scheduled', 'speed', $7::double precision)) RETURNING id`,
    [v.scenarioId, v.name, v.description, v.leadOrganisationId, v.plannedStartAt, v.simulated, v.speed],
  );
  return row.id;
}

export async function update(tx: Db, id: string, v: { name: string; description: string; plannedStartAt: string | null }): Promise<void> {
  await tx.query('UPDATE drill_exercises SET name = $2, description = $3, planned_start_at = $4, updated_at = now() WHERE id = $1', [
    id,
    v.name,
    v.description,
    v.plannedStartAt,
  ]);
}

/**
 * The database's clock in whole epoch milliseconds: every process measures time from the same
 * source, and the clock module works in integer ms.
 */
export async function dbNow(db: Db): Promise<number> {
  const [row] = await db.query<{ now_ms: number }>('SELECT floor(extract(epoch FROM clock_timestamp()) * 1000)::float8 AS now_ms');
  return Number(row.now_ms);
}

export async function saveClock(tx: Db, id: string, c: ClockState): Promise<void> {
  await tx.query(
    `UPDATE drill_exercises SET clock = $2, status = $3, speed = $4,
       started_at = CASE WHEN $5::float8 IS NULL THEN NULL ELSE to_timestamp($5::float8 / 1000) END,
       ended_at = CASE WHEN $6::float8 IS NULL THEN NULL ELSE to_timestamp($6::float8 / 1000) END,
       -- A reset exercise waits for a controller, not for a planned start that has passed.
       planned_start_at = CASE WHEN $3 = 'scheduled' AND $5::float8 IS NULL AND status <> 'scheduled' THEN NULL ELSE planned_start_at END,
       updated_at = now()
     WHERE id = $1`,
    [id, JSON.stringify(c), c.status, c.speed, c.startedAt ?? null, c.endedAt ?? null],
  );
  await rescheduleAll(tx, id, c);
}

/** Rewrites due_at of pending injects (all, or one) from the clock: null while it is not running. */
export async function rescheduleAll(tx: Db, exerciseId: string, c: ClockState, injectId?: string): Promise<void> {
  const rows = await tx.query<{ id: string; offset_ms: number }>(
    `SELECT id, offset_ms::float8 AS offset_ms FROM drill_injects WHERE exercise_id = $1 AND state = 'pending' AND ($2::uuid IS NULL OR id = $2::uuid)`,
    [exerciseId, injectId ?? null],
  );
  if (!rows.length) return;
  const dues = rows.map((r) => dueWallTime(c, { id: r.id, offsetMs: Number(r.offset_ms), state: 'pending' }));
  await tx.query(
    `UPDATE drill_injects i SET due_at = CASE WHEN u.due IS NULL THEN NULL ELSE to_timestamp(u.due / 1000) END
     FROM unnest($1::uuid[], $2::float8[]) AS u(id, due) WHERE i.id = u.id`,
    [rows.map((r) => r.id), dues],
  );
}

/** Reset: the run's traces go, the MSEL stays. */
export async function clearRun(tx: Db, exerciseId: string): Promise<void> {
  await tx.query('DELETE FROM drill_deliveries WHERE exercise_id = $1', [exerciseId]);
  await tx.query('DELETE FROM drill_responses WHERE exercise_id = $1', [exerciseId]);
  await tx.query('DELETE FROM drill_evaluations WHERE exercise_id = $1', [exerciseId]);
  await tx.query(
    `UPDATE drill_injects SET state = 'pending', due_at = NULL, fired_at = NULL, fired_ms = NULL, fired_by = NULL, updated_at = now()
     WHERE exercise_id = $1`,
    [exerciseId],
  );
}

/** Scheduled exercises whose planned start has come (the worker starts them). */
export async function dueToStart(db: Db): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM drill_exercises WHERE status = 'scheduled' AND planned_start_at IS NOT NULL AND planned_start_at <= clock_timestamp()`,
  );
  return rows.map((r) => r.id);
}
