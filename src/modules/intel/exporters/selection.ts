/**
 * What an export may contain: the objects of one collection that the actor may read, chosen by id,
 * type or date added, latest version of each. Reading goes through `queryObjects` with the actor's
 * TLP reader (tlp.ts), so an export never holds an object the actor could not fetch one by one; on
 * top of that, RED objects are withheld from every export (DESIGN.md: RED never goes into a bulk
 * export), and the count of withheld objects is reported so the user knows something was left out.
 * Nor does an export name what it may not carry: a `*_ref` or `*_refs` value pointing at an object
 * the node holds but the reader may not receive (or RED) is taken out, and an object that is only
 * a link to such an object (a relationship or sighting whose end is hidden, a report left with no
 * refs) is left out whole, so that nothing in an export reveals the id of something withheld.
 * Marking references stay: they name marking definitions, whose ids are public handling rules,
 * and removing one would loosen the object's handling.
 */
import type { Db } from '../../../db/index.js';
import { AppError, notFound } from '../../../errors.js';
import type { Actor } from '../../identity/actor.js';
import * as collections from '../collections.service.js';
import { exists as collectionExists } from '../collections.store.js';
import { isUuid } from '../importers/ids.js';
import { queryObjects } from '../objects.store.js';
import { readerFor } from '../reader.js';
import { validateStixObject } from '../stix/validate.js';
import { type Reader, tlpOf } from '../tlp.js';
import { unexportable } from './refs.store.js';

export type StixObject = Record<string, unknown>;

export interface Selection {
  collectionId: string;
  /** STIX ids; absent means every object of the collection (subject to the other filters). */
  ids?: string[];
  types?: string[];
  /** Only objects added after this time (ISO 8601). */
  addedAfter?: string;
}

export interface Selected {
  collection: collections.Collection;
  objects: StixObject[];
  /** The organisation that owns each object in Kizuna, by STIX id (null: none on this node). */
  owners: Map<string, string | null>;
  /** RED objects the actor could read but that no export carries. */
  withheldRed: number;
  /** Objects left out because they only link to something the export may not name. */
  withheldLinks: number;
  /** References taken out of the objects carried, for the same reason. */
  removedRefs: number;
  reader: Reader;
}

/** Exports are built in memory; beyond this the caller should page through TAXII instead. */
export const MAX_EXPORT_OBJECTS = 100_000;
const PAGE = 1000;

export async function selectForExport(db: Db, actor: Actor, sel: Selection): Promise<Selected> {
  const found = isUuid(sel.collectionId) ? await collectionExists(db, sel.collectionId) : undefined;
  if (!found) throw notFound('Collection');
  const collection = await collections.requireRead(db, actor, found.api_root as collections.ApiRoot, sel.collectionId);
  const reader = await readerFor(db, actor);
  const rows = await readAll(db, reader, sel);
  const notRed = rows.filter((r) => tlpOf(r.object) !== 'red');
  const hidden = await unexportable(db, reader, collection.apiRoot, [...new Set(notRed.flatMap((r) => namedIds(r.object)))]);
  let removedRefs = 0;
  const kept: { object: StixObject; owner: string | null }[] = [];
  for (const r of notRed) {
    const cleaned = withoutRefs(r.object, hidden);
    if (!cleaned) continue;
    removedRefs += cleaned.removed;
    kept.push({ object: cleaned.object, owner: r.owner });
  }
  return {
    collection,
    objects: kept.map((r) => r.object),
    owners: new Map(kept.map((r) => [r.object.id as string, r.owner])),
    withheldRed: rows.length - notRed.length,
    withheldLinks: notRed.length - kept.length,
    removedRefs,
    reader,
  };
}

/** Properties that name other objects, apart from markings (see the top of this file). */
const isRefKey = (key: string) => /_refs?$/.test(key) && key !== 'object_marking_refs' && key !== 'marking_ref';

/** Every id an object names in its references, at any depth (extensions hold references too). */
function namedIds(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) namedIds(v, out);
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (isRefKey(key)) for (const id of Array.isArray(v) ? v : [v]) if (typeof id === 'string') out.push(id);
      if (typeof v === 'object') namedIds(v, out);
    }
  }
  return out;
}

/**
 * The object without references to hidden ids, or null when it cannot stand without them: a
 * reference the STIX rules require (a relationship's ends, what a sighting is of, a report's refs)
 * pointed at a hidden object, so the object is about that object and goes too.
 */
function withoutRefs(object: StixObject, hidden: Set<string>): { object: StixObject; removed: number } | null {
  if (!hidden.size) return { object, removed: 0 };
  let removed = 0;
  const clean = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(clean);
    if (!value || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (isRefKey(key) && typeof v === 'string' && hidden.has(v)) {
        removed++;
        continue;
      }
      if (isRefKey(key) && Array.isArray(v)) {
        const left = v.filter((id) => !(typeof id === 'string' && hidden.has(id)));
        removed += v.length - left.length;
        if (left.length) out[key] = left;
        continue;
      }
      out[key] = clean(v);
    }
    return out;
  };
  const cleaned = clean(object) as StixObject;
  if (!removed) return { object, removed: 0 };
  return validateStixObject(cleaned).ok ? { object: cleaned, removed } : null;
}

async function readAll(db: Db, reader: Reader, sel: Selection): Promise<{ object: StixObject; owner: string | null }[]> {
  const out: { object: StixObject; owner: string | null }[] = [];
  let after: { dateAdded: string; pk: string } | undefined;
  for (;;) {
    const rows = await queryObjects(db, {
      collectionId: sel.collectionId,
      reader,
      ids: sel.ids,
      types: sel.types,
      addedAfter: sel.addedAfter,
      after,
      limit: PAGE,
    });
    for (const row of rows.slice(0, PAGE)) out.push({ object: JSON.parse(row.object as string), owner: row.owner_organisation_id });
    if (out.length > MAX_EXPORT_OBJECTS) {
      throw new AppError('payload_too_large', `The selection holds more than ${MAX_EXPORT_OBJECTS} objects; narrow it by type, id or date`);
    }
    if (rows.length <= PAGE) return out;
    const last = rows[PAGE - 1];
    after = { dateAdded: last.date_added, pk: last.pk };
  }
}

/**
 * Names of the identities the objects were created by, where the actor may read them in the same
 * collection (a name the actor may not read stays a bare id).
 */
export async function creatorNames(db: Db, reader: Reader, collectionId: string, objects: StixObject[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const o of objects) if (o.type === 'identity' && typeof o.name === 'string') names.set(o.id as string, o.name);
  const missing = [...new Set(objects.map((o) => o.created_by_ref).filter((r): r is string => typeof r === 'string' && !names.has(r)))];
  if (missing.length) {
    const rows = await queryObjects(db, { collectionId, reader, ids: missing, types: ['identity'], limit: missing.length });
    for (const r of rows) {
      const identity = JSON.parse(r.object as string) as StixObject;
      if (typeof identity.name === 'string' && tlpOf(identity) !== 'red') names.set(r.stix_id, identity.name);
    }
  }
  return names;
}
