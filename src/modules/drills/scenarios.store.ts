/** SQL for scenarios: the reusable plans (built-in ones carry a key and a content hash). */
import type { Db } from '../../db/index.js';

export interface ScenarioRow {
  id: string;
  builtin_key: string | null;
  content_hash: string | null;
  name: string;
  summary: string;
  owner_organisation_id: string | null;
  inject_count: number;
  duration_ms: number;
  created_at: string;
  updated_at: string;
  total?: number;
}

const select = `SELECT s.id, s.builtin_key, s.content_hash, s.name, s.summary, s.owner_organisation_id, s.created_at, s.updated_at,
    (SELECT count(*)::int FROM drill_injects i WHERE i.scenario_id = s.id) AS inject_count,
    COALESCE((SELECT max(i.offset_ms)::float8 FROM drill_injects i WHERE i.scenario_id = s.id), 0) AS duration_ms
  FROM drill_scenarios s`;

/** Built-ins and, for members, their organisations' own scenarios (null = every scenario). */
export async function list(db: Db, f: { organisationIds: string[] | null; q: string | null; limit: number; offset: number }) {
  return db.query<ScenarioRow>(
    `SELECT count(*) OVER ()::int AS total, q.* FROM (${select}) q
     WHERE ($1::uuid[] IS NULL OR q.builtin_key IS NOT NULL OR q.owner_organisation_id = ANY($1::uuid[]))
       AND ($2::text IS NULL OR q.name ILIKE $2)
     ORDER BY q.builtin_key IS NULL, lower(q.name), q.id LIMIT $3 OFFSET $4`,
    [f.organisationIds, f.q, f.limit, f.offset],
  );
}

export async function get(db: Db, id: string): Promise<ScenarioRow | undefined> {
  const [row] = await db.query<ScenarioRow>(`${select} WHERE s.id = $1`, [id]);
  return row;
}

export async function byBuiltinKey(db: Db, key: string): Promise<{ id: string; content_hash: string | null } | undefined> {
  const [row] = await db.query<{ id: string; content_hash: string | null }>(
    'SELECT id, content_hash FROM drill_scenarios WHERE builtin_key = $1',
    [key],
  );
  return row;
}

export async function insert(
  tx: Db,
  v: { name: string; summary: string; ownerOrganisationId: string | null; builtinKey?: string; contentHash?: string },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO drill_scenarios (name, summary, owner_organisation_id, builtin_key, content_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [v.name, v.summary, v.ownerOrganisationId, v.builtinKey ?? null, v.contentHash ?? null],
  );
  return row.id;
}

export async function update(tx: Db, id: string, v: { name: string; summary: string; contentHash?: string | null }): Promise<void> {
  await tx.query(
    'UPDATE drill_scenarios SET name = $2, summary = $3, content_hash = COALESCE($4, content_hash), updated_at = now() WHERE id = $1',
    [id, v.name, v.summary, v.contentHash ?? null],
  );
}
