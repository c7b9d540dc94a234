/** SQL for exercise teams and their players, with the directory facts targeting needs. */
import type { Db } from '../../db/index.js';

export interface TeamRow {
  id: string;
  exercise_id: string;
  name: string;
  organisation_id: string;
  organisation_name: string;
  organisation_type: string;
  country_code: string;
  site_id: string | null;
  site_name: string | null;
  time_zone: string;
  email: string | null;
  webhook_url: string | null;
  has_webhook_secret: boolean;
  simulated: boolean;
  player_count: number;
  created_at: string;
  updated_at: string;
}

const select = `SELECT t.id, t.exercise_id, t.name, t.organisation_id, o.name AS organisation_name, o.type AS organisation_type, o.country_code,
    t.site_id, s.name AS site_name, COALESCE(s.time_zone, 'UTC') AS time_zone, t.email, t.webhook_url,
    t.webhook_secret IS NOT NULL AS has_webhook_secret, t.simulated,
    (SELECT count(*)::int FROM drill_team_players p WHERE p.team_id = t.id) AS player_count, t.created_at, t.updated_at
  FROM drill_teams t JOIN organisations o ON o.id = t.organisation_id LEFT JOIN sites s ON s.id = t.site_id`;

export async function list(db: Db, exerciseId: string, f: { countryCode?: string | null } = {}): Promise<TeamRow[]> {
  return db.query<TeamRow>(
    `${select} WHERE t.exercise_id = $1 AND ($2::text IS NULL OR o.country_code = $2) ORDER BY o.country_code, lower(t.name), t.id`,
    [exerciseId, f.countryCode ?? null],
  );
}

export async function get(db: Db, id: string): Promise<TeamRow | undefined> {
  const [row] = await db.query<TeamRow>(`${select} WHERE t.id = $1`, [id]);
  return row;
}

/** Each team's organisation and every organisation above it (for "organisations" targets). */
export async function ancestry(db: Db, exerciseId: string): Promise<Map<string, string[]>> {
  const rows = await db.query<{ team_id: string; org_id: string }>(
    `WITH RECURSIVE up(team_id, org_id, depth) AS (
       SELECT t.id, t.organisation_id, 0 FROM drill_teams t WHERE t.exercise_id = $1
       UNION ALL
       SELECT up.team_id, o.parent_id, up.depth + 1 FROM up JOIN organisations o ON o.id = up.org_id
       WHERE o.parent_id IS NOT NULL AND up.depth < 32)
     SELECT team_id, org_id FROM up`,
    [exerciseId],
  );
  const map = new Map<string, string[]>();
  for (const r of rows) map.set(r.team_id, [...(map.get(r.team_id) ?? []), r.org_id]);
  return map;
}

export interface TeamValues {
  name: string;
  organisationId: string;
  siteId: string | null;
  email: string | null;
  webhookUrl: string | null;
  simulated: boolean;
}

export async function insert(tx: Db, exerciseId: string, v: TeamValues, webhookSecret: string | null): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO drill_teams (exercise_id, name, organisation_id, site_id, email, webhook_url, webhook_secret, simulated)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [exerciseId, v.name, v.organisationId, v.siteId, v.email, v.webhookUrl, webhookSecret, v.simulated],
  );
  return row.id;
}

export async function update(tx: Db, id: string, v: TeamValues, webhookSecret: string | null | undefined): Promise<void> {
  await tx.query(
    `UPDATE drill_teams SET name = $2, organisation_id = $3, site_id = $4, email = $5, webhook_url = $6, simulated = $7,
       webhook_secret = CASE WHEN $8::boolean THEN $9 ELSE webhook_secret END, updated_at = now() WHERE id = $1`,
    [id, v.name, v.organisationId, v.siteId, v.email, v.webhookUrl, v.simulated, webhookSecret !== undefined, webhookSecret ?? null],
  );
}

export async function remove(tx: Db, id: string): Promise<void> {
  await tx.query('DELETE FROM drill_teams WHERE id = $1', [id]);
}

export async function nameTaken(db: Db, exerciseId: string, name: string, exceptId?: string): Promise<boolean> {
  const rows = await db.query(
    'SELECT 1 FROM drill_teams WHERE exercise_id = $1 AND lower(name) = lower($2) AND id <> COALESCE($3::uuid, gen_random_uuid())',
    [exerciseId, name, exceptId ?? null],
  );
  return rows.length > 0;
}

export interface PlayerRow {
  team_id: string;
  user_id: string;
  email: string;
  full_name: string;
}

export async function players(db: Db, teamIds: string[]): Promise<PlayerRow[]> {
  if (!teamIds.length) return [];
  return db.query<PlayerRow>(
    `SELECT p.team_id, p.user_id, u.email, u.full_name FROM drill_team_players p JOIN users u ON u.id = p.user_id
     WHERE p.team_id = ANY($1::uuid[]) ORDER BY lower(u.email)`,
    [teamIds],
  );
}

export async function addPlayer(tx: Db, exerciseId: string, teamId: string, userId: string): Promise<boolean> {
  const rows = await tx.query(
    'INSERT INTO drill_team_players (exercise_id, team_id, user_id) VALUES ($1, $2, $3) ON CONFLICT (team_id, user_id) DO NOTHING RETURNING user_id',
    [exerciseId, teamId, userId],
  );
  return rows.length > 0;
}

export async function removePlayer(tx: Db, teamId: string, userId: string): Promise<boolean> {
  return (
    (await tx.query('DELETE FROM drill_team_players WHERE team_id = $1 AND user_id = $2 RETURNING user_id', [teamId, userId])).length > 0
  );
}

/** The team a user plays in, in one exercise. */
export async function teamOfPlayer(db: Db, exerciseId: string, userId: string): Promise<string | undefined> {
  const [row] = await db.query<{ team_id: string }>('SELECT team_id FROM drill_team_players WHERE exercise_id = $1 AND user_id = $2', [
    exerciseId,
    userId,
  ]);
  return row?.team_id;
}

export async function webhookSecret(db: Db, teamId: string): Promise<string | null> {
  const [row] = await db.query<{ webhook_secret: string | null }>('SELECT webhook_secret FROM drill_teams WHERE id = $1', [teamId]);
  return row?.webhook_secret ?? null;
}
