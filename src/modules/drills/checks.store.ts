/**
 * SQL for communication checks: the check, one row per point of contact reached (a copy of who it
 * was, the e-mail's outbox state with a lease like inject deliveries, the acknowledgement).
 */
import type { Db } from '../../db/index.js';
import { claimedRows, type Outcome, settle as settleLeased } from './outbox.js';

export interface CheckRow {
  id: string;
  exercise_id: string;
  title: string;
  message: string;
  organisation_ids: string[];
  country_codes: string[];
  created_by: string;
  created_at: string;
  total: number;
  acknowledged: number;
  failed: number;
}

export interface ContactRow {
  id: string;
  check_id: string;
  exercise_id: string;
  point_of_contact_id: string;
  organisation_id: string;
  organisation_name: string;
  name: string;
  email: string;
  state: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  last_error: string | null;
  sent_at: string | null;
  acknowledged_at: string | null;
  response_ms: string | null;
}

export interface NewContact {
  pointOfContactId: string;
  organisationId: string;
  organisationName: string;
  name: string;
  email: string;
  tokenHash: string;
  token: string;
}

const checkSelect = `SELECT k.id, k.exercise_id, k.title, k.message, k.organisation_ids, k.country_codes, k.created_by, k.created_at,
    (SELECT count(*)::int FROM drill_comm_check_contacts c WHERE c.check_id = k.id) AS total,
    (SELECT count(*)::int FROM drill_comm_check_contacts c WHERE c.check_id = k.id AND c.acknowledged_at IS NOT NULL) AS acknowledged,
    (SELECT count(*)::int FROM drill_comm_check_contacts c WHERE c.check_id = k.id AND c.acknowledged_at IS NULL AND c.state = 'failed') AS failed
  FROM drill_comm_checks k`;

export async function insert(
  tx: Db,
  v: { exerciseId: string; title: string; message: string; organisationIds: string[]; countryCodes: string[]; createdBy: string },
  contacts: NewContact[],
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO drill_comm_checks (exercise_id, title, message, organisation_ids, country_codes, created_by)
     VALUES ($1, $2, $3, $4::uuid[], $5::text[], $6) RETURNING id`,
    [v.exerciseId, v.title, v.message, v.organisationIds, v.countryCodes, v.createdBy],
  );
  if (contacts.length) {
    await tx.query(
      `INSERT INTO drill_comm_check_contacts (check_id, exercise_id, point_of_contact_id, organisation_id, organisation_name, name, email,
         token_hash, outbox_token)
       SELECT $1, $2, t.poc, t.org, t.org_name, t.name, t.email, t.hash, t.token
       FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
         AS t(poc, org, org_name, name, email, hash, token)`,
      [
        row.id,
        v.exerciseId,
        contacts.map((c) => c.pointOfContactId),
        contacts.map((c) => c.organisationId),
        contacts.map((c) => c.organisationName),
        contacts.map((c) => c.name),
        contacts.map((c) => c.email),
        contacts.map((c) => c.tokenHash),
        contacts.map((c) => c.token),
      ],
    );
  }
  return row.id;
}

export async function get(db: Db, id: string): Promise<CheckRow | undefined> {
  const [row] = await db.query<CheckRow>(`${checkSelect} WHERE k.id = $1`, [id]);
  return row;
}

/** Checks of an exercise, newest first; `countries` limits them to checks within those countries. */
export async function list(db: Db, exerciseId: string, countries: string[] | null): Promise<CheckRow[]> {
  return db.query<CheckRow>(
    `${checkSelect} WHERE k.exercise_id = $1 AND ($2::text[] IS NULL OR k.country_codes <@ $2::text[]) ORDER BY k.created_at DESC, k.id`,
    [exerciseId, countries],
  );
}

const contactSelect = `SELECT id, check_id, exercise_id, point_of_contact_id, organisation_id, organisation_name, name, email, state, attempts,
    last_error, sent_at, acknowledged_at, response_ms FROM drill_comm_check_contacts`;

export async function contacts(db: Db, checkId: string): Promise<ContactRow[]> {
  return db.query<ContactRow>(`${contactSelect} WHERE check_id = $1 ORDER BY lower(organisation_name), lower(name), id`, [checkId]);
}

export async function byTokenHash(db: Db, tokenHash: string, lock = false): Promise<ContactRow | undefined> {
  const [row] = await db.query<ContactRow>(`${contactSelect} WHERE token_hash = $1${lock ? ' FOR UPDATE' : ''}`, [tokenHash]);
  return row;
}

/**
 * Records the acknowledgement once: a second one changes nothing (null). The response time runs
 * from when the e-mail went out, or from the check's creation if the send is not settled yet.
 */
export async function acknowledge(tx: Db, id: string): Promise<ContactRow | undefined> {
  const [row] = await tx.query<ContactRow>(
    `UPDATE drill_comm_check_contacts c SET acknowledged_at = clock_timestamp(),
       response_ms = GREATEST(0, (extract(epoch FROM clock_timestamp() - COALESCE(c.sent_at, k.created_at)) * 1000)::bigint)
     FROM drill_comm_checks k WHERE c.id = $1 AND k.id = c.check_id AND c.acknowledged_at IS NULL
     RETURNING c.id, c.check_id, c.exercise_id, c.point_of_contact_id, c.organisation_id, c.organisation_name, c.name, c.email, c.state,
       c.attempts, c.last_error, c.sent_at, c.acknowledged_at, c.response_ms`,
    [id],
  );
  return row;
}

export interface SendRow {
  id: string;
  check_id: string;
  exercise_id: string;
  exercise_name: string;
  title: string;
  message: string;
  organisation_name: string;
  name: string;
  email: string;
  token: string | null;
  attempts: number;
}

/** Claims due check e-mails (or lapsed claims of a dead worker), counting the attempt at claim time. */
export async function claimSends(db: Db, workerId: string, leaseMs: number, limit: number): Promise<SendRow[]> {
  return db.query<SendRow>(
    `${claimedRows('drill_comm_check_contacts')}
     SELECT c.id, c.check_id, c.exercise_id, e.name AS exercise_name, k.title, k.message, c.organisation_name, c.name, c.email,
       c.outbox_token AS token, c.attempts
     FROM claimed c JOIN drill_comm_checks k ON k.id = c.check_id JOIN drill_exercises e ON e.id = c.exercise_id`,
    [workerId, leaseMs, limit],
  );
}

/** Settles a send; false when this worker no longer holds the claim. The token leaves the outbox once settled for good. */
export const settle = (tx: Db, id: string, workerId: string, outcome: Outcome<'sent'>) =>
  settleLeased(
    tx,
    'drill_comm_check_contacts',
    { state: 'sent', column: 'sent_at', alsoSet: "outbox_token = CASE WHEN $3 = 'pending' THEN outbox_token ELSE NULL END" },
    id,
    workerId,
    outcome,
  );
