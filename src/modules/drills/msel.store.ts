/**
 * SQL for MSELs: injects and their expectations, owned by a scenario or by an exercise. The deep
 * copy from a scenario into a new exercise is two INSERT … SELECT statements, matched by ref.
 * Millisecond columns are bigint in the table and read as float8 so they arrive as numbers.
 */
import type { Db } from '../../db/index.js';
import type { ExpectationDef, InjectDef } from './msel.js';

export type Owner = { scenarioId: string } | { exerciseId: string };

export interface InjectRow {
  id: string;
  scenario_id: string | null;
  exercise_id: string | null;
  ref: string;
  offset_ms: number;
  title: string;
  content: string;
  channel: InjectDef['channel'];
  targets: InjectDef['targets'];
  condition: InjectDef['condition'];
  attachments: InjectDef['attachments'];
  tags: string[];
  added_live: boolean;
  state: 'pending' | 'fired' | 'skipped' | 'condition_unmet';
  due_at: string | null;
  fired_at: string | null;
  fired_ms: number | null;
  fired_by: string | null;
}

export interface ExpectationRow {
  id: string;
  inject_id: string;
  ref: string;
  kind: ExpectationDef['kind'];
  description: string;
  deadline_ms: number;
  score: number;
  per: 'any' | 'every';
  flag_mode: 'exact' | 'case_insensitive' | 'regex' | null;
  flag_value: string | null;
  max_attempts: number | null;
  expected_indicators: string[];
}

export const injectColumns = `i.id, i.scenario_id, i.exercise_id, i.ref, i.offset_ms::float8 AS offset_ms, i.title, i.content, i.channel,
  i.targets, i.condition, i.attachments, i.tags, i.added_live, i.state, i.due_at, i.fired_at, i.fired_ms::float8 AS fired_ms, i.fired_by`;

const expectationColumns = `x.id, x.inject_id, x.ref, x.kind, x.description, x.deadline_ms::float8 AS deadline_ms, x.score, x.per,
  x.flag_mode, x.flag_value, x.max_attempts, x.expected_indicators`;

const ownerWhere = (o: Owner) => ('scenarioId' in o ? 'i.scenario_id = $1' : 'i.exercise_id = $1');
const ownerId = (o: Owner) => ('scenarioId' in o ? o.scenarioId : o.exerciseId);

export async function listInjects(db: Db, owner: Owner): Promise<InjectRow[]> {
  return db.query<InjectRow>(`SELECT ${injectColumns} FROM drill_injects i WHERE ${ownerWhere(owner)} ORDER BY i.offset_ms, i.ref`, [
    ownerId(owner),
  ]);
}

export async function getInject(db: Db, id: string, lock = false): Promise<InjectRow | undefined> {
  const [row] = await db.query<InjectRow>(`SELECT ${injectColumns} FROM drill_injects i WHERE i.id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return row;
}

export async function listExpectations(db: Db, owner: Owner): Promise<ExpectationRow[]> {
  return db.query<ExpectationRow>(
    `SELECT ${expectationColumns} FROM drill_expectations x JOIN drill_injects i ON i.id = x.inject_id
     WHERE ${ownerWhere(owner)} ORDER BY i.offset_ms, i.ref, x.ref`,
    [ownerId(owner)],
  );
}

export async function expectationsOfInjects(db: Db, injectIds: string[]): Promise<ExpectationRow[]> {
  if (!injectIds.length) return [];
  return db.query<ExpectationRow>(
    `SELECT ${expectationColumns} FROM drill_expectations x WHERE x.inject_id = ANY($1::uuid[]) ORDER BY x.ref`,
    [injectIds],
  );
}

export async function getExpectation(db: Db, id: string): Promise<(ExpectationRow & { exercise_id: string | null }) | undefined> {
  const [row] = await db.query<ExpectationRow & { exercise_id: string | null }>(
    `SELECT ${expectationColumns}, i.exercise_id FROM drill_expectations x JOIN drill_injects i ON i.id = x.inject_id WHERE x.id = $1`,
    [id],
  );
  return row;
}

export async function insertInject(tx: Db, owner: Owner, d: InjectDef, extra: { addedLive?: boolean } = {}): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO drill_injects (scenario_id, exercise_id, ref, offset_ms, title, content, channel, targets, condition, attachments, tags, added_live)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [
      'scenarioId' in owner ? owner.scenarioId : null,
      'exerciseId' in owner ? owner.exerciseId : null,
      d.ref,
      Math.round(d.offsetMs),
      d.title,
      d.content,
      d.channel,
      JSON.stringify(d.targets),
      d.condition ? JSON.stringify(d.condition) : null,
      JSON.stringify(d.attachments),
      JSON.stringify(d.tags),
      extra.addedLive ?? false,
    ],
  );
  await insertExpectations(tx, row.id, d.expectations);
  return row.id;
}

export async function insertExpectations(tx: Db, injectId: string, list: ExpectationDef[]): Promise<void> {
  for (const e of list) {
    await tx.query(
      `INSERT INTO drill_expectations (inject_id, ref, kind, description, deadline_ms, score, per, flag_mode, flag_value, max_attempts, expected_indicators)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        injectId,
        e.ref,
        e.kind,
        e.description,
        Math.round(e.deadlineMs),
        e.score,
        e.per,
        e.flag?.mode ?? null,
        e.flag?.value ?? null,
        e.flag?.maxAttempts ?? null,
        JSON.stringify(e.expectedIndicators ?? []),
      ],
    );
  }
}

