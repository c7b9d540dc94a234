/** SQL for sites: the places (rooms or online seats) where an organisation takes part in drills. */
import type { Db } from '../../db/index.js';
import { likePattern, orderBy } from '../../lib/list.js';

export interface SiteRow {
  id: string;
  organisation_id: string;
  organisation_name: string;
  country_code: string;
  name: string;
  city: string | null;
  time_zone: string;
  mode: 'online' | 'in_person';
  created_at: string;
  updated_at: string;
  total?: number;
}

export const sortColumns = {
  name: 'lower(s.name)',
  city: 'lower(s.city)',
  createdAt: 's.created_at',
  organisation: 'lower(o.name)',
  mode: 's.mode',
};

const select = `SELECT s.id, s.organisation_id, o.name AS organisation_name, o.country_code, s.name, s.city, s.time_zone,
    s.mode, s.created_at, s.updated_at FROM sites s JOIN organisations o ON o.id = s.organisation_id`;

export async function list(
  db: Db,
  f: { q?: string; organisationId?: string; countryCode?: string; mode?: string; sort?: string; limit: number; offset: number },
): Promise<SiteRow[]> {
  return db.query<SiteRow>(
    `${select.replace('SELECT ', 'SELECT count(*) OVER ()::int AS total, ')}
     WHERE ($1::text IS NULL OR s.name ILIKE $1 OR s.city ILIKE $1) AND ($2::uuid IS NULL OR s.organisation_id = $2)
       AND ($3::text IS NULL OR o.country_code = $3) AND ($4::text IS NULL OR s.mode = $4)
     ORDER BY ${orderBy(f.sort, sortColumns, 'name', 's.id')} LIMIT $5 OFFSET $6`,
    [likePattern(f.q), f.organisationId ?? null, f.countryCode ?? null, f.mode ?? null, f.limit, f.offset],
  );
}

export async function get(db: Db, id: string): Promise<SiteRow | undefined> {
  const [row] = await db.query<SiteRow>(`${select} WHERE s.id = $1`, [id]);
  return row;
}

export interface SiteValues {
  organisationId: string;
  name: string;
  city: string | null;
  timeZone: string;
  mode: string;
}

export async function insert(db: Db, v: SiteValues & { externalKey?: string }): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO sites (organisation_id, name, city, time_zone, mode, external_key) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [v.organisationId, v.name, v.city, v.timeZone, v.mode, v.externalKey ?? null],
  );
  return row.id;
}

export async function update(db: Db, id: string, v: SiteValues): Promise<void> {
  await db.query(
    `UPDATE sites SET organisation_id = $2, name = $3, city = $4, time_zone = $5, mode = $6, updated_at = now() WHERE id = $1`,
    [id, v.organisationId, v.name, v.city, v.timeZone, v.mode],
  );
}
