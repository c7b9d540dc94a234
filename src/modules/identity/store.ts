/** SQL for users, memberships, sessions, API tokens, setup links and the log-in throttle. */
import type { Db } from '../../db/index.js';
import type { Membership, Role, Standing } from './actor.js';

export interface UserRow {
  id: string;
  email: string;
  full_name: string;
  password_hash: string | null;
  locale: string;
  time_zone: string | null;
  disabled: boolean;
  created_at: string;
}

export async function userByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await db.query<UserRow>('SELECT * FROM users WHERE lower(email) = lower($1)', [email]);
  return row;
}

export async function userById(db: Db, id: string): Promise<UserRow | undefined> {
  const [row] = await db.query<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
  return row;
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  return row.n;
}

export async function insertUser(db: Db, u: { email: string; fullName: string; passwordHash: string; locale?: string }): Promise<UserRow> {
  const [row] = await db.query<UserRow>('INSERT INTO users (email, full_name, password_hash, locale) VALUES ($1, $2, $3, $4) RETURNING *', [
    u.email,
    u.fullName,
    u.passwordHash,
    u.locale ?? 'en',
  ]);
  return row;
}

export async function updateUser(
  db: Db,
  id: string,
  patch: { fullName?: string; locale?: string; timeZone?: string | null },
): Promise<UserRow> {
  const [row] = await db.query<UserRow>(
    `UPDATE users SET full_name = COALESCE($2, full_name), locale = COALESCE($3, locale),
       time_zone = CASE WHEN $4::boolean THEN $5 ELSE time_zone END, updated_at = now()
     WHERE id = $1 RETURNING *`,
    [id, patch.fullName ?? null, patch.locale ?? null, patch.timeZone !== undefined, patch.timeZone ?? null],
  );
  return row;
}

export async function addMembership(db: Db, userId: string, organisationId: string, role: Role): Promise<void> {
  await db.query('INSERT INTO memberships (user_id, organisation_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
    userId,
    organisationId,
    role,
  ]);
}

export interface MembershipRow {
  organisation_id: string;
  organisation_name: string;
  role: Role;
}

export async function membershipsOf(db: Db, userId: string): Promise<MembershipRow[]> {
  return db.query<MembershipRow>(
    `SELECT m.organisation_id, o.name AS organisation_name, m.role
       FROM memberships m JOIN organisations o ON o.id = m.organisation_id
      WHERE m.user_id = $1 ORDER BY m.created_at, o.name, m.role`,
    [userId],
  );
}

export async function listUsers(
  db: Db,
  opts: { organisationIds?: string[]; limit: number; offset: number; q?: string },
): Promise<{ rows: (UserRow & { total: number })[] }> {
  const rows = await db.query<UserRow & { total: number }>(
    `SELECT u.*, count(*) OVER ()::int AS total FROM users u
      WHERE ($1::uuid[] IS NULL OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.organisation_id = ANY($1::uuid[])))
        AND ($2::text IS NULL OR u.email ILIKE '%' || $2 || '%' OR u.full_name ILIKE '%' || $2 || '%')
      ORDER BY lower(u.email) LIMIT $3 OFFSET $4`,
    [opts.organisationIds ?? null, opts.q ?? null, opts.limit, opts.offset],
  );
  return { rows };
}

export interface PersonRow {
  id: string;
  full_name: string;
  email: string;
  organisation_id: string;
  /** The membership shown is in `privateOrganisationIds` (its e-mail may be shown). */
  own: boolean;
  total: number;
}

export interface PeopleQuery {
  /** Members of these organisations; null: of any. */
  organisationIds: string[] | null;
  /** Organisations whose private details the caller reads; null: all. */
  privateOrganisationIds: string[] | null;
  /** Organisations whose name matched the search: their members match too. */
  matchedOrganisationIds: string[];
  like: string | null;
  limit: number;
  offset: number;
}

/**
 * People (never peer nodes' machine identities, never disabled accounts), one row each, under
 * the membership that best explains the match: a private one first. E-mail matches only where
 * the address may be shown, so a search cannot confirm a hidden address.
 */
