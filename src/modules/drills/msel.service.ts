/**
 * Editing an exercise's MSEL: injects and expectations. Every save checks the whole resulting
 * schedule (msel.ts) and refuses an impossible one with a 400 naming the injects; injects that
 * have fired or been skipped are history and cannot change (409). Adding an inject while the
 * exercise runs is "add live": due now unless an offset is given. Lead controllers only.
 */
import type { z } from 'zod';
import type { Db } from '../../db/index.js';
import { AppError, conflict, notFound } from '../../errors.js';
import * as audit from '../audit/service.js';
import { type Actor, actorLabel } from '../identity/actor.js';
import { type Access, accessTo, requireLead, requireStaff } from './access.js';
import { addLive } from './clock/index.js';
import { logEvent, wakeWorkers } from './events.js';
import * as exercises from './exercises.store.js';
import type { ExpectationDef, InjectDef } from './msel.js';
import * as store from './msel.store.js';
import { expectationView, injectDef, injectView } from './presenters.js';
import type * as s from './schema.js';
import { assertValidSchedule } from './scenarios.service.js';
import * as teams from './teams.store.js';

type InjectView = z.infer<typeof s.InjectView>;

async function currentMsel(db: Db, exerciseId: string) {
  const owner = { exerciseId };
  const [rows, exps] = await Promise.all([store.listInjects(db, owner), store.listExpectations(db, owner)]);
  return { rows, exps, defs: rows.map((r) => injectDef(r, exps)) };
}

async function checkTeams(db: Db, exerciseId: string, injects: InjectDef[]) {
  const named = injects.flatMap((i) => i.targets.teams ?? []);
  if (!named.length) return;
  const known = new Set((await teams.list(db, exerciseId)).map((t) => t.id));
  const issues = injects.flatMap((inj, i) =>
    (inj.targets.teams ?? [])
      .filter((t) => !known.has(t))
      .map((t) => ({ path: `injects.${i}.targets.teams`, message: `${inj.ref}: team ${t} is not in this exercise` })),
  );
  if (issues.length) throw new AppError('validation_failed', issues.map((i) => i.message).join('; '), issues);
}

function requireEditable(a: Access) {
  requireLead(a);
  if (a.exercise.status === 'finished' || a.exercise.status === 'cancelled') {
    throw conflict(`The exercise is ${a.exercise.status}: reset it to change its MSEL`);
  }
}

async function afterChange(tx: Db, a: Access, injectId?: string) {
  if (a.exercise.status === 'running') {
    await exercises.rescheduleAll(tx, a.exercise.id, exercises.clockOf(a.exercise), injectId);
    await wakeWorkers(tx);
  }
}

export async function getMsel(db: Db, actor: Actor, exerciseId: string): Promise<{ items: InjectView[] }> {
  const a = await accessTo(db, actor, exerciseId);
  requireStaff(a);
  const { rows, exps } = await currentMsel(db, exerciseId);
  return { items: rows.map((r) => injectView(r, exps)) };
}

export async function getInject(db: Db, actor: Actor, exerciseId: string, injectId: string): Promise<InjectView> {
  const a = await accessTo(db, actor, exerciseId);
  const row = await store.getInject(db, injectId);
  // Players read injects through their inbox; to them the MSEL does not exist.
  if (!row || row.exercise_id !== exerciseId || (!a.lead && !a.evaluator && !a.countries.length)) throw notFound('Inject');
  return injectView(row, await store.expectationsOfInjects(db, [row.id]));
}

export async function addInject(db: Db, actor: Actor, exerciseId: string, input: s.NewInjectInput): Promise<InjectView> {
  const a = await accessTo(db, actor, exerciseId, 'update');
  requireEditable(a);
  const running = a.exercise.status === 'running' || a.exercise.status === 'paused';
  const live = Boolean(input.live) || (running && input.offsetMs === undefined);
  if (input.live && !running) throw conflict('Injects are added live only while the exercise runs or is paused');
  const now = await exercises.dbNow(db);
  // The clock decides where a live inject goes: at T+offset when given, else at "now" in exercise time.
  const offsetMs = addLive(
    exercises.clockOf(a.exercise),
    input.ref,
    input.offsetMs !== undefined ? { offsetMs: input.offsetMs } : { afterMs: 0 },
    now,
  ).offsetMs;
  const def: InjectDef = { ...(input as InjectDef), offsetMs };
  const { defs } = await currentMsel(db, exerciseId);
  assertValidSchedule([...defs, def]);
  await checkTeams(db, exerciseId, [def]);
  const id = await db.transaction(async (tx) => {
    const id = await store.insertInject(tx, { exerciseId }, def, { addedLive: live });
    await afterChange(tx, a, id);
    await audit.record(tx, actor, {
      action: live ? 'inject.add_live' : 'inject.create',
      targetType: 'inject',
      targetId: id,
      organisationId: a.exercise.lead_organisation_id,
      summary: { exercise: exerciseId, ref: def.ref, offsetMs },
    });
    await logEvent(tx, {
      exerciseId,
      kind: live ? 'inject.added_live' : 'inject.created',
      actor: actorLabel(actor),
      injectId: id,
      data: { ref: def.ref, offsetMs },
    });
    return id;
  });
  return getInject(db, actor, exerciseId, id);
}

async function pendingInject(db: Db, exerciseId: string, injectId: string) {
  const row = await store.getInject(db, injectId);
  if (!row || row.exercise_id !== exerciseId) throw notFound('Inject');
  if (row.state !== 'pending')
    throw conflict(
      `${row.ref} has ${row.state === 'fired' ? 'already fired' : `been ${row.state.replace('_', ' ')}`}: it can no longer change`,
    );
  return row;
}

