/**
 * Storing STIX objects. Each object is validated (schemas and the spec's extra rules), given its
 * TLP and owning organisation, stored as a new version unless that exact version is already there,
 * indexed for correlation, and shared by default as its marking implies. A batch stores the valid
 * objects and reports each invalid one with its reason; one audit entry records the batch.
 * Reading a collection page (TLP applied in the database) and deleting versions (owners and node
 * admins only, audited) live here too, so TAXII and any other path share the same rules.
 */
import type { Db } from '../../db/index.js';
import * as audit from '../audit/service.js';
import { type Actor, homeOrganisation, isNodeAdmin, memberOf } from '../identity/actor.js';
import { communityIdsOf } from '../directory/communities.service.js';
import { organisationsByStixIdentity } from '../directory/organisations.service.js';
import { forbidden } from '../../errors.js';
import { writesFor } from './collections.service.js';
import { carriesExerciseMarking, exerciseMarking, withExerciseMarking } from './exercise.js';
import { observablesOf } from './observables.js';
import * as store from './objects.store.js';
import { readerFor } from './reader.js';
import { validateStixObject } from './stix/validate.js';
import { type Reader, tlpOf } from './tlp.js';

export interface StoredObject {
  id: string;
  version: string;
  dateAdded?: string;
}

export interface FailedObject {
  id: string | null;
  version: string | null;
  message: string;
}

export interface IngestResult {
  successes: StoredObject[];
  failures: FailedObject[];
  /** How many of the successes were new versions (the rest were exact duplicates). */
  added: number;
}

/**
 * A STIX timestamp at the store's precision, written as the store writes it back (six fraction
 * digits; further digits dropped), so that a version can be matched with the stored row exactly.
 */
export function toMicros(timestamp: string): string {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z$/.exec(timestamp);
  if (m) return `${m[1]}.${(m[2] ?? '').slice(0, 6).padEnd(6, '0')}Z`;
  const date = new Date(timestamp);
  return Number.isNaN(date.getTime()) ? timestamp : date.toISOString().replace('Z', '000Z');
}

const UNVERSIONED_MICROS = toMicros(store.UNVERSIONED);

/** Whether a stored version is the fixed one of objects without `modified` or `created`. */
export const isUnversioned = (version: string) => version === UNVERSIONED_MICROS;

/** Unversioned objects (most cyber-observables) get one fixed version, so a repeat is a duplicate. */
export function versionOf(o: { modified?: unknown; created?: unknown }): string {
  return toMicros(typeof o.modified === 'string' ? o.modified : typeof o.created === 'string' ? o.created : store.UNVERSIONED);
}

export interface IngestTarget {
  collectionId: string;
  exerciseId?: string | null;
  /** Audit action name, e.g. taxii.add_objects or intel.import. */
  action: string;
  /**
   * Owner of objects whose creator is no directory organisation when the actor has none either
   * (the operator's command line): the collection's owner, so such objects are not orphaned.
   */
  fallbackOwnerId?: string | null;
}

/**
 * Validates and stores objects in one transaction. Permission to write to the collection is the
 * caller's check (collections service); this function applies the rules every path shares.
 *
 * On PostgreSQL, which works in another process, a large batch goes in chunks: each chunk's insert
 * is sent before the next chunk is validated, so the two overlap. PGlite runs in this thread,
 * where overlapping gains nothing and each statement costs, so it gets the batch in one chunk.
 */
