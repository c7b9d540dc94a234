/**
 * Organisations: national CERTs, ministries, agencies, provinces, cities and hospitals, in a tree
 * (a national CERT above the IT units of its network). Everyone signed in reads the directory; node
 * admins create organisations; org admins edit their own organisation and those under it.
 */
import type { Db } from '../../db/index.js';
import { AppError, forbidden, notFound } from '../../errors.js';
import { type Page, pageOf } from '../../lib/list.js';
import * as audit from '../audit/service.js';
import { type Actor, hasRoleIn, isNodeAdmin } from '../identity/actor.js';
import type { Organisation, OrganisationInput, OrganisationPatch } from './schema.js';
import * as store from './organisations.store.js';

export function presentOrganisation(r: store.OrganisationRow): Organisation {
  return {
    id: r.id,
    name: r.name,
    shortName: r.short_name,
    type: r.type as Organisation['type'],
    sector: r.sector,
    countryCode: r.country_code,
    countryName: r.country_name,
    parentId: r.parent_id,
    parentName: r.parent_name,
    stixIdentityId: r.stix_identity_id,
    siteCount: r.site_count,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

function requireSignedIn(actor: Actor) {
  if (actor.kind === 'user' && actor.memberships.length === 0) throw forbidden('You have no role in any organisation');
}

export async function list(db: Db, actor: Actor, q: Parameters<typeof store.list>[1]): Promise<Page<Organisation>> {
  requireSignedIn(actor);
  const rows = await store.list(db, q);
  return pageOf(rows, q, presentOrganisation, () => store.list(db, { ...q, offset: 0, limit: 1 }));
}

export async function get(db: Db, actor: Actor, id: string): Promise<Organisation> {
  requireSignedIn(actor);
  const row = await store.get(db, id);
  if (!row) throw notFound('Organisation');
  return presentOrganisation(row);
}

export async function requireOrganisationRef(db: Db, id: string) {
  const row = await store.ref(db, id);
  if (!row) throw new AppError('validation_failed', 'Unknown organisation', [{ path: 'organisationId', message: 'No such organisation' }]);
  return row;
}

/** Organisations with every one above them, and the communities they belong to. */
export const standing = (db: Db, organisationIds: string[]) => store.standing(db, organisationIds);

export async function canManage(db: Db, actor: Actor, organisationId: string): Promise<boolean> {
  if (isNodeAdmin(actor)) return true;
  return hasRoleIn(actor, await store.ancestry(db, organisationId), ['org_admin']);
}

async function checkValues(db: Db, v: store.OrganisationValues, selfId?: string) {
  if (!(await store.countryExists(db, v.countryCode))) {
    throw new AppError('validation_failed', 'Unknown country', [{ path: 'countryCode', message: 'Not an ISO 3166-1 country' }]);
  }
  if (v.parentId) {
    if (!(await store.ref(db, v.parentId))) {
      throw new AppError('validation_failed', 'Unknown parent organisation', [{ path: 'parentId', message: 'No such organisation' }]);
    }
    if (selfId && (await store.ancestry(db, v.parentId)).includes(selfId)) {
      throw new AppError('validation_failed', 'An organisation cannot be placed under itself', [
        { path: 'parentId', message: 'Would make a cycle' },
      ]);
    }
  }
}

export async function create(db: Db, actor: Actor, input: OrganisationInput, externalKey?: string): Promise<Organisation> {
  // Org admins may add organisations under their own (a national CERT registering its network).
  const allowed = isNodeAdmin(actor) || (input.parentId ? await canManage(db, actor, input.parentId) : false);
  if (!allowed) throw forbidden('Only node admins, or admins of the parent organisation, create organisations');
  const values = toValues(input);
  return db.transaction(async (tx) => {
    await checkValues(tx, values);
    const id = await store.insert(tx, { ...values, externalKey });
    await audit.record(tx, actor, {
      action: 'organisation.create',
      targetType: 'organisation',
      targetId: id,
      organisationId: id,
      summary: { ...input },
    });
    return presentOrganisation((await store.get(tx, id)) as store.OrganisationRow);
  });
}

export async function update(db: Db, actor: Actor, id: string, patch: OrganisationPatch): Promise<Organisation> {
  const current = await store.get(db, id);
  if (!current) throw notFound('Organisation');
  if (!(await canManage(db, actor, id))) throw forbidden();
  const values = { ...toValues({ ...fromRow(current), ...patch }) };
  if (patch.parentId !== undefined && patch.parentId !== current.parent_id && !isNodeAdmin(actor)) {
    if (patch.parentId === null || !(await canManage(db, actor, patch.parentId)))
      throw forbidden('You cannot move this organisation there');
  }
  return db.transaction(async (tx) => {
    await checkValues(tx, values, id);
    await store.update(tx, id, values);
    await audit.record(tx, actor, {
      action: 'organisation.update',
      targetType: 'organisation',
      targetId: id,
      organisationId: id,
      summary: { ...patch },
    });
    return presentOrganisation((await store.get(tx, id)) as store.OrganisationRow);
  });
}

function fromRow(r: store.OrganisationRow): OrganisationInput {
  return {
    name: r.name,
    shortName: r.short_name,
    type: r.type as OrganisationInput['type'],
    sector: r.sector,
    countryCode: r.country_code,
    parentId: r.parent_id,
  };
}

function toValues(i: OrganisationInput): store.OrganisationValues {
  return {
    name: i.name,
    shortName: i.shortName ?? null,
    type: i.type,
    sector: i.sector ?? null,
    countryCode: i.countryCode,
    parentId: i.parentId ?? null,
  };
}

export async function listCountries(db: Db, q?: string) {
  const items = await store.listCountries(db, q);
  return { items, total: items.length, limit: items.length, offset: 0 };
}

/** Finds an organisation by id, external key (`cert:VN`), exact name or short name (CLI). */
export async function resolve(db: Db, text: string): Promise<{ id: string; name: string }> {
  const rows = await db.query<{ id: string; name: string }>(
    `SELECT id, name FROM organisations
      WHERE id::text = $1 OR external_key = $1 OR lower(name) = lower($1) OR lower(short_name) = lower($1) LIMIT 2`,
    [text],
  );
  if (rows.length !== 1)
    throw new AppError(
      rows.length ? 'conflict' : 'not_found',
      rows.length ? `"${text}" names more than one organisation; use its id` : `No organisation "${text}"`,
    );
  return rows[0];
}

/** The organisation that runs this node (its first admin's home); created if the directory is empty of it. */
export async function ensureHomeOrganisation(db: Db, actor: Actor, countryCode: string): Promise<string> {
  const key = `cert:${countryCode}`;
  const found = await store.byExternalKey(db, key);
  if (found) return found.id;
  const created = await create(db, actor, { name: `National CERT (${countryCode})`, type: 'national_cert', countryCode }, key);
  return created.id;
}

/**
 * Private directory records (people, points of contact) are read by members of the organisation or
 * of one above it, and by node admins. Returns the roots whose subtrees the actor may read, or null
 * for "everything".
 */
export function privateReadRoots(actor: Actor): string[] | null {
  if (isNodeAdmin(actor)) return null;
  return actor.kind === 'user' ? [...new Set(actor.memberships.map((m) => m.organisationId))] : [];
}

export async function canReadPrivate(db: Db, actor: Actor, organisationId: string): Promise<boolean> {
  const roots = privateReadRoots(actor);
  if (roots === null) return true;
  const chain = await store.ancestry(db, organisationId);
  return chain.some((id) => roots.includes(id));
}

/**
 * Whom an organisation shares with beyond its own tree: its whole national network (from the top
 * organisation down) and the organisations of its communities. Null: every organisation.
 */
export const sharingCircle = (db: Db, organisationIds: string[] | null, like: string | null = null) =>
  store.circle(db, organisationIds, like);

/** A country's organisations (drill teams and their players belong to one country). */
export const inCountry = (db: Db, countryCode: string, like: string | null = null) => store.inCountry(db, countryCode, like);

/** The organisations `roots` and those under them (the reach of private directory records). */
export const subtreeOf = (db: Db, roots: string[]) => store.subtree(db, roots);

/** Every organisation whose private records (people's addresses) the actor reads; null: all. */
export async function privateReach(db: Db, actor: Actor): Promise<string[] | null> {
  const roots = privateReadRoots(actor);
  return roots ? store.subtree(db, roots) : null;
}

/** Organisation ids by the STIX identity that stands for them (created_by_ref → owner). */
export async function organisationsByStixIdentity(db: Db, identityIds: string[]): Promise<Map<string, string>> {
  if (!identityIds.length) return new Map();
  const rows = await store.byStixIdentity(db, [...new Set(identityIds)]);
  return new Map(rows.map((r) => [r.stix_identity_id, r.id]));
}
