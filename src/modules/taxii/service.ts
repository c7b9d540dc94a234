/**
 * The TAXII 2.1 server's rules: two API roots (real intelligence and drill data, which never mix),
 * collection rights (can_read, can_write) checked before anything else, TLP applied to every page
 * in the database, paging by cursor, a status resource for every POST, and DELETE as the standard
 * has it (can_read and can_write on the collection) narrowed to the object's owner and node admins.
 */
import type { Db } from '../../db/index.js';
import { forbidden, notFound } from '../../errors.js';
import { type Actor, isNodeAdmin } from '../identity/actor.js';
import * as collections from '../intel/collections.service.js';
import { deleteVersions, ingest, isUnversioned, isVisible, readObjects } from '../intel/objects.service.js';
import { readerFor } from '../intel/reader.js';
import { encodeCursor, type Filters, resume, type Scope } from './cursor.js';
import { TAXII_MEDIA } from './media.js';
import { type Page, presentCollection, presentStatus } from './presenters.js';
import { type Envelope, StixId, type TaxiiStatus } from './schema.js';
import * as statusStore from './status.store.js';

export const MAX_CONTENT_LENGTH = 10 * 1024 * 1024;
export const PAGE_DEFAULT = 100;
export const PAGE_MAX = 1000;
export const ROOT_PATH = '/taxii2';

const ROOTS: Record<collections.ApiRoot, { title: string; description: string }> = {
  real: { title: 'Kizuna intelligence', description: 'Threat intelligence shared day to day under TLP 2.0' },
  exercise: {
    title: 'Kizuna exercise data',
    description: 'EXERCISE: objects created in drills. They never appear in the real API root, its queries or its exports.',
  },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function apiRoot(name: string): collections.ApiRoot {
  if (name === 'real' || name === 'exercise') return name;
  throw notFound('API root');
}

export function discovery() {
  return {
    title: 'Kizuna TAXII 2.1 server',
    description: 'Threat sharing between national CERTs under TLP 2.0',
    default: `${ROOT_PATH}/real/`,
    api_roots: [`${ROOT_PATH}/real/`, `${ROOT_PATH}/exercise/`],
  };
}

export function apiRootInfo(name: string) {
  return { ...ROOTS[apiRoot(name)], versions: [TAXII_MEDIA], max_content_length: MAX_CONTENT_LENGTH };
}

export async function listCollections(db: Db, actor: Actor, name: string) {
  const found = await collections.list(db, actor, apiRoot(name));
  return found.length ? { collections: found.map(presentCollection) } : {};
}

export async function getCollection(db: Db, actor: Actor, name: string, collectionId: string) {
  return presentCollection(await collections.get(db, actor, apiRoot(name), collectionId));
}

export interface PageRequest {
  filters: Filters;
  limit?: number;
  next?: string;
}

/** The query parameters of a TAXII request as filters (values already checked and normalised). */
export function filtersFrom(q: {
  added_after?: string;
  'match[id]'?: string[];
  'match[type]'?: string[];
  'match[version]'?: string[];
  'match[spec_version]'?: string[];
}): Filters {
  const f: Filters = {
    addedAfter: q.added_after,
    ids: q['match[id]'],
    types: q['match[type]'],
    versions: q['match[version]'],
    specVersions: q['match[spec_version]'],
  };
  for (const key of Object.keys(f) as (keyof Filters)[]) if (f[key] === undefined) delete f[key];
  return f;
}

/**
 * One page for any of the four paged endpoints. Filters come from the request, or from the cursor
 * when the client sends `next` alone; `fixed` are the endpoint's own (the object's id, all versions).
 */
async function readPage(
  db: Db,
  actor: Actor,
  name: string,
  scope: Scope,
  req: PageRequest,
  fixed: Filters,
  withObject: boolean,
): Promise<Page> {
  const root = apiRoot(name);
  if (scope.objectId !== undefined && !StixId.safeParse(scope.objectId).success) throw notFound('Object');
  const { filters, after } = req.next ? resume(req.next, scope, req.filters) : { filters: req.filters, after: undefined };
  const limit = Math.min(req.limit ?? PAGE_DEFAULT, PAGE_MAX);
  // One object is read while the collection check runs (on PostgreSQL, on another connection) and
  // dropped unseen if the check refuses; it was filtered by TLP for this reader anyway. A page of a
  // collection waits for the check, so a caller without rights costs no page query. The check's
  // answer comes first (a malformed collection id is a 404, not the page's SQL error).
  const reader = await readerFor(db, actor);
  const check = collections.requireRead(db, actor, root, scope.collectionId);
  const read = () => readObjects(db, reader, { collectionId: scope.collectionId, ...filters, ...fixed, after, limit }, withObject);
  const [checked, page] = await Promise.allSettled([check, scope.objectId !== undefined ? read() : check.then(read)]);
  if (checked.status === 'rejected') throw checked.reason;
  if (page.status === 'rejected') throw page.reason;
  const rows = page.value;
  if (!rows.length && !req.next && scope.objectId && !(await isVisible(db, reader, scope.collectionId, scope.objectId))) {
    throw notFound('Object');
  }
  const more = rows.length > limit;
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1];
  return { rows: shown, more, next: more ? encodeCursor(scope, filters, { dateAdded: last.date_added, pk: last.pk }) : undefined };
}

