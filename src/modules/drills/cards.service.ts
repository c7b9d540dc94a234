/**
 * Printable inject cards for a team at an in-person site: every inject that targets the team, in
 * MSEL order, with variables filled in for the team and times in its site's time zone. Controllers
 * who manage the team's country (lead controllers and node admins: all) print them; a player sees
 * only their own team (403 here), other teams do not exist for them (404).
 */
import type { Db } from '../../db/index.js';
import { forbidden, notFound } from '../../errors.js';
import type { Actor } from '../identity/actor.js';
import { accessTo, mayManageCountry } from './access.js';
import type { Card, CardSet } from './cards/pdf.js';
import { renderCards } from './cards/pdf.js';
import { type CardLanguage, defaultLanguage } from './cards/labels.js';
import * as exercises from './exercises.store.js';
import { teamFacts } from './fire.js';
import { tPlus } from './msel.js';
import * as msel from './msel.store.js';
import { inboxLink } from './settings.js';
import { localTime, matches, render } from './targets.js';
import { wallTimeFor } from './clock/index.js';

/** When the inject is (or was) due for this team, in wall-clock ms; null before any start time. */
async function dueAt(db: Db, ex: exercises.ExerciseRow, inj: msel.InjectRow, teamId: string): Promise<number | null> {
  if (inj.state === 'fired') {
    const [d] = await db.query<{ due_at: string }>('SELECT due_at FROM drill_deliveries WHERE inject_id = $1 AND team_id = $2', [
      inj.id,
      teamId,
    ]);
    if (d) return Date.parse(d.due_at);
    if (inj.fired_at) return Date.parse(inj.fired_at);
  }
  if (inj.due_at) return Date.parse(inj.due_at);
  if (ex.status === 'running' || ex.status === 'paused') {
    const wall = wallTimeFor(exercises.clockOf(ex), Number(inj.offset_ms));
    if (wall !== null) return wall;
  }
  return ex.planned_start_at ? Date.parse(ex.planned_start_at) + Number(inj.offset_ms) : null;
}

export async function cards(
  db: Db,
  actor: Actor,
  exerciseId: string,
  teamId: string,
  lang?: CardLanguage,
): Promise<{ pdf: Buffer; fileName: string; lang: CardLanguage }> {
  const a = await accessTo(db, actor, exerciseId);
  const team = (await teamFacts(db, exerciseId)).find((t) => t.id === teamId);
  if (!team) throw notFound('Team');
  if (!mayManageCountry(a, team.countryCode)) {
    if (a.playerTeamId && a.playerTeamId !== team.id && !a.evaluator && !a.countries.length) throw notFound('Team');
    throw forbidden('Only controllers who manage this team’s country print its inject cards');
  }
  const language = lang ?? defaultLanguage(team.countryCode);
  const injects = (await msel.listInjects(db, { exerciseId })).filter((i) => i.state !== 'skipped' && matches(i.targets, team));
  const expectations = await msel.expectationsOfInjects(
    db,
    injects.map((i) => i.id),
  );
  const refs = new Map(injects.map((i) => [i.ref, i.title]));
  const list: Card[] = [];
  for (const inj of injects) {
    const at = await dueAt(db, a.exercise, inj, team.id);
    const local = at === null ? null : localTime(new Date(at), team.timeZone);
    const ctx = { exerciseName: a.exercise.name, dueAt: new Date(at ?? 0), link: inboxLink(exerciseId) };
    // Before a start time is known, {local_time} says the offset rather than a made-up date.
    const fill = (text: string) => render(at === null ? text.replaceAll('{local_time}', tPlus(Number(inj.offset_ms))) : text, team, ctx);
    list.push({
      ref: inj.ref,
      title: fill(inj.title),
      content: fill(inj.content),
      tPlus: tPlus(Number(inj.offset_ms)),
      scheduledLocal: local,
      channel: inj.channel,
      condition: inj.condition
        ? `${inj.condition.inject} (${refs.get(inj.condition.inject) ?? ''}) — ${inj.condition.on}${inj.condition.expectation ? ` ${inj.condition.expectation}` : ''}`
        : null,
      expectations: expectations
        .filter((x) => x.inject_id === inj.id)
        .map((x) => ({
          kind: x.kind,
          description: x.description,
          deadlineMs: Number(x.deadline_ms),
          deadlineLocal: at === null ? null : localTime(new Date(at + Number(x.deadline_ms) / a.exercise.speed), team.timeZone),
          score: x.score,
          per: x.per,
        })),
    });
  }
  const set: CardSet = {
    lang: language,
    exerciseName: a.exercise.name,
    teamName: team.name,
    siteName: team.siteName,
    timeZone: team.timeZone,
    cards: list,
  };
  const safe =
    team.name
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'team';
  return { pdf: await renderCards(set), fileName: `inject-cards-${safe}-${language}.pdf`, lang: language };
}
