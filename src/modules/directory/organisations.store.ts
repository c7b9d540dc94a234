/** SQL for organisations and the parent tree. */
import type { Db } from '../../db/index.js';
import type { Standing } from '../identity/actor.js';
import { likePattern, orderBy } from '../../lib/list.js';

export interface OrganisationRow {
  id: string;
  name: string;
  short_name: string | null;
  type: string;
  sector: string | null;
  country_code: string;
  country_name: string;
  parent_id: string | null;
  parent_name: string | null;
  stix_identity_id: string;
  site_count: number;
  created_at: string;
  updated_at: string;
  total?: number;
}

export const sortColumns = {
  name: 'lower(o.name)',
  createdAt: 'o.created_at',
  countryCode: 'o.country_code',
  type: 'o.type',
};

const select = `SELECT o.id, o.name, o.short_name, o.type, o.sector, o.country_code, c.name AS country_name,
    o.parent_id, p.name AS parent_name, o.stix_identity_id, o.created_at, o.updated_at,
    (SELECT count(*)::int FROM sites s WHERE s.organisation_id = o.id) AS site_count
  FROM organisations o JOIN countries c ON c.code = o.country_code LEFT JOIN organisations p ON p.id = o.parent_id`;

export async function list(
  db: Db,
  f: { q?: string; type?: string; countryCode?: string; parentId?: string; sort?: string; limit: number; offset: number },
): Promise<OrganisationRow[]> {
  return db.query<OrganisationRow>(
    `${select.replace('SELECT ', 'SELECT count(*) OVER ()::int AS total, ')}
     WHERE ($1::text IS NULL OR o.name ILIKE $1 OR o.short_name ILIKE $1)
       AND ($2::text IS NULL OR o.type = $2) AND ($3::text IS NULL OR o.country_code = $3)
       AND ($4::uuid IS NULL OR o.parent_id = $4)
     ORDER BY ${orderBy(f.sort, sortColumns, 'name', 'o.id')} LIMIT $5 OFFSET $6`,
    [likePattern(f.q), f.type ?? null, f.countryCode ?? null, f.parentId ?? null, f.limit, f.offset],
  );
}

export async function get(db: Db, id: string): Promise<OrganisationRow | undefined> {
  const [row] = await db.query<OrganisationRow>(`${select} WHERE o.id = $1`, [id]);
  return row;
}

export async function ref(db: Db, id: string): Promise<{ id: string; name: string; country_code: string } | undefined> {
  const [row] = await db.query<{ id: string; name: string; country_code: string }>(
    'SELECT id, name, country_code FROM organisations WHERE id = $1',
    [id],
  );
  return row;
}

export async function byExternalKey(db: Db, key: string): Promise<{ id: string } | undefined> {
  const [row] = await db.query<{ id: string }>('SELECT id FROM organisations WHERE external_key = $1', [key]);
  return row;
}

/** The organisation and every organisation above it, nearest first. */
export async function ancestry(db: Db, id: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `WITH RECURSIVE up(id, parent_id, depth) AS (
       SELECT id, parent_id, 0 FROM organisations WHERE id = $1
       UNION ALL SELECT o.id, o.parent_id, up.depth + 1 FROM organisations o JOIN up ON o.id = up.parent_id WHERE up.depth < 50)
     SELECT id FROM up ORDER BY depth`,
    [id],
  );
  return rows.map((r) => r.id);
}

/** Where organisations stand: themselves with every one above them, and their communities (0008). */
export async function standing(db: Db, ids: string[]): Promise<Standing> {
  const [row] = await db.query<{ standing: Standing }>('SELECT directory_standing($1::uuid[]) AS standing', [ids], { prepare: true });
  return row.standing;
}

export async function countryExists(db: Db, code: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM countries WHERE code = $1', [code])).length === 1;
}

export interface OrganisationValues {
  name: string;
  shortName: string | null;
  type: string;
  sector: string | null;
  countryCode: string;
  parentId: string | null;
}