export async function getObjects(db: Db, actor: Actor, name: string, collectionId: string, req: PageRequest): Promise<Page> {
  return readPage(db, actor, name, { kind: 'objects', collectionId }, req, {}, true);
}

export async function getManifest(db: Db, actor: Actor, name: string, collectionId: string, req: PageRequest): Promise<Page> {
  return readPage(db, actor, name, { kind: 'manifest', collectionId }, req, {}, false);
}

export async function getObject(
  db: Db,
  actor: Actor,
  name: string,
  collectionId: string,
  objectId: string,
  req: PageRequest,
): Promise<Page> {
  return readPage(db, actor, name, { kind: 'object', collectionId, objectId }, req, { ids: [objectId] }, true);
}

export async function getVersions(
  db: Db,
  actor: Actor,
  name: string,
  collectionId: string,
  objectId: string,
  req: PageRequest,
): Promise<Page> {
  return readPage(db, actor, name, { kind: 'versions', collectionId, objectId }, req, { ids: [objectId], versions: ['all'] }, false);
}

/**
 * Stores an envelope's objects and answers the status resource, written in the same transaction as
 * the objects: a status that reports success means the objects are there. Processing is
 * synchronous, so every status is complete when it is first returned.
 */
export async function addObjects(db: Db, actor: Actor, name: string, collectionId: string, envelope: Envelope): Promise<TaxiiStatus> {
  const root = apiRoot(name);
  await collections.requireWrite(db, actor, root, collectionId);
  const requestTimestamp = new Date().toISOString();
  return db.transaction(async (tx) => {
    const result = await ingest(tx, actor, { collectionId, exerciseId: null, action: 'taxii.add_objects' }, envelope.objects);
    const row = await statusStore.insert(tx, {
      apiRoot: root,
      collectionId,
      requestedBy: actor.kind === 'user' ? actor.userId : null,
      requestTimestamp,
      successes: result.successes.map((s) => ({
        id: s.id,
        // Unversioned observables are versioned by the time they were added, as TAXII has it.
        version: isUnversioned(s.version) && s.dateAdded ? s.dateAdded : s.version,
        ...(s.dateAdded ? {} : { message: 'This version was already in the collection' }),
      })),
      failures: result.failures.map((f) => ({ id: f.id ?? '', version: f.version ?? '', message: f.message })),
    });
    return presentStatus(row);
  });
}

/**
 * TAXII 2.1 (5.7): deleting needs both can_read and can_write on the collection; without match
 * parameters every version goes. Kizuna narrows it further: only the organisation that owns the
 * object (or a node admin) deletes, and only versions the actor may read are touched, so an object
 * the actor may not see answers 404 like any other missing object.
 */
export async function deleteObject(
  db: Db,
  actor: Actor,
  name: string,
  collectionId: string,
  objectId: string,
  filters: Filters,
): Promise<void> {
  const c = await collections.get(db, actor, apiRoot(name), collectionId);
  if (!c.canRead || !c.canWrite) throw forbidden('Deleting needs both can_read and can_write on the collection');
  if (!StixId.safeParse(objectId).success) throw notFound('Object');
  const deleted = await deleteVersions(db, actor, {
    collectionId,
    stixId: objectId,
    versions: filters.versions,
    specVersions: filters.specVersions,
    action: 'taxii.delete_object',
  });
  if (!deleted.length) throw notFound('Object');
}

/** A status resource, to the user who made the request (and node admins); 404 to anyone else. */
export async function getStatus(db: Db, actor: Actor, name: string, statusId: string): Promise<TaxiiStatus> {
  const root = apiRoot(name);
  const row = UUID.test(statusId) ? await statusStore.get(db, root, statusId) : undefined;
  const mine = row && (isNodeAdmin(actor) || (actor.kind === 'user' && row.requested_by === actor.userId));
  if (!row || !mine) throw notFound('Status');
  return presentStatus(row);
}