export async function ingest(db: Db, actor: Actor, target: IngestTarget, objects: unknown[]): Promise<IngestResult> {
  const failures: FailedObject[] = [];
  const valid: Valid[] = [];
  const chunkSize = db.kind === 'postgres' ? OVERLAP_CHUNK : Math.max(1, objects.length);
  let validated = 0;
  /** Validates the next chunk; returns its valid objects (also kept in `valid`). */
  const validateChunk = (): Valid[] => {
    const chunk: Valid[] = [];
    for (const end = Math.min(objects.length, validated + chunkSize); validated < end; validated++) {
      const candidate = objects[validated];
      const result = validateStixObject(candidate);
      if (result.ok) {
        const object = result.object as Record<string, unknown>;
        chunk.push({ object, version: versionOf(object) });
        continue;
      }
      const raw = (candidate ?? {}) as Record<string, unknown>;
      failures.push({
        id: typeof raw.id === 'string' ? raw.id : null,
        version: typeof raw.modified === 'string' ? raw.modified : typeof raw.created === 'string' ? raw.created : null,
        message: result.errors.map((e) => `${e.path || '(object)'}: ${e.message}`).join('; '),
      });
    }
    valid.push(...chunk);
    return chunk;
  };
  let chunk = validateChunk();
  if (!valid.length && validated === objects.length) return { successes: [], failures, added: 0 };

  return db.transaction(async (tx) => {
    const owners = await organisationsByStixIdentity(tx, createdByRefs(objects));
    const { at: dateAdded, apiRoot } = await store.lockAndStamp(tx, target.collectionId);
    // Drill data is marked as such on the way into the exercise root, and refused by the real one.
    const inExercise = apiRoot === 'exercise';
    const outOfPlace = new Set<Valid>();
    const admit = (chunk: Valid[]): Valid[] =>
      chunk.filter((v) => {
        if (inExercise) v.object = withExerciseMarking(v.object);
        else if (carriesExerciseMarking(v.object)) {
          outOfPlace.add(v);
          failures.push({
            id: v.object.id as string,
            version: v.version,
            message: 'This object carries the EXERCISE marking: drill data cannot be stored as real intelligence',
          });
          return false;
        }
        return true;
      });
    const actorOrg = homeOrganisation(actor) ?? target.fallbackOwnerId ?? null;
    // created_by_ref makes a directory organisation the owner only when the writer acts for it (a
    // member, a node admin, or the operator's command line): otherwise anyone could give their
    // objects to another organisation, or take its place as owner. Objects created by others are
    // owned by the writer's organisation, which is the one that shares them onward.
    const ownerOf = (ref: unknown): string | null => {
      const named = typeof ref === 'string' ? owners.get(ref) : undefined;
      return named && (isNodeAdmin(actor) || memberOf(actor, [named])) ? named : actorOrg;
    };
    const rowsOf = (chunk: Valid[]): store.NewObjectRow[] =>
      chunk.map(({ object, version }) => ({
        stixId: object.id as string,
        type: object.type as string,
        specVersion: typeof object.spec_version === 'string' ? object.spec_version : '2.1',
        version,
        ownerOrganisationId: ownerOf(object.created_by_ref),
        tlp: tlpOf(object),
        object,
        observables: observablesOf(object),
      }));

    // The insert is sent, then the next chunk validated while the database works, then awaited
    // (nothing else is awaited in between, so a failure surfaces here and rolls everything back).
    const rows: store.NewObjectRow[] = [];
    const inserted: store.InsertedRow[] = [];
    for (;;) {
      const batch = rowsOf(admit(chunk));
      rows.push(...batch);
      const storing = store.insertObjects(tx, target.collectionId, target.exerciseId ?? null, batch, dateAdded);
      chunk = validated < objects.length ? validateChunk() : [];
      inserted.push(...(await storing));
      if (!chunk.length && validated === objects.length) break;
    }
    const insertedByKey = new Map(inserted.map((r) => [`${r.stix_id}|${r.version}`, r]));
    // The exercise marking's definition goes beside the objects naming it, so every reader can resolve it.
    if (inExercise && inserted.length) {
      const definition = { object: exerciseMarking, version: versionOf(exerciseMarking) };
      await store.insertObjects(tx, target.collectionId, target.exerciseId ?? null, rowsOf([definition]), dateAdded);
    }

    // Default sharing follows the marking: GREEN to the owner's communities, RED to the person who
    // shared it. AMBER and AMBER+STRICT reach the owner until someone addresses them further.
    const sharing: store.SharingEntry[] = [];
    const communitiesByOwner = new Map<string, string[]>();
    for (const row of rows) {
      if (!insertedByKey.has(`${row.stixId}|${row.version}`)) continue;
      if (row.tlp === 'green' && row.ownerOrganisationId) {
        let ids = communitiesByOwner.get(row.ownerOrganisationId);
        if (!ids) {
          ids = await communityIdsOf(tx, row.ownerOrganisationId);
          communitiesByOwner.set(row.ownerOrganisationId, ids);
        }
        for (const communityId of ids) sharing.push({ stixId: row.stixId, ownerOrganisationId: row.ownerOrganisationId, communityId });
      }
      if (row.tlp === 'red' && actor.kind === 'user')
        sharing.push({ stixId: row.stixId, ownerOrganisationId: row.ownerOrganisationId, userId: actor.userId });
    }
    await store.insertSharing(tx, sharing);
    await store.keepStatistics(tx, inserted.length);

    // The same version twice in one batch is added once: the second copy is reported as a duplicate.
    // A copy that is not the stored object (same id and version, other content) is refused: a change
    // needs a later `modified`, and cyber-observables, which have none, cannot change at all.
    const reported = new Set<string>();
    const outcomes = valid
      .filter((v) => !outOfPlace.has(v))
      .map(({ object, version }) => {
        const key = `${object.id}|${version}`;
        const ins = reported.has(key) ? undefined : insertedByKey.get(key);
        reported.add(key);
        return { id: object.id as string, version, object, dateAdded: ins?.date_added };
      });
    const copies = outcomes.filter((o) => o.dateAdded === undefined);
    const differing = await store.differingFromStored(
      tx,
      target.collectionId,
      copies.map((c) => ({ stixId: c.id, version: c.version, object: c.object })),
    );
    const refused = new Set(copies.filter((_, n) => differing.has(n)));
    for (const c of refused) {
      failures.push({
        id: c.id,
        version: c.version,
        message: isUnversioned(c.version)
          ? 'This object has no version (no modified or created) and is already stored with other content; it cannot change'
          : 'Another object with this id and version is already stored; a changed object needs a later modified',
      });
    }
    if (inserted.length) {
      await audit.record(tx, actor, {
        action: target.action,
        targetType: 'collection',
        targetId: target.collectionId,
        summary: {
          added: inserted.length,
          duplicates: valid.length - outOfPlace.size - inserted.length - refused.size,
          failed: failures.length,
          exercise: target.exerciseId ?? undefined,
        },
      });
    }
    const successes = outcomes.filter((o) => !refused.has(o)).map(({ id, version, dateAdded }) => ({ id, version, dateAdded }));
    return { successes, failures, added: inserted.length };
  });
}

