/** SQL for people and points of contact, filtered to the organisations a reader may see. */
import type { Db } from '../../db/index.js';
import { likePattern, orderBy } from '../../lib/list.js';
import { subtreeSql } from './organisations.store.js';

export interface PersonRow {
  id: string;
  organisation_id: string;
  organisation_name: string;
  country_code: string;
  full_name: string;
  job_title: string | null;
  email: string | null;
  created_at: string;
  updated_at: string;
  total?: number;
}

export const personSort = { fullName: 'lower(p.full_name)', createdAt: 'p.created_at', organisation: 'lower(o.name)' };

const personSelect = `SELECT p.id, p.organisation_id, o.name AS organisation_name, o.country_code, p.full_name, p.job_title,
   p.email, p.created_at, p.updated_at FROM people p JOIN organisations o ON o.id = p.organisation_id`;

/** `roots` null means every organisation (node admins). */
export async function listPeople(
  db: Db,
  roots: string[] | null,
  f: { q?: string; organisationId?: string; sort?: string; limit: number; offset: number },
): Promise<PersonRow[]> {
  return db.query<PersonRow>(
    `${subtreeSql('$1')} ${personSelect.replace('SELECT ', 'SELECT count(*) OVER ()::int AS total, ')}
     WHERE ($1::uuid[] IS NULL OR p.organisation_id IN (SELECT id FROM visible))
       AND ($2::text IS NULL OR p.full_name ILIKE $2 OR p.email ILIKE $2 OR p.job_title ILIKE $2)
       AND ($3::uuid IS NULL OR p.organisation_id = $3)
     ORDER BY ${orderBy(f.sort, personSort, 'fullName', 'p.id')} LIMIT $4 OFFSET $5`,
    [roots, likePattern(f.q), f.organisationId ?? null, f.limit, f.offset],
  );
}

export async function getPerson(db: Db, id: string): Promise<PersonRow | undefined> {
  const [row] = await db.query<PersonRow>(`${personSelect} WHERE p.id = $1`, [id]);
  return row;
}

export interface PersonValues {
  organisationId: string;
  fullName: string;
  jobTitle: string | null;
  email: string | null;
}

export async function insertPerson(db: Db, v: PersonValues & { externalKey?: string }): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    'INSERT INTO people (organisation_id, full_name, job_title, email, external_key) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [v.organisationId, v.fullName, v.jobTitle, v.email, v.externalKey ?? null],
  );
  return row.id;
}

export async function updatePerson(db: Db, id: string, v: PersonValues): Promise<void> {
  await db.query('UPDATE people SET organisation_id = $2, full_name = $3, job_title = $4, email = $5, updated_at = now() WHERE id = $1', [
    id,
    v.organisationId,
    v.fullName,
    v.jobTitle,
    v.email,
  ]);
}

export interface PointOfContactRow {
  id: string;
  organisation_id: string;
  organisation_name: string;
  country_code: string;
  person_id: string | null;
  person_name: string | null;
  label: string;
  phone_24x7: string | null;
  email: string;
  pgp_key: string | null;
  created_at: string;
  updated_at: string;
  total?: number;
}

export const contactSort = { label: 'lower(c.label)', createdAt: 'c.created_at', organisation: 'lower(o.name)' };

const contactSelect = `SELECT c.id, c.organisation_id, o.name AS organisation_name, o.country_code, c.person_id,
   p.full_name AS person_name, c.label, c.phone_24x7, c.email, c.pgp_key, c.created_at, c.updated_at
   FROM points_of_contact c JOIN organisations o ON o.id = c.organisation_id LEFT JOIN people p ON p.id = c.person_id`;

export async function listContacts(
  db: Db,
  roots: string[] | null,
  f: { q?: string; organisationId?: string; sort?: string; limit: number; offset: number },
): Promise<PointOfContactRow[]> {
  return db.query<PointOfContactRow>(
    `${subtreeSql('$1')} ${contactSelect.replace('SELECT ', 'SELECT count(*) OVER ()::int AS total, ')}
     WHERE ($1::uuid[] IS NULL OR c.organisation_id IN (SELECT id FROM visible))
       AND ($2::text IS NULL OR c.label ILIKE $2 OR c.email ILIKE $2 OR o.name ILIKE $2)
       AND ($3::uuid IS NULL OR c.organisation_id = $3)
     ORDER BY ${orderBy(f.sort, contactSort, 'label', 'c.id')} LIMIT $4 OFFSET $5`,
    [roots, likePattern(f.q), f.organisationId ?? null, f.limit, f.offset],
  );
}

export async function getContact(db: Db, id: string): Promise<PointOfContactRow | undefined> {
  const [row] = await db.query<PointOfContactRow>(`${contactSelect} WHERE c.id = $1`, [id]);
  return row;
}

export interface ContactValues {
  organisationId: string;
  personId: string | null;
  label: string;
  phone24x7: string | null;
  email: string;
  pgpKey: string | null;
}

export async function insertContact(db: Db, v: ContactValues & { externalKey?: string }): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO points_of_contact (organisation_id, person_id, label, phone_24x7, email, pgp_key, external_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [v.organisationId, v.personId, v.label, v.phone24x7, v.email, v.pgpKey, v.externalKey ?? null],
  );
  return row.id;
}

export async function updateContact(db: Db, id: string, v: ContactValues): Promise<void> {
  await db.query(
    `UPDATE points_of_contact SET organisation_id = $2, person_id = $3, label = $4, phone_24x7 = $5, email = $6, pgp_key = $7,
       updated_at = now() WHERE id = $1`,
    [id, v.organisationId, v.personId, v.label, v.phone24x7, v.email, v.pgpKey],
  );
}