export async function searchPeople(db: Db, q: PeopleQuery): Promise<PersonRow[]> {
  return db.query<PersonRow>(
    `WITH eligible AS (
       SELECT u.id, u.full_name, u.email, m.organisation_id,
              ($2::uuid[] IS NULL OR m.organisation_id = ANY($2::uuid[])) AS own,
              m.organisation_id = ANY($3::uuid[]) AS org_matches
         FROM users u JOIN memberships m ON m.user_id = u.id AND m.role <> 'peer'
        WHERE NOT u.disabled AND ($1::uuid[] IS NULL OR m.organisation_id = ANY($1::uuid[]))),
     matching AS (
       SELECT DISTINCT ON (e.id) e.* FROM eligible e
        WHERE $4::text IS NULL OR e.full_name ILIKE $4 OR e.org_matches OR (e.own AND e.email ILIKE $4)
        ORDER BY e.id, e.own DESC, e.org_matches DESC, e.organisation_id)
     SELECT id, full_name, email, organisation_id, own, (count(*) OVER ())::int AS total
       FROM matching
      ORDER BY lower(full_name), lower(email), id
      LIMIT $5 OFFSET $6`,
    [q.organisationIds, q.privateOrganisationIds, q.matchedOrganisationIds, q.like, q.limit, q.offset],
  );
}