export async function updateInject(db: Db, actor: Actor, exerciseId: string, injectId: string, patch: s.InjectPatch): Promise<InjectView> {
  const a = await accessTo(db, actor, exerciseId, 'update');
  requireEditable(a);
  const row = await pendingInject(db, exerciseId, injectId);
  const { rows, defs } = await currentMsel(db, exerciseId);
  const at = rows.findIndex((r) => r.id === injectId);
  const next: InjectDef = { ...defs[at], ...(patch as Partial<InjectDef>) };
  const all = defs.map((d, i) => (i === at ? next : d));
  assertValidSchedule(all);
  await checkTeams(db, exerciseId, [next]);
  await db.transaction(async (tx) => {
    await store.updateInject(tx, injectId, next);
    await afterChange(tx, a, injectId);
    await audit.record(tx, actor, {
      action: 'inject.update',
      targetType: 'inject',
      targetId: injectId,
      organisationId: a.exercise.lead_organisation_id,
      summary: { exercise: exerciseId, ref: row.ref, changed: Object.keys(patch) },
    });
    await logEvent(tx, { exerciseId, kind: 'inject.updated', actor: actorLabel(actor), injectId, data: { ref: next.ref } });
  });
  return getInject(db, actor, exerciseId, injectId);
}

export async function deleteInject(db: Db, actor: Actor, exerciseId: string, injectId: string): Promise<void> {
  const a = await accessTo(db, actor, exerciseId, 'update');
  requireEditable(a);
  const row = await pendingInject(db, exerciseId, injectId);
  const { rows, defs } = await currentMsel(db, exerciseId);
  assertValidSchedule(defs.filter((_, i) => rows[i].id !== injectId));
  await db.transaction(async (tx) => {
    await store.deleteInject(tx, injectId);
    await audit.record(tx, actor, {
      action: 'inject.delete',
      targetType: 'inject',
      targetId: injectId,
      organisationId: a.exercise.lead_organisation_id,
      summary: { exercise: exerciseId, ref: row.ref },
    });
    await logEvent(tx, { exerciseId, kind: 'inject.deleted', actor: actorLabel(actor), data: { ref: row.ref } });
  });
}

/** Replaces the whole MSEL; only before the exercise has started (the run has no history yet). */
export async function replaceMsel(db: Db, actor: Actor, exerciseId: string, injects: InjectDef[]): Promise<{ items: InjectView[] }> {
  const a = await accessTo(db, actor, exerciseId, 'update');
  requireLead(a);
  if (a.exercise.status !== 'scheduled')
    throw conflict('The whole MSEL is replaced only before the exercise starts; edit single injects instead');
  assertValidSchedule(injects);
  await checkTeams(db, exerciseId, injects);
  await db.transaction(async (tx) => {
    await store.deleteAll(tx, { exerciseId });
    for (const inj of injects) await store.insertInject(tx, { exerciseId }, inj);
    await audit.record(tx, actor, {
      action: 'exercise.msel_replace',
      targetType: 'exercise',
      targetId: exerciseId,
      organisationId: a.exercise.lead_organisation_id,
      summary: { injects: injects.length },
    });
    await logEvent(tx, { exerciseId, kind: 'msel.replaced', actor: actorLabel(actor), data: { injects: injects.length } });
  });
  return getMsel(db, actor, exerciseId);
}

export async function listExpectations(db: Db, actor: Actor, exerciseId: string) {
  const a = await accessTo(db, actor, exerciseId);
  requireStaff(a);
  return { items: (await store.listExpectations(db, { exerciseId })).map(expectationView) };
}

/** Expectation edits are inject edits: the same schedule check and the same rule on fired injects. */
export async function addExpectation(db: Db, actor: Actor, exerciseId: string, injectId: string, input: s.ExpectationInput) {
  const inj = await getInject(db, actor, exerciseId, injectId);
  const list = [...inj.expectations.map(toDef), input as ExpectationDef];
  const updated = await updateInject(db, actor, exerciseId, injectId, { expectations: list as s.ExpectationInput[] });
  return expectationOf(updated, input.ref);
}

export async function updateExpectation(db: Db, actor: Actor, exerciseId: string, expectationId: string, patch: s.ExpectationPatch) {
  const x = await store.getExpectation(db, expectationId);
  if (!x || x.exercise_id !== exerciseId) throw notFound('Expectation');
  const inj = await getInject(db, actor, exerciseId, x.inject_id);
  const list = inj.expectations.map((e) => (e.id === expectationId ? { ...toDef(e), ...(patch as Partial<ExpectationDef>) } : toDef(e)));
  const updated = await updateInject(db, actor, exerciseId, x.inject_id, { expectations: list as s.ExpectationInput[] });
  return expectationOf(updated, patch.ref ?? x.ref);
}

export async function deleteExpectation(db: Db, actor: Actor, exerciseId: string, expectationId: string): Promise<void> {
  const x = await store.getExpectation(db, expectationId);
  if (!x || x.exercise_id !== exerciseId) throw notFound('Expectation');
  const inj = await getInject(db, actor, exerciseId, x.inject_id);
  const list = inj.expectations.filter((e) => e.id !== expectationId).map(toDef);
  await updateInject(db, actor, exerciseId, x.inject_id, { expectations: list as s.ExpectationInput[] });
}

function toDef(e: z.infer<typeof s.ExpectationView>): ExpectationDef {
  return {
    ref: e.ref,
    kind: e.kind,
    description: e.description,
    deadlineMs: e.deadlineMs,
    score: e.score,
    per: e.per,
    flag: e.flag,
    expectedIndicators: e.expectedIndicators,
  };
}

function expectationOf(inj: InjectView, ref: string): z.infer<typeof s.ExpectationView> {
  const e = inj.expectations.find((x) => x.ref === ref);
  if (!e) throw notFound('Expectation');
  return e;
}
