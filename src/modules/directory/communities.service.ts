/**
 * Sharing communities: named sets of organisations across countries (ASEAN, ASEAN-Japan,
 * ADMM-Plus). GREEN intelligence flows within them. Node admins shape them; everyone signed in sees
 * who is in which community.
 */
import type { Db } from '../../db/index.js';
import { AppError, forbidden, notFound } from '../../errors.js';
import { type Page, pageOf } from '../../lib/list.js';
import * as audit from '../audit/service.js';
import { type Actor, isNodeAdmin } from '../identity/actor.js';
import * as store from './communities.store.js';
import type { Community, CommunityInput, CommunityPatch } from './schema.js';

function present(r: store.CommunityRow, members?: Awaited<ReturnType<typeof store.members>>): Community {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    memberCount: r.member_count,
    members: members?.map((m) => ({ id: m.id, name: m.name, type: m.type as never, countryCode: m.country_code })),
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

function requireSignedIn(actor: Actor) {
  if (actor.kind === 'user' && !actor.memberships.length) throw forbidden();
}

function requireAdmin(actor: Actor) {
  if (!isNodeAdmin(actor)) throw forbidden('Only node admins manage communities');
}

export async function list(db: Db, actor: Actor, q: Parameters<typeof store.list>[1]): Promise<Page<Community>> {
  requireSignedIn(actor);
  const rows = await store.list(db, q);
  return pageOf(
    rows,
    q,
    (r) => present(r),
    () => store.list(db, { ...q, offset: 0, limit: 1 }),
  );
}

export async function get(db: Db, actor: Actor, id: string): Promise<Community> {
  requireSignedIn(actor);
  const row = await store.get(db, id);
  if (!row) throw notFound('Community');
  return present(row, await store.members(db, id));
}

async function checkMembers(db: Db, ids: string[]) {
  const missing = await store.missingOrganisations(db, ids);
  if (missing.length) {
    throw new AppError(
      'validation_failed',
      'Unknown organisations',
      missing.map((id) => ({ path: `memberIds.${ids.indexOf(id)}`, message: 'No such organisation' })),
    );
  }
}

async function checkName(db: Db, name: string, exceptId?: string) {
  if (await store.byName(db, name, exceptId)) {
    throw new AppError('conflict', 'A community with this name exists', [{ path: 'name', message: 'Already in use' }]);
  }
}

export async function create(db: Db, actor: Actor, input: CommunityInput, externalKey?: string): Promise<Community> {
  requireAdmin(actor);
  const memberIds = [...new Set(input.memberIds ?? [])];
  return db.transaction(async (tx) => {
    await checkName(tx, input.name);
    await checkMembers(tx, memberIds);
    const id = await store.insert(tx, { name: input.name, description: input.description ?? '', externalKey });
    if (memberIds.length) await store.addMembers(tx, id, memberIds);
    await audit.record(tx, actor, {
      action: 'community.create',
      targetType: 'community',
      targetId: id,
      organisationId: null,
      summary: { name: input.name, members: memberIds.length },
    });
    return present((await store.get(tx, id)) as store.CommunityRow, await store.members(tx, id));
  });
}

export async function update(db: Db, actor: Actor, id: string, patch: CommunityPatch): Promise<Community> {
  requireAdmin(actor);
  const current = await store.get(db, id);
  if (!current) throw notFound('Community');
  return db.transaction(async (tx) => {
    if (patch.name) await checkName(tx, patch.name, id);
    await store.update(tx, id, { name: patch.name ?? current.name, description: patch.description ?? current.description });
    await audit.record(tx, actor, {
      action: 'community.update',
      targetType: 'community',
      targetId: id,
      organisationId: null,
      summary: { ...patch },
    });
    return present((await store.get(tx, id)) as store.CommunityRow, await store.members(tx, id));
  });
}

export async function addMember(db: Db, actor: Actor, id: string, organisationId: string): Promise<Community> {
  requireAdmin(actor);
  if (!(await store.get(db, id))) throw notFound('Community');
  return db.transaction(async (tx) => {
    await checkMembers(tx, [organisationId]);
    if (await store.addMembers(tx, id, [organisationId])) {
      await audit.record(tx, actor, {
        action: 'community.add_member',
        targetType: 'community',
        targetId: id,
        organisationId,
        summary: { organisationId },
      });
    }
    return present((await store.get(tx, id)) as store.CommunityRow, await store.members(tx, id));
  });
}

export async function removeMember(db: Db, actor: Actor, id: string, organisationId: string): Promise<Community> {
  requireAdmin(actor);
  if (!(await store.get(db, id))) throw notFound('Community');
  return db.transaction(async (tx) => {
    if (!(await store.removeMember(tx, id, organisationId))) throw notFound('Member');
    await audit.record(tx, actor, {
      action: 'community.remove_member',
      targetType: 'community',
      targetId: id,
      organisationId,
      summary: { organisationId },
    });
    return present((await store.get(tx, id)) as store.CommunityRow, await store.members(tx, id));
  });
}

export const communityIdsOf = store.communityIdsOf;
