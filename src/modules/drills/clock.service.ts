/**
 * Running an exercise: clock commands (start, pause, resume, speed, finish, cancel, reset) and
 * inject commands (fire now, skip). Lead controllers only. Each command locks the exercise row,
 * applies the pure clock (./clock), rewrites the due time of every pending inject in the same
 * transaction, is audited and logged, and wakes the workers. Like the clock's model worker, it
 * settles around the command: whatever was already due under the old clock fires before it (a
 * pause never swallows an inject whose time had come but no worker had seen yet), and whatever
 * is due under the new clock fires at once.
 */
import type { Db } from '../../db/index.js';
import { notFound } from '../../errors.js';
import * as audit from '../audit/service.js';
import { type Actor, actorLabel } from '../identity/actor.js';
import { accessTo, requireLead } from './access.js';
import * as clk from './clock/index.js';
import { logEvent, wakeWorkers } from './events.js';
import * as exercises from './exercises.store.js';
import { view } from './exercises.service.js';
import { type FireOptions, fireInject, teamFacts } from './fire.js';
import * as msel from './msel.store.js';
import { injectView } from './presenters.js';

export const clockCommands = ['start', 'pause', 'resume', 'speed', 'finish', 'cancel', 'reset'] as const;
export type ClockCommand = (typeof clockCommands)[number];

export async function command(db: Db, actor: Actor, exerciseId: string, cmd: ClockCommand, input: { speed?: number } = {}) {
  await db.transaction(async (tx) => {
    const a = await accessTo(tx, actor, exerciseId, 'update');
    requireLead(a);
    await applyTo(tx, a.exercise, cmd, input.speed, actor);
  });
  return view(db, exerciseId);
}

function next(c: clk.ClockState, cmd: ClockCommand, now: number, speed: number | undefined): clk.ClockState {
  switch (cmd) {
    case 'start':
      return clk.start(c, now);
    case 'pause':
      return clk.pause(c, now);
    case 'resume':
      return clk.resume(c, now);
    case 'speed':
      if (speed === undefined) throw new clk.ClockError('invalid_speed', 'Give the new speed', { speed: null });
      return clk.setSpeed(c, now, speed);
    case 'finish':
      return clk.finish(c, now);
    case 'cancel':
      return clk.cancel(c, now);
    case 'reset':
      return clk.reset(c);
  }
}

/** Fires, in the caller's transaction, every pending inject of a locked exercise that is due by now. */
async function settle(tx: Db, ex: exercises.ExerciseRow, now: number, opts: FireOptions): Promise<string[]> {
  const due = await tx.query<msel.InjectRow>(
    `SELECT ${msel.injectColumns} FROM drill_injects i
     WHERE i.exercise_id = $1 AND i.state = 'pending' AND i.due_at IS NOT NULL AND i.due_at <= to_timestamp($2::float8 / 1000)
     ORDER BY i.due_at, i.offset_ms, i.ref FOR UPDATE`,
    [ex.id, now],
  );
  if (!due.length) return [];
  const facts = await teamFacts(tx, ex.id);
  for (const inj of due) await fireInject(tx, ex, facts, inj, { ...opts, now });
  return due.map((d) => d.ref);
}

