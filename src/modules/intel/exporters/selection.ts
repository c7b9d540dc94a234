/**
 * What an export may contain: the objects of one collection that the actor may read, chosen by id,
 * type or date added, latest version of each. Reading goes through `queryObjects` with the actor's
 * TLP reader (tlp.ts), so an export never holds an object the actor could not fetch one by one; on
 * top of that, RED objects are withheld from every export (DESIGN.md: RED never goes into a bulk
 * export), and the count of withheld objects is reported so the user knows something was left out.
 */
import type { Db } from '../../../db/index.js';
import { AppError, notFound } from '../../../errors.js';
import type { Actor } from '../../identity/actor.js';
import * as collections from '../collections.service.js';
import { exists as collectionExists } from '../collections.store.js';
import { isUuid } from '../importers/ids.js';
import { queryObjects } from '../objects.store.js';
import { readerFor } from '../reader.js';
import { type Reader, tlpOf } from '../tlp.js';

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
  const kept = rows.filter((r) => tlpOf(r.object) !== 'red');
  return {
    collection,
    objects: kept.map((r) => r.object),
    owners: new Map(kept.map((r) => [r.object.id as string, r.owner])),
    withheldRed: rows.length - kept.length,
    reader,
  };
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
