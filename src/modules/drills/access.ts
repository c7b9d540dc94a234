/**
 * Who may do what in an exercise, in one place. Every drills service starts with `accessTo` and
 * one of the `require*` checks below.
 * - Lead controllers (role controller in the lead organisation) and node admins run the exercise:
 *   plan, clock, every team.
 * - National controllers (role controller in a country's national CERT) manage the teams of their
 *   country only, and see the board for those teams.
 * - Evaluators of the lead organisation judge manual expectations and see the board.
 * - Players see their own team's injects and answers; to them every other team does not exist (404).
 */
import type { Db } from '../../db/index.js';
import { forbidden, notFound } from '../../errors.js';
import * as organisations from '../directory/organisations.service.js';
import { type Actor, hasRoleIn, isNodeAdmin } from '../identity/actor.js';
import * as exercises from './exercises.store.js';
import * as teams from './teams.store.js';

export interface Access {
  exercise: exercises.ExerciseRow;
  lead: boolean;
  evaluator: boolean;
  /** Countries whose teams this actor manages (every country for lead controllers is `lead`). */
  countries: string[];
  /** The team the actor plays in, if any. */
  playerTeamId: string | null;
}

/** Countries where the actor is a controller of the national CERT. */
export async function nationalCountries(db: Db, actor: Actor): Promise<string[]> {
  if (actor.kind !== 'user') return [];
  const ids = [...new Set(actor.memberships.filter((m) => m.role === 'controller').map((m) => m.organisationId))];
  const out: string[] = [];
  for (const id of ids) {
    const org = await organisations.get(db, actor, id).catch(() => undefined);
    if (org?.type === 'national_cert') out.push(org.countryCode);
  }
  return out;
}

export async function accessTo(db: Db, actor: Actor, exerciseId: string, lock: 'update' | 'share' | null = null): Promise<Access> {
  const exercise = await exercises.get(db, exerciseId, lock);
  if (!exercise) throw notFound('Exercise');
  const admin = isNodeAdmin(actor);
  const lead = admin || hasRoleIn(actor, [exercise.lead_organisation_id], ['controller']);
  const evaluator = lead || hasRoleIn(actor, [exercise.lead_organisation_id], ['evaluator']);
  const countries = lead ? [] : await nationalCountries(db, actor);
  const playerTeamId = actor.kind === 'user' ? ((await teams.teamOfPlayer(db, exerciseId, actor.userId)) ?? null) : null;
  if (!lead && !evaluator && !countries.length && !playerTeamId) throw notFound('Exercise');
  return { exercise, lead, evaluator, countries, playerTeamId };
}

export function requireLead(a: Access): void {
  if (!a.lead) throw forbidden('Only controllers of the lead organisation run this exercise');
}

export function requireEvaluator(a: Access): void {
  if (!a.evaluator) throw forbidden('Only evaluators and controllers of the lead organisation judge expectations');
}

/** Controllers (lead or national) and evaluators: the people who watch the board. */
export function requireStaff(a: Access): void {
  if (!a.lead && !a.evaluator && !a.countries.length) throw forbidden('Only controllers and evaluators see this');
}

export function mayManageCountry(a: Access, countryCode: string): boolean {
  return a.lead || a.countries.includes(countryCode);
}

/** The teams whose rows this actor may see on the board: all, or their countries'. */
export function teamFilter(a: Access): ((t: { country_code: string }) => boolean) | null {
  if (a.lead || a.evaluator) return null;
  return (t) => a.countries.includes(t.country_code);
}

/**
 * The team an answer is recorded for: a player's own team; a controller (facilitator of an
 * in-person room) may record for a team of a country they manage.
 */
export async function answeringTeam(db: Db, a: Access, teamId: string | undefined): Promise<teams.TeamRow> {
  const id = teamId ?? a.playerTeamId;
  if (!id) throw forbidden('Only players of a team answer injects');
  const team = await teams.get(db, id);
  if (!team || team.exercise_id !== a.exercise.id) throw notFound('Team');
  if (id === a.playerTeamId) return team;
  if (!mayManageCountry(a, team.country_code)) throw notFound('Team');
  return team;
}
