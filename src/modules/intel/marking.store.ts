/** SQL behind re-marking an object: where it lives, and keeping its owner on the new version. */
import type { Db } from '../../db/index.js';
import { isoMicros } from './objects.store.js';
import { type Reader, readerFilterSql, readerParams, type Tlp } from './tlp.js';

export interface Holding {
  collection_id: string;
  exercise_id: string | null;
  /** The latest version in this collection, whoever may read it. */
  version: string;
  owner_organisation_id: string | null;
  tlp: Tlp;
  object: Record<string, unknown>;
  /** Whether the reader may receive that latest version. */
  readable: boolean;
  /** Whether the reader may receive any version in this collection. */
  any_readable: boolean;
}

/**
 * The latest version of an object in each collection of one API root that holds it. Not filtered
 * by TLP on purpose: a new version must be later than every existing one, including versions the
 * reader may not receive; `readable` says which the reader may see.
 */
export async function holdings(db: Db, reader: Reader, apiRoot: string, stixId: string): Promise<Holding[]> {
  return db.query<Holding>(
    `SELECT DISTINCT ON (o.collection_id) o.collection_id, o.exercise_id, ${isoMicros('o.version')} AS version,
            o.owner_organisation_id, o.tlp, o.object, ${readerFilterSql(1, 'o')} AS readable,
            bool_or(${readerFilterSql(1, 'o')}) OVER (PARTITION BY o.collection_id) AS any_readable
       FROM intel_objects o JOIN intel_collections c ON c.id = o.collection_id AND c.api_root = $6
      WHERE o.stix_id = $7
      ORDER BY o.collection_id, o.version DESC, o.date_added DESC, o.pk DESC`,
    [...readerParams(reader), apiRoot, stixId],
  );
}

/** Gives one stored version the owner its object had before (ingest would give it the actor's organisation). */
export async function setOwner(tx: Db, collectionId: string, stixId: string, version: string, owner: string | null): Promise<void> {
  await tx.query(
    `UPDATE intel_objects SET owner_organisation_id = $4
      WHERE collection_id = $1 AND stix_id = $2 AND version = $3::timestamptz AND owner_organisation_id IS DISTINCT FROM $4::uuid`,
    [collectionId, stixId, version, owner],
  );
}
