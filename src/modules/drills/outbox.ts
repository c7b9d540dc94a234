/**
 * The leased outbox behind every external send of a drill (inject deliveries, communication-check
 * e-mails). A worker claims due rows, or rows whose claim lapsed because their worker died, for a
 * lease, counting the attempt at claim time (a send that kills its worker still counts); it settles
 * a row only while it still holds the claim. Each table has the columns state, claimed_by,
 * claimed_until, attempts, next_attempt_at and last_error.
 */
import type { Db } from '../../db/index.js';

type OutboxTable = 'drill_deliveries' | 'drill_comm_check_contacts';

/** `WITH … claimed AS (…)`: the claimed rows, to select from as `claimed`. Parameters: $1 worker, $2 lease ms, $3 limit. */
export const claimedRows = (table: OutboxTable) =>
  `WITH picked AS (
     SELECT id FROM ${table}
     WHERE (state = 'pending' AND next_attempt_at <= clock_timestamp()) OR (state = 'sending' AND claimed_until < clock_timestamp())
     ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED),
   claimed AS (
     UPDATE ${table} x SET state = 'sending', claimed_by = $1, claimed_until = clock_timestamp() + $2 * interval '1 millisecond',
       attempts = x.attempts + 1
     FROM picked WHERE x.id = picked.id
     RETURNING x.*)`;

export type Outcome<Done extends string> =
  | { state: Done }
  | { state: 'pending'; retryInMs: number; error: string }
  | { state: 'failed'; error: string };

/**
 * Settles a send; false when this worker no longer holds the claim (another took it over).
 * `doneColumn` gets the time of a successful send; `alsoSet` adds assignments of the table's own.
 */
export async function settle<Done extends string>(
  tx: Db,
  table: OutboxTable,
  done: { state: Done; column: string; alsoSet?: string },
  id: string,
  workerId: string,
  outcome: Outcome<Done>,
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE ${table} SET state = $3, claimed_by = NULL, claimed_until = NULL,
       ${done.column} = CASE WHEN $3 = '${done.state}' THEN clock_timestamp() ELSE ${done.column} END,
       next_attempt_at = CASE WHEN $3 = 'pending' THEN clock_timestamp() + $4 * interval '1 millisecond' ELSE NULL END,
       ${done.alsoSet ? `${done.alsoSet},` : ''}
       last_error = $5
     WHERE id = $1 AND claimed_by = $2 AND state = 'sending' RETURNING id`,
    [id, workerId, outcome.state, 'retryInMs' in outcome ? outcome.retryInMs : 0, 'error' in outcome ? outcome.error.slice(0, 1000) : null],
  );
  return rows.length > 0;
}