export async function updateInject(tx: Db, id: string, d: InjectDef): Promise<void> {
  await tx.query(
    `UPDATE drill_injects SET ref = $2, offset_ms = $3, title = $4, content = $5, channel = $6, targets = $7, condition = $8,
       attachments = $9, tags = $10, updated_at = now() WHERE id = $1`,
    [
      id,
      d.ref,
      Math.round(d.offsetMs),
      d.title,
      d.content,
      d.channel,
      JSON.stringify(d.targets),
      d.condition ? JSON.stringify(d.condition) : null,
      JSON.stringify(d.attachments),
      JSON.stringify(d.tags),
    ],
  );
  await syncExpectations(tx, id, d.expectations);
}

/** Makes an inject's expectations equal to `list`, matched by ref, so unchanged ones keep their ids. */
export async function syncExpectations(tx: Db, injectId: string, list: ExpectationDef[]): Promise<void> {
  const refs = list.map((e) => e.ref);
  await tx.query('DELETE FROM drill_expectations WHERE inject_id = $1 AND NOT (ref = ANY($2::text[]))', [injectId, refs]);
  const existing = new Set(
    (await tx.query<{ ref: string }>('SELECT ref FROM drill_expectations WHERE inject_id = $1', [injectId])).map((r) => r.ref),
  );
  for (const e of list) {
    if (!existing.has(e.ref)) {
      await insertExpectations(tx, injectId, [e]);
      continue;
    }
    await tx.query(
      `UPDATE drill_expectations SET kind = $3, description = $4, deadline_ms = $5, score = $6, per = $7, flag_mode = $8, flag_value = $9,
         max_attempts = $10, expected_indicators = $11 WHERE inject_id = $1 AND ref = $2`,
      [
        injectId,
        e.ref,
        e.kind,
        e.description,
        Math.round(e.deadlineMs),
        e.score,
        e.per,
        e.flag?.mode ?? null,
        e.flag?.value ?? null,
        e.flag?.maxAttempts ?? null,
        JSON.stringify(e.expectedIndicators ?? []),
      ],
    );
  }
}

export async function deleteInject(tx: Db, id: string): Promise<void> {
  await tx.query('DELETE FROM drill_injects WHERE id = $1', [id]);
}

export async function deleteAll(tx: Db, owner: Owner): Promise<void> {
  await tx.query(`DELETE FROM drill_injects i WHERE ${ownerWhere(owner)}`, [ownerId(owner)]);
}

/** The deep copy: every inject and expectation of a scenario, into an exercise. */
export async function copyScenarioMsel(tx: Db, scenarioId: string, exerciseId: string): Promise<number> {
  const copied = await tx.query<{ id: string }>(
    `INSERT INTO drill_injects (exercise_id, ref, offset_ms, title, content, channel, targets, condition, attachments, tags)
     SELECT $2, ref, offset_ms, title, content, channel, targets, condition, attachments, tags FROM drill_injects WHERE scenario_id = $1
     RETURNING id`,
    [scenarioId, exerciseId],
  );
  await tx.query(
    `INSERT INTO drill_expectations (inject_id, ref, kind, description, deadline_ms, score, per, flag_mode, flag_value, max_attempts, expected_indicators)
     SELECT ni.id, x.ref, x.kind, x.description, x.deadline_ms, x.score, x.per, x.flag_mode, x.flag_value, x.max_attempts, x.expected_indicators
     FROM drill_expectations x JOIN drill_injects si ON si.id = x.inject_id AND si.scenario_id = $1
     JOIN drill_injects ni ON ni.exercise_id = $2 AND ni.ref = si.ref`,
    [scenarioId, exerciseId],
  );
  return copied.length;
}
