/** SQL for decided outcomes (team × expectation): automatic checks write met/late, evaluators any. */
import type { Db } from '../../db/index.js';

export interface EvaluationRow {
  expectation_id: string;
  team_id: string;
  status: 'met' | 'late' | 'missed';
  score: number;
  satisfied_ms: number | null;
  decided_by: string;
  note: string;
  decided_at: string;
}

const columns = 'expectation_id, team_id, status, score, satisfied_ms::float8 AS satisfied_ms, decided_by, note, decided_at';

export async function forExercise(db: Db, exerciseId: string): Promise<EvaluationRow[]> {
  return db.query<EvaluationRow>(`SELECT ${columns} FROM drill_evaluations WHERE exercise_id = $1`, [exerciseId]);
}

export async function forExpectation(db: Db, expectationId: string): Promise<Map<string, EvaluationRow>> {
  const rows = await db.query<EvaluationRow>(`SELECT ${columns} FROM drill_evaluations WHERE expectation_id = $1`, [expectationId]);
  return new Map(rows.map((r) => [r.team_id, r]));
}

export async function forTeam(db: Db, teamId: string): Promise<EvaluationRow[]> {
  return db.query<EvaluationRow>(`SELECT ${columns} FROM drill_evaluations WHERE team_id = $1`, [teamId]);
}

export async function get(db: Db, expectationId: string, teamId: string): Promise<EvaluationRow | undefined> {
  const [row] = await db.query<EvaluationRow>(`SELECT ${columns} FROM drill_evaluations WHERE expectation_id = $1 AND team_id = $2`, [
    expectationId,
    teamId,
  ]);
  return row;
}

/** Records an automatic outcome unless one is already decided (the first satisfying answer counts). */
export async function decideOnce(
  tx: Db,
  v: {
    exerciseId: string;
    expectationId: string;
    teamId: string;
    status: 'met' | 'late';
    score: number;
    satisfiedMs: number;
    decidedBy: string;
  },
): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO drill_evaluations (exercise_id, expectation_id, team_id, status, score, satisfied_ms, decided_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (expectation_id, team_id) DO NOTHING RETURNING team_id`,
    [v.exerciseId, v.expectationId, v.teamId, v.status, v.score, Math.round(v.satisfiedMs), v.decidedBy],
  );
  return rows.length > 0;
}

/** An evaluator's verdict replaces whatever was decided before. */
export async function judge(
  tx: Db,
  v: {
    exerciseId: string;
    expectationId: string;
    teamId: string;
    status: 'met' | 'late' | 'missed';
    score: number;
    satisfiedMs: number | null;
    decidedBy: string;
    note: string;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO drill_evaluations (exercise_id, expectation_id, team_id, status, score, satisfied_ms, decided_by, note)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (expectation_id, team_id) DO UPDATE SET status = EXCLUDED.status, score = EXCLUDED.score,
       satisfied_ms = EXCLUDED.satisfied_ms, decided_by = EXCLUDED.decided_by, note = EXCLUDED.note, decided_at = now()`,
    [
      v.exerciseId,
      v.expectationId,
      v.teamId,
      v.status,
      v.score,
      v.satisfiedMs === null ? null : Math.round(v.satisfiedMs),
      v.decidedBy,
      v.note,
    ],
  );
}
