/**
 * TAXII collections. Each belongs to an API root ('real' or 'exercise'); organisations are granted
 * can_read and can_write per collection, and the creating organisation gets both. Node admins
 * manage every collection; an object's TLP still decides who receives it inside a readable
 * collection.
 */
import type { Db } from '../../db/index.js';
import { AppError, forbidden, notFound } from '../../errors.js';
import * as audit from '../audit/service.js';
import { type Actor, hasRoleIn, homeOrganisation, isNodeAdmin, type Role } from '../identity/actor.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
import * as store from './collections.store.js';

export type ApiRoot = 'real' | 'exercise';

export interface Collection {
  id: string;
  apiRoot: ApiRoot;
  title: string;
  description: string;
  alias: string | null;
  ownerOrganisationId: string | null;
  canRead: boolean;
  canWrite: boolean;
}

const present = (r: store.CollectionRow): Collection => ({
  id: r.id,
  apiRoot: r.api_root,
  title: r.title,
  description: r.description,
  alias: r.alias,
  ownerOrganisationId: r.owner_organisation_id,
  canRead: r.can_read,
  canWrite: r.can_write,
});

/**
 * Which roles a collection grant serves. Observers and evaluators read; analysts, controllers, admins
 * and peer nodes also write. In drills (the exercise root) players read and submit too.
 */
const READ_ROLES: Role[] = ['node_admin', 'org_admin', 'controller', 'evaluator', 'analyst', 'observer', 'peer'];
const WRITE_ROLES: Role[] = ['node_admin', 'org_admin', 'controller', 'analyst', 'peer'];

/** Organisations whose grants apply to the actor for reading or writing; null means all (node admins, the system). */
function grantScope(actor: Actor, apiRoot: ApiRoot, mode: 'read' | 'write'): string[] | null {
  if (isNodeAdmin(actor)) return null;
  if (actor.kind !== 'user') return [];
  const roles = [...(mode === 'read' ? READ_ROLES : WRITE_ROLES), ...(apiRoot === 'exercise' ? (['player'] as Role[]) : [])];
  return [...new Set(actor.memberships.filter((m) => roles.includes(m.role)).map((m) => m.organisationId))];
}

const rows = (db: Db, actor: Actor, apiRoot: ApiRoot, id?: string) =>
  store.listFor(db, apiRoot, grantScope(actor, apiRoot, 'read'), grantScope(actor, apiRoot, 'write'), id);

export async function list(db: Db, actor: Actor, apiRoot: ApiRoot): Promise<Collection[]> {
  return (await rows(db, actor, apiRoot)).map(present);
}

/** A collection the actor may see; 404 for one they may not (its existence is not confirmed). */
export async function get(db: Db, actor: Actor, apiRoot: ApiRoot, id: string): Promise<Collection> {
  if (!UUID.test(id)) throw notFound('Collection');
  const [row] = await rows(db, actor, apiRoot, id);
  if (!row) throw notFound('Collection');
  return present(row);
}

/** Whether the actor may write intelligence for this organisation (own it, share it, delete it). */
export function writesFor(actor: Actor, organisationId: string | null): boolean {
  return isNodeAdmin(actor) || (organisationId !== null && hasRoleIn(actor, [organisationId], WRITE_ROLES));
}

export async function requireRead(db: Db, actor: Actor, apiRoot: ApiRoot, id: string): Promise<Collection> {
  const c = await get(db, actor, apiRoot, id);
  if (!c.canRead) throw forbidden('You may not read this collection');
  return c;
}

export async function requireWrite(db: Db, actor: Actor, apiRoot: ApiRoot, id: string): Promise<Collection> {
  const c = await get(db, actor, apiRoot, id);
  if (!c.canWrite) throw forbidden('You may not write to this collection');
  return c;
}

/** A collection by id alone, in whichever API root holds it, for writing (console and imports). */
export async function requireWriteById(db: Db, actor: Actor, id: string): Promise<Collection> {
  const found = UUID.test(id) ? await store.exists(db, id) : undefined;
  if (!found) throw notFound('Collection');
  return requireWrite(db, actor, found.api_root as ApiRoot, id);
}

export async function create(
  db: Db,
  actor: Actor,
  input: { title: string; description?: string; alias?: string | null; apiRoot: ApiRoot; organisationId?: string },
): Promise<Collection> {
  const organisationId = input.organisationId ?? homeOrganisation(actor);
  if (!organisationId) throw new AppError('bad_request', 'A collection needs an owning organisation');
  const allowed = isNodeAdmin(actor) || hasRoleIn(actor, [organisationId], ['org_admin', 'analyst', 'controller']);
  if (!allowed) throw forbidden('Only analysts, controllers and admins create collections');
  return db.transaction(async (tx) => {
    const id = await store.insert(tx, {
      apiRoot: input.apiRoot,
      title: input.title,
      description: input.description ?? '',
      alias: input.alias ?? null,
      ownerOrganisationId: organisationId,
    });
    await store.grant(tx, id, organisationId, true, true);
    await audit.record(tx, actor, {
      action: 'collection.create',
      targetType: 'collection',
      targetId: id,
      organisationId,
      summary: { title: input.title, apiRoot: input.apiRoot },
    });
    const [row] = await store.listFor(tx, input.apiRoot, null, null, id);
    return present(row);
  });
}

/** Grants (or changes) an organisation's rights on a collection: node admins and the owner's admins. */
export async function grant(
  db: Db,
  actor: Actor,
  collectionId: string,
  organisationId: string,
  rights: { canRead: boolean; canWrite: boolean },
) {
  const [row] = await store.listFor(db, (await store.exists(db, collectionId))?.api_root ?? 'real', null, null, collectionId);
  if (!row) throw notFound('Collection');
  const owner = row.owner_organisation_id;
  if (!isNodeAdmin(actor) && !(owner && hasRoleIn(actor, [owner], ['org_admin']))) throw forbidden();
  await db.transaction(async (tx) => {
    await store.grant(tx, collectionId, organisationId, rights.canRead, rights.canWrite);
    await audit.record(tx, actor, {
      action: 'collection.grant',
      targetType: 'collection',
      targetId: collectionId,
      organisationId,
      summary: rights,
    });
  });
}