/** Applies a clock command to a locked exercise row (shared with the worker's planned starts and rehearsals). */
export async function applyTo(
  tx: Db,
  ex: exercises.ExerciseRow,
  cmd: ClockCommand,
  speed: number | undefined,
  actor: Actor,
): Promise<clk.ClockState> {
  const before = exercises.clockOf(ex);
  const now = await exercises.dbNow(tx);
  const after = next(before, cmd, now, speed);
  const settledBefore = cmd === 'reset' ? [] : await settle(tx, ex, now, { by: 'clock' });
  if (cmd === 'reset') await exercises.clearRun(tx, ex.id);
  await exercises.saveClock(tx, ex.id, after);
  const updated = (await exercises.get(tx, ex.id)) as exercises.ExerciseRow;
  const settledAfter = await settle(tx, updated, now, { by: 'clock' });
  const atMs = clk.exerciseTimeAt(before, now);
  await audit.record(tx, actor, {
    action: `exercise.${cmd}`,
    targetType: 'exercise',
    targetId: ex.id,
    organisationId: ex.lead_organisation_id,
    summary: {
      from: before.status,
      to: after.status,
      exerciseMs: atMs,
      ...(cmd === 'speed' ? { speedFrom: before.speed, speed: after.speed } : {}),
      ...(settledBefore.length || settledAfter.length ? { fired: [...settledBefore, ...settledAfter] } : {}),
    },
  });
  await logEvent(tx, {
    exerciseId: ex.id,
    kind: `clock.${cmd}`,
    actor: actorLabel(actor),
    data: { status: after.status, speed: after.speed, exerciseMs: atMs },
  });
  await wakeWorkers(tx);
  return after;
}

async function lockedInject(tx: Db, exerciseId: string, injectId: string) {
  const row = await msel.getInject(tx, injectId, true);
  if (!row || row.exercise_id !== exerciseId) throw notFound('Inject');
  return row;
}

const asClockInject = (row: msel.InjectRow): clk.ClockInject => ({
  id: row.ref,
  offsetMs: Number(row.offset_ms),
  // The clock knows pending, fired and skipped; an unmet condition is as final as a skip.
  state: row.state === 'condition_unmet' ? 'skipped' : row.state,
});

/** Fires an inject now, whatever its schedule or condition says, while the exercise runs or is paused. */
export async function fireNow(db: Db, actor: Actor, exerciseId: string, injectId: string) {
  const out = await db.transaction(async (tx) => {
    const a = await accessTo(tx, actor, exerciseId, 'update');
    requireLead(a);
    const row = await lockedInject(tx, exerciseId, injectId);
    const now = await exercises.dbNow(tx);
    clk.fireNow(exercises.clockOf(a.exercise), asClockInject(row), now);
    const result = await fireInject(tx, a.exercise, await teamFacts(tx, exerciseId), row, {
      by: 'controller',
      ignoreCondition: true,
      actorLabel: actorLabel(actor),
      now,
    });
    await audit.record(tx, actor, {
      action: 'inject.fire_now',
      targetType: 'inject',
      targetId: injectId,
      organisationId: a.exercise.lead_organisation_id,
      summary: { exercise: exerciseId, ref: row.ref, deliveries: result.deliveries },
    });
    await wakeWorkers(tx);
    return result;
  });
  return { ...(await injectAfter(db, injectId)), deliveries: out.deliveries };
}

/** Skips an inject that has not fired; it needs no clock, so it works while planning too. */
export async function skip(db: Db, actor: Actor, exerciseId: string, injectId: string) {
  await db.transaction(async (tx) => {
    const a = await accessTo(tx, actor, exerciseId, 'update');
    requireLead(a);
    const row = await lockedInject(tx, exerciseId, injectId);
    clk.skip(asClockInject(row));
    await tx.query(`UPDATE drill_injects SET state = 'skipped', due_at = NULL, updated_at = now() WHERE id = $1`, [injectId]);
    await audit.record(tx, actor, {
      action: 'inject.skip',
      targetType: 'inject',
      targetId: injectId,
      organisationId: a.exercise.lead_organisation_id,
      summary: { exercise: exerciseId, ref: row.ref },
    });
    await logEvent(tx, { exerciseId, kind: 'inject.skipped', actor: actorLabel(actor), injectId, data: { ref: row.ref } });
  });
  return injectAfter(db, injectId);
}

async function injectAfter(db: Db, injectId: string) {
  const row = (await msel.getInject(db, injectId)) as msel.InjectRow;
  return injectView(row, await msel.expectationsOfInjects(db, [injectId]));
}
