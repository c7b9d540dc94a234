/**
 * Firing injects: the step that turns a due inject into deliveries, exactly once per target team.
 * One transaction per exercise and batch: it takes the exercise row FOR SHARE (clock commands take
 * it FOR UPDATE, so the clock cannot change under a firing, and both lock the exercise before its
 * injects, so they never deadlock), claims due injects FOR UPDATE SKIP LOCKED (two workers split
 * the work instead of waiting on each other), writes the deliveries with their idempotency keys,
 * marks the injects fired, logs and NOTIFYs, and commits. A worker killed mid-way leaves nothing:
 * the transaction rolls back and the injects are still pending for the next worker.
 * A burst of due injects without conditions is written with a handful of statements for the whole
 * batch (deliveries, inject states, events, notifications), not a few per inject: at 200 sites a
 * burst is hundreds of injects, and per-inject round trips made them fire late.
 */
import type { Db } from '../../db/index.js';
import * as audit from '../audit/service.js';
import { systemActor } from '../identity/actor.js';
import { exerciseTimeAt } from './clock/index.js';
import * as deliveries from './deliveries.store.js';
import * as evaluations from './evaluations.store.js';
import { logEvent, logEvents } from './events.js';
import * as exercises from './exercises.store.js';
import { type InjectDef, watchedExpectation } from './msel.js';
import * as msel from './msel.store.js';
import { cellStatus, conditionHolds } from './outcomes.js';
import { injectDef } from './presenters.js';
import { inboxLink } from './settings.js';
import { render, resolveTargets, type TeamFacts } from './targets.js';
import * as teams from './teams.store.js';

export const clockActor = systemActor('drill-clock');

export async function teamFacts(db: Db, exerciseId: string): Promise<TeamFacts[]> {
  const [rows, ancestry] = await Promise.all([teams.list(db, exerciseId), teams.ancestry(db, exerciseId)]);
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    organisationId: t.organisation_id,
    organisationName: t.organisation_name,
    organisationAncestry: ancestry.get(t.id) ?? [t.organisation_id],
    organisationType: t.organisation_type,
    countryCode: t.country_code,
    siteId: t.site_id,
    siteName: t.site_name,
    timeZone: t.time_zone,
  }));
}

/** Exercises that have at least one inject due now (no locks: a hint for the worker). */
export async function exercisesWithDueInjects(db: Db): Promise<string[]> {
  const rows = await db.query<{ exercise_id: string }>(
    `SELECT DISTINCT exercise_id FROM drill_injects WHERE state = 'pending' AND due_at IS NOT NULL AND due_at <= clock_timestamp()`,
  );
  return rows.map((r) => r.exercise_id);
}

/** Wall-clock milliseconds until the next inject is due (null: none scheduled). */
export async function nextDueInMs(db: Db): Promise<number | null> {
  const [row] = await db.query<{ ms: number | null }>(
    `SELECT (extract(epoch FROM (min(due_at) - clock_timestamp())) * 1000)::float8 AS ms FROM drill_injects
     WHERE state = 'pending' AND due_at IS NOT NULL`,
  );
  return row?.ms ?? null;
}

export interface FireResult {
  fired: number;
  deliveries: number;
  /** Lateness of each fired inject in wall milliseconds (now − due). */
  lateness: number[];
}

