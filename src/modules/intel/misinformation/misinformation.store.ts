/**
 * SQL for misinformation reports and the DISARM techniques they cite, over the intelligence store.
 * Every query looks at the real API root (drill data never mixes in), as the explorer's search
 * does, filtered by the reader's TLP in the database (tlp.ts `readerFilterSql`), and takes the
 * latest version the reader may see.
 */
import type { Db } from '../../../db/index.js';
import { readerFilterSql, readerParams, type Reader, type Tlp } from '../tlp.js';

/** Real intelligence, as `o`, with its collection as `oc`. */
const realObjects = `intel_objects o JOIN intel_collections oc ON oc.id = o.collection_id AND oc.api_root = 'real'`;

/** Latest visible version of each object, as `o`: reader params at $1..$5. */
const latestVisible = `o.exercise_id IS NULL AND ${readerFilterSql(1, 'o')}
  AND NOT EXISTS (SELECT 1 FROM intel_objects n WHERE n.collection_id = o.collection_id AND n.stix_id = o.stix_id
                  AND n.version > o.version AND ${readerFilterSql(1, 'n')})`;

export interface TechniqueRow {
  stix_id: string;
  name: string | null;
  external_id: string | null;
  tlp: Tlp;
}

/** The attack patterns among `ids` the reader may see. */
export async function techniques(db: Db, reader: Reader, ids: string[]): Promise<TechniqueRow[]> {
  if (!ids.length) return [];
  return db.query<TechniqueRow>(
    `SELECT DISTINCT ON (o.stix_id) o.stix_id, o.object->>'name' AS name, o.tlp,
            (SELECT r->>'external_id' FROM jsonb_array_elements(COALESCE(o.object->'external_references', '[]'::jsonb)) r
              WHERE r->>'external_id' IS NOT NULL LIMIT 1) AS external_id
       FROM ${realObjects}
      WHERE o.type = 'attack-pattern' AND o.stix_id = ANY($6::text[]) AND ${latestVisible}
      ORDER BY o.stix_id, o.version DESC`,
    [...readerParams(reader), ids],
  );
}

export interface ReportRow {
  collection_id: string;
  object: string;
}

/**
 * Misinformation reports the reader may see, newest first; by id and/or technique, given as the
 * attack pattern's STIX id or as its DISARM id (T0002), which names the readable attack patterns
 * carrying it.
 */
export async function reports(db: Db, reader: Reader, q: { technique?: string; id?: string; limit: number }): Promise<ReportRow[]> {
  const params: unknown[] = [...readerParams(reader)];
  const where = [`o.type = 'report'`, `o.object->'report_types' @> '["misinformation"]'::jsonb`, latestVisible];
  if (q.technique?.startsWith('attack-pattern--')) {
    params.push(JSON.stringify([q.technique]));
    where.push(`o.object->'object_refs' @> $${params.length}::jsonb`);
  } else if (q.technique) {
    params.push(JSON.stringify([{ external_id: q.technique }]));
    where.push(`o.object->'object_refs' ?| ARRAY(
      SELECT t.stix_id FROM intel_objects t JOIN intel_collections tc ON tc.id = t.collection_id AND tc.api_root = 'real'
       WHERE t.type = 'attack-pattern' AND t.exercise_id IS NULL AND t.object->'external_references' @> $${params.length}::jsonb
         AND ${readerFilterSql(1, 't')})`);
  }
  if (q.id) {
    params.push(q.id);
    where.push(`o.stix_id = $${params.length}`);
  }
  params.push(q.limit);
  return db.query<ReportRow>(
    `SELECT o.collection_id, o.object::text AS object FROM ${realObjects}
      WHERE ${where.join(' AND ')}
      ORDER BY o.version DESC, o.pk DESC
      LIMIT $${params.length}`,
    params,
  );
}