/** Which of `userIds` are people (as searchPeople counts them) of these organisations (null: any). */
export async function peopleAmong(db: Db, userIds: string[], organisationIds: string[] | null): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT DISTINCT u.id FROM users u JOIN memberships m ON m.user_id = u.id AND m.role <> 'peer'
      WHERE NOT u.disabled AND u.id = ANY($1::uuid[]) AND ($2::uuid[] IS NULL OR m.organisation_id = ANY($2::uuid[]))`,
    [userIds, organisationIds],
  );
  return rows.map((r) => r.id);
}

/** Display names by user id (for showing who something is addressed to). */
export async function namesOf(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.query<{ id: string; full_name: string }>('SELECT id, full_name FROM users WHERE id = ANY($1::uuid[])', [ids]);
  return new Map(rows.map((r) => [r.id, r.full_name]));
}

// Sessions
export async function insertSession(db: Db, idHash: string, userId: string, csrf: string, ttlMs: number) {
  await db.query(
    `INSERT INTO sessions (id_hash, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, now() + $4 * interval '1 millisecond')`,
    [idHash, userId, csrf, ttlMs],
  );
}

/**
 * Who holds a credential, in one statement: the user (enabled) with their memberships in the
 * order membershipsOf gives, and where those organisations stand in the directory (asked of the
 * directory's own SQL function). Every authenticated request starts here: one round trip.
 */
export interface Holder {
  user_id: string;
  email: string;
  memberships: Membership[];
  standing: Standing;
}

const holderColumns = `u.id AS user_id, u.email,
  COALESCE((SELECT json_agg(json_build_object('organisationId', m.organisation_id, 'role', m.role) ORDER BY m.created_at, o.name, m.role)
              FROM memberships m JOIN organisations o ON o.id = m.organisation_id WHERE m.user_id = u.id), '[]'::json) AS memberships,
  directory_standing(ARRAY(SELECT m.organisation_id FROM memberships m WHERE m.user_id = u.id)) AS standing`;

export async function userHolder(db: Db, userId: string): Promise<Holder | undefined> {
  const [row] = await db.query<Holder>(`SELECT ${holderColumns} FROM users u WHERE u.id = $1 AND NOT u.disabled`, [userId], {
    prepare: true,
  });
  return row;
}

export async function sessionHolder(db: Db, idHash: string): Promise<(Holder & { csrf_token: string }) | undefined> {
  const [row] = await db.query<Holder & { csrf_token: string }>(
    `SELECT s.csrf_token, ${holderColumns} FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id_hash = $1 AND s.expires_at > now() AND NOT u.disabled`,
    [idHash],
    { prepare: true },
  );
  return row;
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
}

// API tokens
export interface TokenRow {
  id: string;
  user_id: string;
  name: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
}

export async function insertToken(
  db: Db,
  t: { userId: string; name: string; hash: string; expiresInMs: number | null },
): Promise<TokenRow> {
  const [row] = await db.query<TokenRow>(
    `INSERT INTO api_tokens (user_id, name, token_hash, expires_at)
     VALUES ($1, $2, $3, CASE WHEN $4::bigint IS NULL THEN NULL ELSE now() + $4::bigint * interval '1 millisecond' END)
     RETURNING id, user_id, name, created_at, expires_at, revoked_at, last_used_at`,
    [t.userId, t.name, t.hash, t.expiresInMs],
  );
  return row;
}

/**
 * The user of a live token. `last_used_at` is kept to the minute: writing it on every request
 * would make each TAXII GET a committed write (the largest cost of a read on PostgreSQL).
 */
export async function tokenHolder(db: Db, hash: string): Promise<Holder | undefined> {
  const [row] = await db.query<Holder & { token_id: string; stale: boolean }>(
    `SELECT t.id AS token_id, (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute') AS stale, ${holderColumns}
       FROM api_tokens t JOIN users u ON u.id = t.user_id
      WHERE t.token_hash = $1 AND NOT u.disabled AND t.revoked_at IS NULL
        AND (t.expires_at IS NULL OR t.expires_at > now())`,
    [hash],
    { prepare: true },
  );
  if (row?.stale) await db.query('UPDATE api_tokens SET last_used_at = now() WHERE id = $1', [row.token_id]);
  return row && { user_id: row.user_id, email: row.email, memberships: row.memberships, standing: row.standing };
}

export async function tokensOf(db: Db, userId: string): Promise<TokenRow[]> {
  return db.query<TokenRow>(
    `SELECT id, user_id, name, created_at, expires_at, revoked_at, last_used_at FROM api_tokens
      WHERE user_id = $1 ORDER BY created_at DESC`,
    [userId],
  );
}

export async function revokeToken(db: Db, id: string, userId: string): Promise<TokenRow | undefined> {
  const [row] = await db.query<TokenRow>(
    `UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1 AND user_id = $2
     RETURNING id, user_id, name, created_at, expires_at, revoked_at, last_used_at`,
    [id, userId],
  );
  return row;
}

// Setup links
export async function insertSetupLink(db: Db, hash: string, ttlMs: number): Promise<void> {
  await db.query(`INSERT INTO setup_links (token_hash, expires_at) VALUES ($1, now() + $2 * interval '1 millisecond')`, [hash, ttlMs]);
}

/** Marks a setup link used; true only for the one caller that used a live link. */
export async function consumeSetupLink(db: Db, hash: string): Promise<boolean> {
  const rows = await db.query(
    `UPDATE setup_links SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING 1`,
    [hash],
  );
  return rows.length === 1;
}

// Throttle
export async function throttleState(db: Db, keys: string[]): Promise<{ key: string; locked: boolean }[]> {
  return db.query<{ key: string; locked: boolean }>(
    `SELECT key, (locked_until IS NOT NULL AND locked_until > now()) AS locked FROM login_throttle WHERE key = ANY($1::text[])`,
    [keys],
  );
}

export async function recordFailure(db: Db, key: string, windowMs: number, limit: number, lockMs: number) {
  await db.query(
    `INSERT INTO login_throttle (key, failures, window_started_at) VALUES ($1, 1, now())
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN login_throttle.window_started_at < now() - $2 * interval '1 millisecond' THEN 1 ELSE login_throttle.failures + 1 END,
       window_started_at = CASE WHEN login_throttle.window_started_at < now() - $2 * interval '1 millisecond' THEN now() ELSE login_throttle.window_started_at END,
       locked_until = CASE WHEN login_throttle.window_started_at >= now() - $2 * interval '1 millisecond' AND login_throttle.failures + 1 >= $3
                           THEN now() + $4 * interval '1 millisecond' ELSE login_throttle.locked_until END`,
    [key, windowMs, limit, lockMs],
  );
}

export async function clearThrottle(db: Db, key: string): Promise<void> {
  await db.query('DELETE FROM login_throttle WHERE key = $1', [key]);
}