/** Fires up to `batch` due injects of one exercise in one transaction. */
export async function fireDueIn(db: Db, exerciseId: string, batch: number): Promise<FireResult> {
  return db.transaction(async (tx) => {
    const ex = await exercises.get(tx, exerciseId, 'share');
    if (ex?.status !== 'running') return { fired: 0, deliveries: 0, lateness: [] };
    const due = await tx.query<msel.InjectRow>(
      `SELECT ${msel.injectColumns} FROM drill_injects i
       WHERE i.exercise_id = $1 AND i.state = 'pending' AND i.due_at IS NOT NULL AND i.due_at <= clock_timestamp()
       ORDER BY i.due_at, i.offset_ms, i.ref LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [exerciseId, batch],
    );
    if (!due.length) return { fired: 0, deliveries: 0, lateness: [] };
    const facts = await teamFacts(tx, exerciseId);
    // One reading of the clock for the batch: exercise time and lateness are those of the claim.
    const now = await exercises.dbNow(tx);
    const result: FireResult = { fired: 0, deliveries: 0, lateness: [] };
    // Runs of injects without conditions fire together; one with a condition fires alone, in its
    // place, so it sees every inject due before it as fired.
    let run: msel.InjectRow[] = [];
    const flush = async () => {
      if (!run.length) return;
      const out = await fireUnconditioned(tx, ex, facts, run, now);
      result.fired += run.length;
      result.deliveries += out.deliveries;
      result.lateness.push(...out.lateness);
      run = [];
    };
    for (const inj of due) {
      if (!inj.condition) {
        run.push(inj);
        continue;
      }
      await flush();
      const out = await fireInject(tx, ex, facts, inj, { by: 'clock', now });
      result.fired++;
      result.deliveries += out.deliveries;
      if (out.lateMs !== null) result.lateness.push(out.lateMs);
    }
    await flush();
    await audit.record(tx, clockActor, {
      action: 'exercise.injects_fired',
      targetType: 'exercise',
      targetId: exerciseId,
      organisationId: ex.lead_organisation_id,
      summary: { refs: due.map((d) => d.ref), deliveries: result.deliveries },
    });
    return result;
  });
}

export interface FireOptions {
  by: 'clock' | 'controller';
  /** A controller's "fire now" releases the inject whatever its condition says. */
  ignoreCondition?: boolean;
  actorLabel?: string;
  /** The wall time (database clock, integer ms) of the firing; read from the database if absent. */
  now?: number;
}

/** Fires one locked, pending inject inside the caller's transaction. */
export async function fireInject(
  tx: Db,
  ex: exercises.ExerciseRow,
  facts: TeamFacts[],
  inj: msel.InjectRow,
  opts: FireOptions,
): Promise<{ deliveries: number; lateMs: number | null; state: 'fired' | 'condition_unmet' }> {
  const nowMs = opts.now ?? (await exercises.dbNow(tx));
  const firedMs = exerciseTimeAt(exercises.clockOf(ex), nowMs);
  let targets = resolveTargets(inj.targets, facts);
  if (inj.condition && !opts.ignoreCondition) targets = await whereConditionHolds(tx, ex, inj, targets, firedMs);
  const state = inj.condition && !opts.ignoreCondition && !targets.length ? 'condition_unmet' : 'fired';

  // A controller's fire-now is due the moment it is fired; the clock's injects when they were due.
  const dueAtMs = opts.by === 'clock' && inj.due_at ? Date.parse(inj.due_at) : nowMs;
  const made = await deliveries.insertBatch(tx, ex.id, deliveriesOf(ex, inj, targets, dueAtMs, inboxLink(ex.id)));
  await tx.query(
    `UPDATE drill_injects SET state = $2, fired_at = clock_timestamp(), fired_ms = $3, fired_by = $4, updated_at = now() WHERE id = $1`,
    [inj.id, state, firedMs, opts.by],
  );
  const lateMs = inj.due_at && opts.by === 'clock' ? nowMs - Date.parse(inj.due_at) : null;
  await logEvent(tx, {
    exerciseId: ex.id,
    kind: state === 'fired' ? 'inject.fired' : 'inject.condition_unmet',
    actor: opts.actorLabel ?? 'system:drill-clock',
    injectId: inj.id,
    data: {
      ref: inj.ref,
      teams: made.length,
      channel: inj.channel,
      by: opts.by,
      ...(lateMs !== null ? { lateMs: Math.round(lateMs) } : {}),
    },
  });
  return { deliveries: made.length, lateMs, state };
}

/**
 * The clock firing locked, pending injects that have no condition, in the caller's transaction:
 * what fireInject does for each, as one statement per step for all of them.
 */
async function fireUnconditioned(
  tx: Db,
  ex: exercises.ExerciseRow,
  facts: TeamFacts[],
  injs: msel.InjectRow[],
  nowMs: number,
): Promise<{ deliveries: number; lateness: number[] }> {
  const firedMs = exerciseTimeAt(exercises.clockOf(ex), nowMs);
  const link = inboxLink(ex.id);
  const list = injs.flatMap((inj) =>
    deliveriesOf(ex, inj, resolveTargets(inj.targets, facts), inj.due_at ? Date.parse(inj.due_at) : nowMs, link),
  );
  const made = await deliveries.insertBatch(tx, ex.id, list);
  const madeFor = new Map<string, number>();
  for (const m of made) madeFor.set(m.inject_id, (madeFor.get(m.inject_id) ?? 0) + 1);
  const ids = injs.map((i) => i.id);
  await tx.query(
    `UPDATE drill_injects SET state = 'fired', fired_at = clock_timestamp(), fired_ms = $2, fired_by = 'clock', updated_at = now()
     WHERE id = ANY($1::uuid[])`,
    [ids, firedMs],
  );
  const lateness = injs.map((i) => (i.due_at ? nowMs - Date.parse(i.due_at) : 0));
  await logEvents(
    tx,
    injs.map((inj, k) => ({
      exerciseId: ex.id,
      kind: 'inject.fired',
      actor: 'system:drill-clock',
      injectId: inj.id,
      data: { ref: inj.ref, teams: madeFor.get(inj.id) ?? 0, channel: inj.channel, by: 'clock', lateMs: Math.round(lateness[k]) },
    })),
  );
  return { deliveries: made.length, lateness };
}

/** One delivery per target team, its texts rendered for the team. */
function deliveriesOf(
  ex: exercises.ExerciseRow,
  inj: msel.InjectRow,
  targets: TeamFacts[],
  dueAtMs: number,
  link: string,
): deliveries.NewDelivery[] {
  const runMark = ex.started_at ? Date.parse(ex.started_at) : 0;
  const ctx = { exerciseName: ex.name, dueAt: new Date(dueAtMs), link };
  return targets.map((team) => ({
    injectId: inj.id,
    channel: inj.channel,
    dueAtMs,
    teamId: team.id,
    // One key per run, inject and team: a reset exercise's new run is not a repeat of the old one.
    key: `kz-${runMark}-${inj.id}-${team.id}`,
    title: render(inj.title, team, ctx),
    content: render(inj.content, team, ctx),
  }));
}

/** Narrows targets to the teams for which the inject's condition holds (conditions are per team). */
async function whereConditionHolds(
  tx: Db,
  ex: exercises.ExerciseRow,
  inj: msel.InjectRow,
  targets: TeamFacts[],
  nowMs: number,
): Promise<TeamFacts[]> {
  const cond = inj.condition;
  if (!cond) return targets;
  const [depRow] = await tx.query<msel.InjectRow>(
    `SELECT ${msel.injectColumns} FROM drill_injects i WHERE i.exercise_id = $1 AND i.ref = $2`,
    [ex.id, cond.inject],
  );
  if (depRow?.state !== 'fired') return [];
  const reached = await deliveries.teamsReached(tx, depRow.id);
  if (cond.on === 'fired') return targets.filter((t) => reached.has(t.id));
  const exps = await msel.expectationsOfInjects(tx, [depRow.id]);
  const dep: InjectDef = injectDef(depRow, exps);
  const watched = watchedExpectation(dep, cond);
  if (typeof watched === 'string') return [];
  const expRow = exps.find((x) => x.ref === watched.ref);
  if (!expRow) return [];
  const decided = await evaluations.forExpectation(tx, expRow.id);
  const ended = ex.status === 'finished' || ex.status === 'cancelled';
  return targets.filter((t) => {
    const status = cellStatus({
      firedMs: Number(depRow.fired_ms),
      deadlineMs: watched.deadlineMs,
      decided: decided.get(t.id),
      nowMs,
      ended,
    });
    return conditionHolds(cond.on, reached.has(t.id), status);
  });
}
