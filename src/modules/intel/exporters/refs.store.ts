/** SQL behind checking what an export's references name. */
import type { Db } from '../../../db/index.js';
import { type Reader, readerFilterSql, readerParams } from '../tlp.js';

/**
 * Of these STIX ids, those held in the API root that an export by this reader must not name: no
 * version the reader may receive, or RED only (RED never goes into a bulk export). Ids the node
 * does not hold are not returned: there is nothing here to protect behind them.
 */
export async function unexportable(db: Db, reader: Reader, apiRoot: string, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.query<{ stix_id: string }>(
    `SELECT o.stix_id
       FROM intel_objects o JOIN intel_collections c ON c.id = o.collection_id AND c.api_root = $6
      WHERE o.stix_id = ANY($7::text[])
      GROUP BY o.stix_id
     HAVING NOT bool_or(o.tlp <> 'red' AND ${readerFilterSql(1, 'o')})`,
    [...readerParams(reader), apiRoot, ids],
  );
  return new Set(rows.map((r) => r.stix_id));
}
