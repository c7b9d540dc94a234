/**
 * SQL behind choosing the people a RED object is addressed to. It reads the identity module's
 * users and memberships and the directory's organisations and communities, which no service of
 * theirs lists this way yet (identity lists users to admins only, with every e-mail address).
 */
import type { Db } from '../../db/index.js';

export interface RecipientRow {
  id: string;
  full_name: string;
  email: string;
  organisation_id: string;
  organisation_name: string;
  /** The person's organisation is one of the caller's or under one (their e-mail may be shown). */
  own: boolean;
  total: number;
}

export interface Scope {
  /** Organisations the caller shares from; null: every organisation (node admins). */
  from: string[] | null;
  /** Organisations whose people's private details the caller reads, with those under them; null: all. */
  privateRoots: string[] | null;
}

/**
 * The caller's circle: every organisation of the trees the caller's organisations belong to (from
 * the top organisation down, as a national network) and every organisation that shares a community
 * with one of them. `$1` is the caller's organisations (uuid[], NULL for all), `$2` the private roots.
 */
const circleSql = `WITH RECURSIVE
  up(id, parent_id, depth) AS (
    SELECT id, parent_id, 0 FROM organisations WHERE id = ANY($1::uuid[])
    UNION ALL SELECT o.id, o.parent_id, up.depth + 1 FROM organisations o JOIN up ON o.id = up.parent_id WHERE up.depth < 50),
  tree(id, depth) AS (
    SELECT id, 0 FROM up WHERE parent_id IS NULL
    UNION ALL SELECT o.id, t.depth + 1 FROM organisations o JOIN tree t ON o.parent_id = t.id WHERE t.depth < 50),
  mine(id, depth) AS (
    SELECT id, 0 FROM organisations WHERE id = ANY($2::uuid[])
    UNION ALL SELECT o.id, m.depth + 1 FROM organisations o JOIN mine m ON o.parent_id = m.id WHERE m.depth < 50),
  circle AS (
    SELECT id FROM tree
    UNION SELECT peer.organisation_id FROM community_members me
      JOIN community_members peer ON peer.community_id = me.community_id WHERE me.organisation_id = ANY($1::uuid[])),
  eligible AS (
    SELECT u.id, u.full_name, u.email, o.id AS organisation_id, o.name AS organisation_name,
           ($2::uuid[] IS NULL OR o.id IN (SELECT id FROM mine)) AS own
      FROM users u
      JOIN memberships m ON m.user_id = u.id AND m.role <> 'peer'
      JOIN organisations o ON o.id = m.organisation_id
     WHERE NOT u.disabled AND ($1::uuid[] IS NULL OR o.id IN (SELECT id FROM circle)))`;

/**
 * People of the caller's circle, one row per person (under their own organisation when they have
 * one in the caller's tree, else the first by name), filtered by name or organisation name, and by
 * e-mail only where the caller may see the address (a search must not confirm hidden addresses).
 * Machine identities of peer nodes are never people: RED never leaves the node.
 */
export async function search(db: Db, scope: Scope, q: { like: string | null; limit: number; offset: number }): Promise<RecipientRow[]> {
  return db.query<RecipientRow>(
    `${circleSql},
     matching AS (
       SELECT DISTINCT ON (e.id) e.* FROM eligible e
        WHERE $3::text IS NULL OR e.full_name ILIKE $3 OR e.organisation_name ILIKE $3 OR (e.own AND e.email ILIKE $3)
        ORDER BY e.id, e.own DESC, lower(e.organisation_name), e.organisation_id)
     SELECT id, full_name, email, organisation_id, organisation_name, own, (count(*) OVER ())::int AS total
       FROM matching
      ORDER BY lower(full_name), lower(email), id
      LIMIT $4 OFFSET $5`,
    [scope.from, scope.privateRoots, q.like, q.limit, q.offset],
  );
}

/** Which of these users are in the caller's circle. */
export async function inCircle(db: Db, scope: Scope, userIds: string[]): Promise<Set<string>> {
  if (!userIds.length) return new Set();
  const rows = await db.query<{ id: string }>(`${circleSql} SELECT DISTINCT id FROM eligible WHERE id = ANY($3::uuid[])`, [
    scope.from,
    scope.privateRoots,
    userIds,
  ]);
  return new Set(rows.map((r) => r.id));
}
