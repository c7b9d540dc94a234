/** SQL for what teams send back: acknowledgements, reports, indicators, flags, manual answers, files. */
import type { Db } from '../../db/index.js';

export interface ResponseRow {
  id: string;
  seq: string;
  exercise_id: string;
  team_id: string;
  team_name: string;
  inject_id: string;
  inject_ref: string;
  expectation_id: string | null;
  expectation_ref: string | null;
  user_id: string | null;
  recorded_by: string;
  kind: 'ack' | 'report' | 'indicators' | 'flag' | 'manual';
  body: string;
  correct: boolean | null;
  indicators: string[];
  files: { id: string; name: string; mediaType: string; size: number }[];
  exercise_ms: number;
  created_at: string;
  total?: number;
}

const select = `SELECT r.id, r.seq, r.exercise_id, r.team_id, t.name AS team_name, r.inject_id, i.ref AS inject_ref, r.expectation_id,
    x.ref AS expectation_ref, r.user_id, r.recorded_by, r.kind, r.body, r.correct, r.indicators, r.files, r.exercise_ms::float8 AS exercise_ms,
    r.created_at
  FROM drill_responses r JOIN drill_teams t ON t.id = r.team_id JOIN drill_injects i ON i.id = r.inject_id
  LEFT JOIN drill_expectations x ON x.id = r.expectation_id`;

export interface NewResponse {
  exerciseId: string;
  teamId: string;
  injectId: string;
  expectationId: string | null;
  userId: string | null;
  recordedBy: string;
  kind: ResponseRow['kind'];
  body: string;
  correct: boolean | null;
  indicators: string[];
  exerciseMs: number;
}

/** Inserts an answer; for acknowledgements a repeat by the same player returns null (one ack each). */
export async function insert(tx: Db, r: NewResponse): Promise<string | null> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO drill_responses (exercise_id, team_id, inject_id, expectation_id, user_id, recorded_by, kind, body, correct, indicators, exercise_ms)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING RETURNING id`,
    [
      r.exerciseId,
      r.teamId,
      r.injectId,
      r.expectationId,
      r.userId,
      r.recordedBy,
      r.kind,
      r.body,
      r.correct,
      JSON.stringify(r.indicators),
      Math.round(r.exerciseMs),
    ],
  );
  return rows[0]?.id ?? null;
}

export async function addFile(tx: Db, responseId: string, f: { name: string; mediaType: string; content: Buffer }): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    'INSERT INTO drill_response_files (response_id, name, media_type, size, content) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [responseId, f.name, f.mediaType, f.content.length, f.content],
  );
  await tx.query(
    `UPDATE drill_responses SET files = files || jsonb_build_array(jsonb_build_object('id', $2::text, 'name', $3::text, 'mediaType', $4::text, 'size', $5::int))
     WHERE id = $1`,
    [responseId, row.id, f.name, f.mediaType, f.content.length],
  );
  return row.id;
}

export async function getFile(db: Db, responseId: string, fileId: string) {
  const [row] = await db.query<{ name: string; media_type: string; content: Uint8Array }>(
    'SELECT name, media_type, content FROM drill_response_files WHERE id = $1 AND response_id = $2',
    [fileId, responseId],
  );
  return row;
}

export async function get(db: Db, id: string): Promise<ResponseRow | undefined> {
  const [row] = await db.query<ResponseRow>(`${select} WHERE r.id = $1`, [id]);
  return row;
}

export async function list(
  db: Db,
  exerciseId: string,
  f: { teamId?: string | null; expectationId?: string; countryCodes?: string[] | null; limit: number; offset: number },
) {
  return db.query<ResponseRow>(
    `SELECT count(*) OVER ()::int AS total, q.* FROM (${select}
       WHERE r.exercise_id = $1 AND ($2::uuid IS NULL OR r.team_id = $2) AND ($3::uuid IS NULL OR r.expectation_id = $3)
         AND ($4::text[] IS NULL OR EXISTS (SELECT 1 FROM organisations o WHERE o.id = t.organisation_id AND o.country_code = ANY($4::text[])))) q
     ORDER BY q.seq LIMIT $5 OFFSET $6`,
    [exerciseId, f.teamId ?? null, f.expectationId ?? null, f.countryCodes ?? null, f.limit, f.offset],
  );
}

/** Answers by one team to one expectation (flag attempts, "every player" checks, indicator totals). */
export async function byTeamAndExpectation(db: Db, teamId: string, expectationId: string): Promise<ResponseRow[]> {
  return db.query<ResponseRow>(`${select} WHERE r.team_id = $1 AND r.expectation_id = $2 ORDER BY r.seq`, [teamId, expectationId]);
}

export async function acksOf(db: Db, teamId: string, injectId: string): Promise<ResponseRow[]> {
  return db.query<ResponseRow>(`${select} WHERE r.team_id = $1 AND r.inject_id = $2 AND r.kind = 'ack' ORDER BY r.seq`, [teamId, injectId]);
}

export async function acknowledgedInjects(db: Db, teamId: string): Promise<Set<string>> {
  const rows = await db.query<{ inject_id: string }>(`SELECT DISTINCT inject_id FROM drill_responses WHERE team_id = $1 AND kind = 'ack'`, [
    teamId,
  ]);
  return new Set(rows.map((r) => r.inject_id));
}

/** How many answers, and how many flag attempts, a team has sent per expectation. */
export async function answerCounts(db: Db, teamId: string): Promise<Map<string, { answers: number; flags: number }>> {
  const rows = await db.query<{ expectation_id: string; answers: number; flags: number }>(
    `SELECT expectation_id, count(*)::int AS answers, (count(*) FILTER (WHERE kind = 'flag'))::int AS flags
       FROM drill_responses WHERE team_id = $1 AND expectation_id IS NOT NULL GROUP BY expectation_id`,
    [teamId],
  );
  return new Map(rows.map((r) => [r.expectation_id, { answers: r.answers, flags: r.flags }]));
}

/** Manual answers nobody has judged yet: the evaluator queue. */
export async function unjudged(db: Db, exerciseId: string, countryCodes: string[] | null): Promise<ResponseRow[]> {
  return db.query<ResponseRow>(
    `${select} WHERE r.exercise_id = $1 AND r.kind = 'manual'
       AND NOT EXISTS (SELECT 1 FROM drill_evaluations v WHERE v.expectation_id = r.expectation_id AND v.team_id = r.team_id
                       AND v.decided_by NOT LIKE 'system:%')
       AND ($2::text[] IS NULL OR EXISTS (SELECT 1 FROM organisations o WHERE o.id = t.organisation_id AND o.country_code = ANY($2::text[])))
     ORDER BY r.seq`,
    [exerciseId, countryCodes],
  );
}