export async function insert(db: Db, v: OrganisationValues & { externalKey?: string }): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO organisations (id, name, short_name, type, sector, country_code, parent_id, stix_identity_id, external_key)
     SELECT gid, $1, $2, $3, $4, $5, $6, 'identity--' || gid, $7 FROM (SELECT gen_random_uuid() AS gid) g
     RETURNING id`,
    [v.name, v.shortName, v.type, v.sector, v.countryCode, v.parentId, v.externalKey ?? null],
  );
  return row.id;
}

export async function update(db: Db, id: string, v: OrganisationValues): Promise<void> {
  await db.query(
    `UPDATE organisations SET name = $2, short_name = $3, type = $4, sector = $5, country_code = $6, parent_id = $7,
       updated_at = now() WHERE id = $1`,
    [id, v.name, v.shortName, v.type, v.sector, v.countryCode, v.parentId],
  );
}

export async function listCountries(db: Db, q?: string) {
  return db.query<{ code: string; name: string }>(
    `SELECT code, name FROM countries WHERE $1::text IS NULL OR name ILIKE $1 OR code = upper($2) ORDER BY name`,
    [likePattern(q), q ?? null],
  );
}

/**
 * SQL that yields the ids of the given organisations and everything under them; used to filter
 * private directory records (people, points of contact) in the database. `$param` is a uuid[].
 */
export const subtreeSql = (param: string) => `WITH RECURSIVE visible(id, depth) AS (
    SELECT id, 0 FROM organisations WHERE id = ANY(${param}::uuid[])
    UNION ALL SELECT o.id, v.depth + 1 FROM organisations o JOIN visible v ON o.parent_id = v.id WHERE v.depth < 50)`;

export async function byStixIdentity(db: Db, identityIds: string[]): Promise<{ id: string; stix_identity_id: string }[]> {
  return db.query<{ id: string; stix_identity_id: string }>(
    'SELECT id, stix_identity_id FROM organisations WHERE stix_identity_id = ANY($1::text[])',
    [identityIds],
  );
}

/**
 * The organisations of the trees `ids` belong to (from the top organisation down, as a national
 * network) and those sharing a community with one of them; every organisation when `ids` is null.
 * `name_matches` says whether the name (or short name) is LIKE `like`.
 */
export async function circle(
  db: Db,
  ids: string[] | null,
  like: string | null,
): Promise<{ id: string; name: string; name_matches: boolean }[]> {
  return db.query(
    `WITH RECURSIVE
       up(id, parent_id, depth) AS (
         SELECT id, parent_id, 0 FROM organisations WHERE id = ANY($1::uuid[])
         UNION ALL SELECT o.id, o.parent_id, up.depth + 1 FROM organisations o JOIN up ON o.id = up.parent_id WHERE up.depth < 50),
       tree(id, depth) AS (
         SELECT id, 0 FROM up WHERE parent_id IS NULL
         UNION ALL SELECT o.id, t.depth + 1 FROM organisations o JOIN tree t ON o.parent_id = t.id WHERE t.depth < 50),
       members AS (
         SELECT id FROM tree
         UNION SELECT peer.organisation_id FROM community_members me
           JOIN community_members peer ON peer.community_id = me.community_id WHERE me.organisation_id = ANY($1::uuid[]))
     SELECT o.id, o.name, ($2::text IS NOT NULL AND (o.name ILIKE $2 OR o.short_name ILIKE $2)) AS name_matches
       FROM organisations o
      WHERE $1::uuid[] IS NULL OR o.id IN (SELECT id FROM members)`,
    [ids, like],
  );
}

/** The organisations `roots` and every one under them. */
export async function subtree(db: Db, roots: string[]): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `WITH RECURSIVE down(id, depth) AS (
       SELECT id, 0 FROM organisations WHERE id = ANY($1::uuid[])
       UNION ALL SELECT o.id, d.depth + 1 FROM organisations o JOIN down d ON o.parent_id = d.id WHERE d.depth < 50)
     SELECT DISTINCT id FROM down`,
    [roots],
  );
  return rows.map((r) => r.id);
}

/** The organisations of a country, `name_matches` as in `circle`. */
export async function inCountry(
  db: Db,
  countryCode: string,
  like: string | null,
): Promise<{ id: string; name: string; name_matches: boolean }[]> {
  return db.query(
    `SELECT id, name, ($2::text IS NOT NULL AND (name ILIKE $2 OR short_name ILIKE $2)) AS name_matches
       FROM organisations WHERE country_code = $1`,
    [countryCode, like],
  );
}
