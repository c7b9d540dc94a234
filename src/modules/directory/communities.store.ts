/** SQL for sharing communities and their member organisations. */
import type { Db } from '../../db/index.js';
import { likePattern, orderBy } from '../../lib/list.js';

export interface CommunityRow {
  id: string;
  name: string;
  description: string;
  member_count: number;
  created_at: string;
  updated_at: string;
  total?: number;
}

export const sortColumns = { name: 'lower(c.name)', createdAt: 'c.created_at', memberCount: 'member_count' };

const select = `SELECT c.id, c.name, c.description, c.created_at, c.updated_at,
   (SELECT count(*)::int FROM community_members m WHERE m.community_id = c.id) AS member_count FROM communities c`;

export async function list(
  db: Db,
  f: { q?: string; organisationId?: string; sort?: string; limit: number; offset: number },
): Promise<CommunityRow[]> {
  return db.query<CommunityRow>(
    `${select.replace('SELECT ', 'SELECT count(*) OVER ()::int AS total, ')}
     WHERE ($1::text IS NULL OR c.name ILIKE $1 OR c.description ILIKE $1)
       AND ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM community_members m WHERE m.community_id = c.id AND m.organisation_id = $2))
     ORDER BY ${orderBy(f.sort, sortColumns, 'name', 'c.id')} LIMIT $3 OFFSET $4`,
    [likePattern(f.q), f.organisationId ?? null, f.limit, f.offset],
  );
}

export async function get(db: Db, id: string): Promise<CommunityRow | undefined> {
  const [row] = await db.query<CommunityRow>(`${select} WHERE c.id = $1`, [id]);
  return row;
}

export async function byName(db: Db, name: string, exceptId?: string): Promise<{ id: string } | undefined> {
  const [row] = await db.query<{ id: string }>(
    'SELECT id FROM communities WHERE lower(name) = lower($1) AND ($2::uuid IS NULL OR id <> $2)',
    [name, exceptId ?? null],
  );
  return row;
}

export async function members(db: Db, id: string) {
  return db.query<{ id: string; name: string; type: string; country_code: string }>(
    `SELECT o.id, o.name, o.type, o.country_code FROM community_members m JOIN organisations o ON o.id = m.organisation_id
      WHERE m.community_id = $1 ORDER BY o.country_code, lower(o.name)`,
    [id],
  );
}

/** Communities an organisation belongs to (the sharing rules read this). */
export async function communityIdsOf(db: Db, organisationId: string): Promise<string[]> {
  const rows = await db.query<{ community_id: string }>('SELECT community_id FROM community_members WHERE organisation_id = $1', [
    organisationId,
  ]);
  return rows.map((r) => r.community_id);
}

export async function insert(db: Db, v: { name: string; description: string; externalKey?: string }): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    'INSERT INTO communities (name, description, external_key) VALUES ($1, $2, $3) RETURNING id',
    [v.name, v.description, v.externalKey ?? null],
  );
  return row.id;
}

export async function update(db: Db, id: string, v: { name: string; description: string }): Promise<void> {
  await db.query('UPDATE communities SET name = $2, description = $3, updated_at = now() WHERE id = $1', [id, v.name, v.description]);
}

export async function addMembers(db: Db, id: string, organisationIds: string[]): Promise<number> {
  const rows = await db.query(
    `INSERT INTO community_members (community_id, organisation_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING RETURNING 1`,
    [id, organisationIds],
  );
  return rows.length;
}

export async function removeMember(db: Db, id: string, organisationId: string): Promise<boolean> {
  const rows = await db.query('DELETE FROM community_members WHERE community_id = $1 AND organisation_id = $2 RETURNING 1', [
    id,
    organisationId,
  ]);
  return rows.length === 1;
}

export async function missingOrganisations(db: Db, ids: string[]): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    'SELECT x.id::text AS id FROM unnest($1::uuid[]) AS x(id) WHERE NOT EXISTS (SELECT 1 FROM organisations o WHERE o.id = x.id)',
    [ids],
  );
  return rows.map((r) => r.id);
}
