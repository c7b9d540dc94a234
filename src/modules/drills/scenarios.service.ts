/**
 * Scenarios: reusable MSELs. The built-in ones ship in ./scenarios and are installed (or updated
 * when their definition changed) the first time a process touches scenarios, so a fresh node lists
 * them. Built-ins are read-only; an exercise made from one is a deep copy and is edited freely.
 * Controllers, evaluators and admins read scenarios; controllers write their organisation's own.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../db/index.js';
import { AppError, conflict, forbidden, notFound } from '../../errors.js';
import { likePattern, type Page } from '../../lib/list.js';
import * as audit from '../audit/service.js';
import { type Actor, hasRoleIn, isNodeAdmin, systemActor } from '../identity/actor.js';
import { validateMsel, type InjectDef } from './msel.js';
import * as mselStore from './msel.store.js';
import { injectView, scenarioView } from './presenters.js';
import type * as s from './schema.js';
import * as store from './scenarios.store.js';
import { builtinScenarios } from './scenarios/index.js';
import type { z } from 'zod';

type Scenario = z.infer<typeof s.Scenario>;
type ScenarioDetail = z.infer<typeof s.ScenarioDetail>;

const installed = new WeakSet<Db>();
const INSTALL_LOCK = 4_242_005;

/** Installs or refreshes the built-in scenarios once per process and store. */
export async function ensureBuiltins(db: Db): Promise<void> {
  if (installed.has(db)) return;
  for (const b of builtinScenarios()) {
    const hash = createHash('sha256').update(JSON.stringify(b)).digest('hex');
    const current = await store.byBuiltinKey(db, b.key);
    if (current?.content_hash === hash) continue;
    await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [INSTALL_LOCK]);
      const again = await store.byBuiltinKey(tx, b.key);
      if (again?.content_hash === hash) return;
      let id = again?.id;
      if (id) {
        await store.update(tx, id, { name: b.name, summary: b.summary, contentHash: hash });
        await mselStore.deleteAll(tx, { scenarioId: id });
      } else {
        id = await store.insert(tx, { name: b.name, summary: b.summary, ownerOrganisationId: null, builtinKey: b.key, contentHash: hash });
      }
      for (const inj of b.injects) await mselStore.insertInject(tx, { scenarioId: id }, inj);
      await audit.record(tx, systemActor('drills'), {
        action: again ? 'scenario.builtin_update' : 'scenario.builtin_install',
        targetType: 'scenario',
        targetId: id,
        organisationId: null,
        summary: { key: b.key, injects: b.injects.length },
      });
    });
  }
  installed.add(db);
}

/** Planners: controllers, evaluators and admins anywhere. Players do not browse scenarios (flags). */
function requirePlanner(actor: Actor) {
  if (isNodeAdmin(actor)) return;
  if (actor.kind === 'user' && actor.memberships.some((m) => ['controller', 'evaluator', 'org_admin'].includes(m.role))) return;
  throw forbidden('Only controllers, evaluators and admins read scenarios');
}

function readableOrganisations(actor: Actor): string[] | null {
  if (isNodeAdmin(actor) || actor.kind !== 'user') return null;
  return [...new Set(actor.memberships.map((m) => m.organisationId))];
}

export async function list(db: Db, actor: Actor, q: z.infer<typeof s.ScenarioQuery>): Promise<Page<Scenario>> {
  requirePlanner(actor);
  await ensureBuiltins(db);
  const rows = await store.list(db, {
    organisationIds: readableOrganisations(actor),
    q: likePattern(q.q),
    limit: q.limit,
    offset: q.offset,
  });
  return { items: rows.map(scenarioView), total: rows[0]?.total ?? 0, limit: q.limit, offset: q.offset };
}

async function readable(db: Db, actor: Actor, id: string): Promise<store.ScenarioRow> {
  requirePlanner(actor);
  await ensureBuiltins(db);
  const row = await store.get(db, id);
  const orgs = readableOrganisations(actor);
  if (!row || (orgs && row.builtin_key === null && !(row.owner_organisation_id && orgs.includes(row.owner_organisation_id)))) {
    throw notFound('Scenario');
  }
  return row;
}

export async function get(db: Db, actor: Actor, id: string): Promise<ScenarioDetail> {
  const row = await readable(db, actor, id);
  const owner = { scenarioId: id };
  const [injects, exps] = await Promise.all([mselStore.listInjects(db, owner), mselStore.listExpectations(db, owner)]);
  return { ...scenarioView(row), injects: injects.map((i) => injectView(i, exps)) };
}

/** Throws 400 listing every schedule problem, each naming its inject. */
export function assertValidSchedule(injects: InjectDef[]): void {
  const issues = validateMsel(injects);
  if (issues.length) {
    throw new AppError('validation_failed', `The schedule is impossible: ${issues.map((i) => i.message).join('; ')}`, issues);
  }
}

export async function create(db: Db, actor: Actor, input: s.ScenarioInput): Promise<ScenarioDetail> {
  const organisationId =
    input.organisationId ?? (actor.kind === 'user' ? actor.memberships.find((m) => m.role === 'controller')?.organisationId : undefined);
  if (!organisationId || !(isNodeAdmin(actor) || hasRoleIn(actor, [organisationId], ['controller']))) {
    throw forbidden('Only controllers write scenarios for their organisation');
  }
  const injects = input.injects as InjectDef[];
  assertValidSchedule(injects);
  const id = await db.transaction(async (tx) => {
    const id = await store.insert(tx, { name: input.name, summary: input.summary, ownerOrganisationId: organisationId });
    for (const inj of injects) await mselStore.insertInject(tx, { scenarioId: id }, inj);
    await audit.record(tx, actor, {
      action: 'scenario.create',
      targetType: 'scenario',
      targetId: id,
      organisationId,
      summary: { name: input.name, injects: injects.length },
    });
    return id;
  });
  return get(db, actor, id);
}

export async function replaceMsel(db: Db, actor: Actor, id: string, injects: InjectDef[]): Promise<ScenarioDetail> {
  const row = await readable(db, actor, id);
  if (row.builtin_key) throw conflict('Built-in scenarios are read-only: create an exercise from it and edit the exercise');
  if (!(isNodeAdmin(actor) || (row.owner_organisation_id && hasRoleIn(actor, [row.owner_organisation_id], ['controller'])))) {
    throw forbidden('Only controllers of the owning organisation edit this scenario');
  }
  assertValidSchedule(injects);
  await db.transaction(async (tx) => {
    await mselStore.deleteAll(tx, { scenarioId: id });
    for (const inj of injects) await mselStore.insertInject(tx, { scenarioId: id }, inj);
    await store.update(tx, id, { name: row.name, summary: row.summary });
    await audit.record(tx, actor, {
      action: 'scenario.msel_replace',
      targetType: 'scenario',
      targetId: id,
      organisationId: row.owner_organisation_id,
      summary: { injects: injects.length },
    });
  });
  return get(db, actor, id);
}

/** For exercise creation: the scenario must be readable by the actor. */
export async function requireReadable(db: Db, actor: Actor, id: string): Promise<store.ScenarioRow> {
  return readable(db, actor, id);
}
