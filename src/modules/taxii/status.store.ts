/** SQL for TAXII status resources: one row per POST, kept at least 24 hours. */
import type { Db } from '../../db/index.js';
import { isoMicros } from '../intel/objects.store.js';

export interface StatusDetail {
  id: string;
  version: string;
  message?: string;
}

export interface StatusRow {
  id: string;
  api_root: string;
  collection_id: string;
  requested_by: string | null;
  status: 'pending' | 'complete';
  request_timestamp: string;
  total_count: number;
  success_count: number;
  failure_count: number;
  pending_count: number;
  successes: StatusDetail[];
  failures: StatusDetail[];
  pendings: StatusDetail[];
}

const scalarColumns = `id, api_root, collection_id, requested_by, status, ${isoMicros('request_timestamp')} AS request_timestamp,
  total_count, success_count, failure_count, pending_count`;
const columns = `${scalarColumns}, successes, failures, pendings`;

/**
 * Writes a finished status and drops those older than 48 hours (twice what TAXII clients are
 * promised), so the table stays small without a separate job.
 */
export async function insert(
  tx: Db,
  s: {
    apiRoot: string;
    collectionId: string;
    requestedBy: string | null;
    requestTimestamp: string;
    successes: StatusDetail[];
    failures: StatusDetail[];
  },
): Promise<StatusRow> {
  await tx.query(`DELETE FROM taxii_status WHERE request_timestamp < now() - interval '48 hours'`);
  // The details go in as JSON and are not read back: an envelope of 1,000 objects has 1,000 of them.
  const [row] = await tx.query<Omit<StatusRow, 'successes' | 'failures' | 'pendings'>>(
    `INSERT INTO taxii_status (api_root, collection_id, requested_by, status, request_timestamp, total_count, success_count, failure_count,
                               pending_count, successes, failures)
     VALUES ($1, $2, $3, 'complete', $4, $5, $6, $7, 0, $8::jsonb, $9::jsonb)
     RETURNING ${scalarColumns}`,
    [
      s.apiRoot,
      s.collectionId,
      s.requestedBy,
      s.requestTimestamp,
      s.successes.length + s.failures.length,
      s.successes.length,
      s.failures.length,
      JSON.stringify(s.successes),
      JSON.stringify(s.failures),
    ],
  );
  return { ...row, successes: s.successes, failures: s.failures, pendings: [] };
}

export async function get(db: Db, apiRoot: string, id: string): Promise<StatusRow | undefined> {
  const [row] = await db.query<StatusRow>(`SELECT ${columns} FROM taxii_status WHERE id = $1 AND api_root = $2`, [id, apiRoot]);
  return row;
}
