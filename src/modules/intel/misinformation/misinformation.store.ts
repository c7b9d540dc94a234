/**
 * SQL for misinformation reports and the DISARM techniques they cite, over the intelligence store.
 * Every query is limited to the given (readable) collections and filtered by the reader's TLP in
 * the database (tlp.ts `readerFilterSql`), and takes the latest version the reader may see.
 */
import type { Db } from '../../../db/index.js';
import { readerFilterSql, readerParams, type Reader, type Tlp } from '../tlp.js';

/** Latest visible version of each object, as `o`: reader params at $1..$5, collections at $6. */
const latestVisible = `o.collection_id = ANY($6::uuid[]) AND o.exercise_id IS NULL AND ${readerFilterSql(1, 'o')}
  AND NOT EXISTS (SELECT 1 FROM intel_objects n WHERE n.collection_id = o.collection_id AND n.stix_id = o.stix_id
                  AND n.version > o.version AND ${readerFilterSql(1, 'n')})`;

export interface TechniqueRow {
  stix_id: string;
  name: string | null;
  external_id: string | null;
  tlp: Tlp;
}

/** The attack patterns among `ids` the reader may see in the collections. */
export async function techniques(db: Db, reader: Reader, collectionIds: string[], ids: string[]): Promise<TechniqueRow[]> {
  if (!ids.length || !collectionIds.length) return [];
  return db.query<TechniqueRow>(
    `SELECT DISTINCT ON (o.stix_id) o.stix_id, o.object->>'name' AS name, o.tlp,
            (SELECT r->>'external_id' FROM jsonb_array_elements(COALESCE(o.object->'external_references', '[]'::jsonb)) r
              WHERE r->>'external_id' IS NOT NULL LIMIT 1) AS external_id
       FROM intel_objects o
      WHERE o.type = 'attack-pattern' AND o.stix_id = ANY($7::text[]) AND ${latestVisible}
      ORDER BY o.stix_id, o.version DESC`,
    [...readerParams(reader), collectionIds, ids],
  );
}

export interface ReportRow {
  collection_id: string;
  object: string;
}

/** Misinformation reports the reader may see, newest first; by technique and/or id. */
export async function reports(
  db: Db,
  reader: Reader,
  collectionIds: string[],
  q: { technique?: string; id?: string; limit: number },
): Promise<ReportRow[]> {
  if (!collectionIds.length) return [];
  const params: unknown[] = [...readerParams(reader), collectionIds];
  const where = [`o.type = 'report'`, `o.object->'report_types' @> '["misinformation"]'::jsonb`, latestVisible];
  if (q.technique) {
    params.push(JSON.stringify([q.technique]));
    where.push(`o.object->'object_refs' @> $${params.length}::jsonb`);
  }
  if (q.id) {
    params.push(q.id);
    where.push(`o.stix_id = $${params.length}`);
  }
  params.push(q.limit);
  return db.query<ReportRow>(
    `SELECT o.collection_id, o.object::text AS object FROM intel_objects o
      WHERE ${where.join(' AND ')}
      ORDER BY o.version DESC, o.pk DESC
      LIMIT $${params.length}`,
    params,
  );
}
