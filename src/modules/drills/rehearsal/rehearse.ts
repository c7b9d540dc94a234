/**
 * `kizuna drill rehearse SCENARIO --speed N`: an exercise made from a built-in scenario, with
 * simulated teams drawn from the directory (every national CERT's operations centre, Viet Nam's
 * ministries and agencies, its hospitals), started at once at the given speed. The worker plays
 * the teams (simulate.ts) and finishes the exercise after the last deadline; `progress` gives one
 * line of status for the command to print. Everything is done as the operator (system:cli) and
 * audited like any controller's work.
 */
import type { Db } from '../../../db/index.js';
import { AppError } from '../../../errors.js';
import * as organisations from '../../directory/organisations.service.js';
import * as sites from '../../directory/sites.service.js';
import { type Actor, systemActor } from '../../identity/actor.js';
import * as clock from '../clock.service.js';
import * as exercises from '../exercises.service.js';
import { tPlus } from '../msel.js';
import { ensureBuiltins } from '../scenarios.service.js';
import { builtinByKey, builtinScenarios } from '../scenarios/index.js';
import * as teams from '../teams.service.js';
import { type Temperament, teamTemperaments } from './simulate.js';

export const operator = systemActor('cli');

export interface RehearsalOptions {
  scenario: string;
  speed: number;
  /** Lead organisation key or id (default: the national CERT of the home country). */
  lead?: string;
  homeCountry?: string;
  /** At most this many Viet Nam ministry and agency teams (default 12). */
  agencyTeams?: number;
}

async function pickTeams(db: Db, actor: Actor, exerciseId: string, agencyTeams: number): Promise<number> {
  const list = async (q: Record<string, unknown>) =>
    (await organisations.list(db, actor, { limit: 200, offset: 0, ...q } as Parameters<typeof organisations.list>[2])).items;
  const certs = await list({ type: 'national_cert' });
  const vnAgencies = [...(await list({ type: 'ministry', countryCode: 'VN' })), ...(await list({ type: 'agency', countryCode: 'VN' }))]
    .filter((o) => o.sector !== 'defence')
    .slice(0, agencyTeams);
  const hospitals = await list({ type: 'hospital' });
  let n = 0;
  for (const org of [...certs, ...vnAgencies, ...hospitals]) {
    const [site] = (await sites.list(db, actor, { organisationId: org.id, limit: 1, offset: 0, sort: 'name' })).items;
    await teams.create(db, actor, exerciseId, {
      name: `${org.shortName ?? org.name}${site ? ` — ${site.name}` : ''}`.slice(0, 200),
      organisationId: org.id,
      siteId: site?.id ?? null,
      simulated: true,
      playerIds: [],
    });
    n++;
  }
  return n;
}

export async function startRehearsal(db: Db, o: RehearsalOptions): Promise<RehearsalStarted> {
  const builtin = builtinByKey(o.scenario);
  if (!builtin) {
    const keys = builtinScenarios().map((s) => s.key.replace('builtin:', ''));
    throw new AppError('bad_request', `Unknown scenario "${o.scenario}"; built-in scenarios: ${keys.join(', ')}`);
  }
  if (!(o.speed > 0 && o.speed <= 10_000)) throw new AppError('bad_request', 'The speed must be above 0 and at most 10000');
  await ensureBuiltins(db);
  const [row] = await db.query<{ id: string }>('SELECT id FROM drill_scenarios WHERE builtin_key = $1', [builtin.key]);
  const lead = await organisations.resolve(db, o.lead ?? `cert:${(o.homeCountry ?? 'VN').toUpperCase()}`);
  const stamp = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const ex = await exercises.create(
    db,
    operator,
    {
      scenarioId: row.id,
      name: `Rehearsal: ${builtin.name} (${stamp} UTC, ×${o.speed})`,
      description: 'A rehearsal with simulated teams (kizuna drill rehearse)',
      leadOrganisationId: lead.id,
      speed: o.speed,
    },
    { simulated: true },
  );
  const n = await pickTeams(db, operator, ex.id, o.agencyTeams ?? 12);
  const temperaments = { prompt: 0, slow: 0, silent: 0 };
  for (const t of (await teamTemperaments(db, ex.id)).values()) temperaments[t]++;
  await clock.command(db, operator, ex.id, 'start');
  return { exerciseId: ex.id, teams: n, injects: builtin.injects.length, name: ex.name, temperaments };
}

export interface RehearsalStarted {
  exerciseId: string;
  teams: number;
  injects: number;
  name: string;
  /** How many simulated teams answer in time, answer late, or never answer. */
  temperaments: Record<Temperament, number>;
}

export function describeTemperaments(t: Record<Temperament, number>): string {
  return `simulated teams: ${t.prompt} answer in time, ${t.slow} answer late on purpose, ${t.silent} never answer`;
}

export interface Progress {
  status: string;
  exerciseMs: number;
  injects: { total: number; fired: number; skipped: number; pending: number };
  deliveries: { delivered: number; waiting: number; failed: number };
  cells: { met: number; late: number; missed: number; pending: number };
  line: string;
  done: boolean;
}

export async function progress(db: Db, exerciseId: string): Promise<Progress> {
  const ex = await exercises.view(db, exerciseId);
  const [inj] = await db.query<{ total: number; fired: number; skipped: number; pending: number }>(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE state = 'fired')::int AS fired,
       count(*) FILTER (WHERE state IN ('skipped', 'condition_unmet'))::int AS skipped, count(*) FILTER (WHERE state = 'pending')::int AS pending
     FROM drill_injects WHERE exercise_id = $1`,
    [exerciseId],
  );
  const [del] = await db.query<{ delivered: number; waiting: number; failed: number }>(
    `SELECT count(*) FILTER (WHERE state = 'delivered')::int AS delivered, count(*) FILTER (WHERE state IN ('pending', 'sending'))::int AS waiting,
       count(*) FILTER (WHERE state = 'failed')::int AS failed FROM drill_deliveries WHERE exercise_id = $1`,
    [exerciseId],
  );
  const board = await (await import('../board.service.js')).board(db, operator, exerciseId);
  const cells = { met: 0, late: 0, missed: 0, pending: 0 };
  for (const t of board.teams) {
    cells.met += t.totals.met;
    cells.late += t.totals.late;
    cells.missed += t.totals.missed;
    cells.pending += t.totals.pending;
  }
  const line =
    `${tPlus(ex.exerciseMs)} ×${ex.speed} ${ex.status.padEnd(9)} | injects ${inj.fired}/${inj.total} fired, ${inj.skipped} not sent` +
    ` | deliveries ${del.delivered} delivered, ${del.waiting} waiting, ${del.failed} failed` +
    ` | expectations ${cells.met} met, ${cells.late} late, ${cells.missed} missed, ${cells.pending} open`;
  return {
    status: ex.status,
    exerciseMs: ex.exerciseMs,
    injects: inj,
    deliveries: del,
    cells,
    line,
    done: ex.status === 'finished' || ex.status === 'cancelled',
  };
}
