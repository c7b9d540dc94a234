/**
 * The drill benchmark's fixture, written straight into a store before the node starts: Viet Nam's
 * 200 drill sites as teams of one exercise, 10 players each (2,000 users with API tokens), a few
 * injects to everyone for the fan-out figure and 50 injects per site (10,000) spread over a window
 * for the lateness figure. Teams go through the drills service (as the operator); users, tokens
 * and the 10,000 injects are bulk SQL, because making them one by one would take longer than the
 * measurement and is not what is being measured.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/db/index.js';
import { systemActor } from '../../src/modules/identity/actor.js';
import * as identity from '../../src/modules/identity/service.js';
import { secretHash } from '../../src/modules/identity/secrets.js';
import * as exercises from '../../src/modules/drills/exercises.service.js';
import * as teams from '../../src/modules/drills/teams.service.js';

export interface SeedOptions {
  playersPerTeam: number;
  injectsPerTeam: number;
  /** Exercise ms of each inject to everyone (the fan-out figure). */
  fanoutAtMs: number[];
  /**
   * The per-team injects are spread evenly over [windowStartMs, windowStartMs + windowMs), each
   * offset rounded down to a whole second as an MSEL is written: every second, a burst of
   * (injects / window seconds) injects falls due at the same instant.
   */
  windowStartMs: number;
  windowMs: number;
}

export interface Seeded {
  exerciseId: string;
  controllerToken: string;
  playerTokens: string[];
  teams: number;
  /** Per-team injects (the lateness figure). */
  injects: number;
  /** Inject id → ref, for every inject of the exercise. */
  refOf: Map<string, string>;
  fanoutIds: Set<string>;
}

const operator = systemActor('bench');

export async function seed(db: Db, o: SeedOptions): Promise<Seeded> {
  const [vn] = await db.query<{ id: string }>(`SELECT id FROM organisations WHERE external_key = 'cert:VN'`);
  const controller = await identity.createUser(db, operator, {
    email: `bench-controller-${randomBytes(3).toString('hex')}@bench.example`,
    fullName: 'Bench controller',
    password: randomBytes(18).toString('base64url'),
    memberships: [{ organisationId: vn.id, role: 'controller' }],
  });
  const { token: controllerToken } = await identity.createToken(db, operator, {
    name: 'bench',
    expiresInMs: null,
    userEmail: controller.email,
  });

  const ex = await exercises.create(db, operator, { name: 'Benchmark drill', description: '', leadOrganisationId: vn.id, speed: 1 });
  const sites = await db.query<{ id: string; organisation_id: string }>(
    `SELECT id, organisation_id FROM sites WHERE external_key LIKE 'vn:site:%' ORDER BY external_key`,
  );
  const teamIds: string[] = [];
  for (const [i, s] of sites.entries()) {
    const t = await teams.create(db, operator, ex.id, {
      name: `Site ${String(i).padStart(3, '0')}`,
      organisationId: s.organisation_id,
      siteId: s.id,
      simulated: false,
      playerIds: [],
    });
    teamIds.push(t.id);
  }

  // Players: users, memberships, team places and tokens, in a handful of statements.
  const n = teamIds.length * o.playersPerTeam;
  const tag = randomBytes(3).toString('hex');
  const users = await db.query<{ id: string; k: number }>(
    `INSERT INTO users (email, full_name) SELECT 'bench-' || $1 || '-' || g || '@bench.example', 'Player ' || g FROM generate_series(0, $2 - 1) g
     RETURNING id, split_part(split_part(email, '-', 3), '@', 1)::int AS k`,
    [tag, n],
  );
  users.sort((a, b) => a.k - b.k);
  const teamOf = (k: number) => Math.floor(k / o.playersPerTeam);
  await db.query(
    `INSERT INTO memberships (user_id, organisation_id, role) SELECT u, o, 'player' FROM unnest($1::uuid[], $2::uuid[]) AS x(u, o)`,
    [users.map((u) => u.id), users.map((u) => sites[teamOf(u.k)].organisation_id)],
  );
  await db.query(
    `INSERT INTO drill_team_players (exercise_id, team_id, user_id) SELECT $1, t, u FROM unnest($2::uuid[], $3::uuid[]) AS x(t, u)`,
    [ex.id, users.map((u) => teamIds[teamOf(u.k)]), users.map((u) => u.id)],
  );
  const playerTokens = users.map(() => `kzt_${randomBytes(24).toString('base64url')}`);
  await db.query(`INSERT INTO api_tokens (user_id, name, token_hash) SELECT u, 'bench', h FROM unnest($1::uuid[], $2::text[]) AS x(u, h)`, [
    users.map((u) => u.id),
    playerTokens.map(secretHash),
  ]);

  // The MSEL: the fan-outs to everyone, then each team's own injects interleaved across the window.
  // Titles and texts use variables, so firing renders them per team as a real MSEL would.
  const total = teamIds.length * o.injectsPerTeam;
  const refs: string[] = [];
  const offsets: number[] = [];
  const titles: string[] = [];
  const contents: string[] = [];
  const targets: string[] = [];
  for (const [i, at] of o.fanoutAtMs.entries()) {
    refs.push(`FANOUT-${i}`);
    offsets.push(at);
    titles.push(`All sites: situation update ${i} for {team}`);
    contents.push('{site}: national CERT update at {local_time}. Acknowledge in {link}.');
    targets.push(JSON.stringify({ everyone: true }));
  }
  for (let i = 0; i < o.injectsPerTeam; i++) {
    for (const [t, teamId] of teamIds.entries()) {
      const k = i * teamIds.length + t;
      refs.push(`T${t}-${i}`);
      offsets.push(o.windowStartMs + Math.floor((k * o.windowMs) / total / 1000) * 1000);
      titles.push(`Inject ${i} for {team}`);
      contents.push('{site}: anomalous VPN log-ins seen at {local_time}.');
      targets.push(JSON.stringify({ teams: [teamId] }));
    }
  }
  const made = await db.query<{ id: string; ref: string }>(
    `INSERT INTO drill_injects (exercise_id, ref, offset_ms, title, content, targets)
     SELECT $1, r, o, t, c, g::jsonb FROM unnest($2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[]) AS x(r, o, t, c, g)
     RETURNING id, ref`,
    [ex.id, refs, offsets, titles, contents, targets],
  );
  const refOf = new Map(made.map((m) => [m.id, m.ref]));
  const fanoutIds = new Set(made.filter((m) => m.ref.startsWith('FANOUT-')).map((m) => m.id));
  return { exerciseId: ex.id, controllerToken, playerTokens, teams: teamIds.length, injects: total, refOf, fanoutIds };
}
