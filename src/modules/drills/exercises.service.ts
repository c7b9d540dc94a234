/**
 * Exercises: one run of a plan. Created from a scenario by a deep copy of its MSEL (or empty), then
 * edited freely. Controllers of the lead organisation create and change them; who may read is
 * decided by access.ts. Every change is audited in its transaction and logged as an exercise event.
 */
import type { z } from 'zod';
import type { Db } from '../../db/index.js';
import { forbidden } from '../../errors.js';
import { likePattern, type Page } from '../../lib/list.js';
import * as audit from '../audit/service.js';
import { type Actor, actorLabel, hasRoleIn, isNodeAdmin } from '../identity/actor.js';
import * as organisations from '../directory/organisations.service.js';
import { accessTo, nationalCountries, requireLead } from './access.js';
import { logEvent } from './events.js';
import * as store from './exercises.store.js';
import * as mselStore from './msel.store.js';
import { exerciseView } from './presenters.js';
import type * as s from './schema.js';
import * as scenarios from './scenarios.service.js';

type Exercise = z.infer<typeof s.Exercise>;

export async function view(db: Db, id: string): Promise<Exercise> {
  const [row, now] = await Promise.all([store.get(db, id), store.dbNow(db)]);
  if (!row) throw new Error(`exercise ${id} vanished`);
  return exerciseView(row, now);
}

export async function create(db: Db, actor: Actor, input: s.ExerciseInput, opts: { simulated?: boolean } = {}): Promise<Exercise> {
  await organisations.requireOrganisationRef(db, input.leadOrganisationId);
  if (!(isNodeAdmin(actor) || hasRoleIn(actor, [input.leadOrganisationId], ['controller']))) {
    throw forbidden('Only controllers of the lead organisation create its exercises');
  }
  const scenario = input.scenarioId ? await scenarios.requireReadable(db, actor, input.scenarioId) : null;
  const id = await db.transaction(async (tx) => {
    const id = await store.insert(tx, {
      scenarioId: scenario?.id ?? null,
      name: input.name,
      description: input.description,
      leadOrganisationId: input.leadOrganisationId,
      plannedStartAt: input.plannedStartAt ?? null,
      simulated: opts.simulated ?? false,
      speed: input.speed,
    });
    const copied = scenario ? await mselStore.copyScenarioMsel(tx, scenario.id, id) : 0;
    await audit.record(tx, actor, {
      action: 'exercise.create',
      targetType: 'exercise',
      targetId: id,
      organisationId: input.leadOrganisationId,
      summary: { name: input.name, scenario: scenario?.name ?? null, injects: copied, simulated: opts.simulated ?? false },
    });
    await logEvent(tx, { exerciseId: id, kind: 'exercise.created', actor: actorLabel(actor), data: { injects: copied } });
    return id;
  });
  return view(db, id);
}

export async function get(db: Db, actor: Actor, id: string): Promise<Exercise> {
  await accessTo(db, actor, id);
  return view(db, id);
}

export async function list(db: Db, actor: Actor, q: z.infer<typeof s.ExerciseQuery>): Promise<Page<Exercise>> {
  let visibility: store.Visibility | null = null;
  if (!isNodeAdmin(actor)) {
    if (actor.kind !== 'user') throw forbidden();
    visibility = {
      organisationIds: actor.memberships.filter((m) => m.role === 'controller' || m.role === 'evaluator').map((m) => m.organisationId),
      countryCodes: await nationalCountries(db, actor),
      userId: actor.userId,
    };
  }
  const [rows, now] = await Promise.all([
    store.list(db, visibility, { status: q.status, q: likePattern(q.q), limit: q.limit, offset: q.offset }),
    store.dbNow(db),
  ]);
  return { items: rows.map((r) => exerciseView(r, now)), total: rows[0]?.total ?? 0, limit: q.limit, offset: q.offset };
}

export async function update(db: Db, actor: Actor, id: string, patch: s.ExercisePatch): Promise<Exercise> {
  const a = await accessTo(db, actor, id);
  requireLead(a);
  const e = a.exercise;
  await db.transaction(async (tx) => {
    await store.update(tx, id, {
      name: patch.name ?? e.name,
      description: patch.description ?? e.description,
      plannedStartAt: patch.plannedStartAt !== undefined ? patch.plannedStartAt : e.planned_start_at,
    });
    await audit.record(tx, actor, {
      action: 'exercise.update',
      targetType: 'exercise',
      targetId: id,
      organisationId: e.lead_organisation_id,
      summary: patch,
    });
    await logEvent(tx, { exerciseId: id, kind: 'exercise.updated', actor: actorLabel(actor), data: patch });
  });
  return view(db, id);
}