/**
 * Objects per chunk when PostgreSQL stores one chunk while the next is validated. Measured on two
 * cores: validating 250 indicators takes a little less than storing them (8 against 10 ms); 125,
 * 200, 334, 500 and 1,000, and a smaller first chunk, were no faster.
 */
const OVERLAP_CHUNK = 250;

interface Valid {
  object: Record<string, unknown>;
  version: string;
}

/** Every created_by_ref in a batch (those of objects found invalid are simply not used). */
function createdByRefs(objects: unknown[]): string[] {
  const refs = new Set<string>();
  for (const o of objects) {
    const ref = typeof o === 'object' && o !== null ? (o as { created_by_ref?: unknown }).created_by_ref : undefined;
    if (typeof ref === 'string') refs.add(ref);
  }
  return [...refs];
}

/**
 * One page of a collection's objects as the reader may see them (TLP is applied in the database;
 * see objects.store.ts for the paging and version rules).
 */
export function readObjects(db: Db, reader: Reader, q: Omit<store.ObjectQuery, 'reader'>, withObject = true): Promise<store.ObjectRow[]> {
  return store.queryObjects(db, { ...q, reader }, withObject);
}

/** Whether the reader may see any version of an object in a collection. */
export async function isVisible(db: Db, reader: Reader, collectionId: string, stixId: string): Promise<boolean> {
  const rows = await store.queryObjects(db, { collectionId, reader, ids: [stixId], versions: ['all'], limit: 1 }, false);
  return rows.length > 0;
}

/**
 * Deletes versions of an object from a collection: those the filters match among the versions the
 * actor may read. Only the owning organisation's writers and node admins delete; one audit entry
 * names every version removed. Returns the versions deleted; none means nothing matched.
 */
export async function deleteVersions(
  db: Db,
  actor: Actor,
  target: { collectionId: string; stixId: string; versions?: string[]; specVersions?: string[]; action: string },
): Promise<string[]> {
  const reader = await readerFor(db, actor);
  return db.transaction(async (tx) => {
    const rows = await store.queryObjects(
      tx,
      {
        collectionId: target.collectionId,
        reader,
        ids: [target.stixId],
        versions: target.versions ?? ['all'],
        specVersions: target.specVersions,
        limit: 100_000,
      },
      false,
    );
    if (!rows.length) return [];
    if (rows.some((r) => !writesFor(actor, r.owner_organisation_id))) {
      throw forbidden('Only the organisation that owns an object, or a node admin, may delete it');
    }
    await store.deleteRows(
      tx,
      rows.map((r) => r.pk),
    );
    await audit.record(tx, actor, {
      action: target.action,
      targetType: 'intel_object',
      targetId: target.stixId,
      summary: { collectionId: target.collectionId, versions: rows.map((r) => r.version) },
    });
    return rows.map((r) => r.version);
  });
}
