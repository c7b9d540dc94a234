/**
 * Which teams an inject reaches, and the text each team sees. Pure: the worker loads the teams of
 * an exercise once per batch and resolves every inject against them. Rendering fills the
 * variables {team}, {site}, {organisation}, {country}, {exercise}, {local_time} and {link}; the
 * local time is the inject's due time in the team's site time zone (the organisation's country
 * capital is not guessed: a team without a site gets UTC).
 */
import type { Targets } from './msel.js';

export interface TeamFacts {
  id: string;
  name: string;
  organisationId: string;
  organisationName: string;
  /** The organisation and every organisation above it. */
  organisationAncestry: string[];
  organisationType: string;
  countryCode: string;
  siteId: string | null;
  siteName: string | null;
  timeZone: string;
}

export function matches(t: Targets, team: TeamFacts): boolean {
  if (t.everyone) return true;
  if (t.teams?.includes(team.id)) return true;
  if (t.sites?.length && team.siteId && t.sites.includes(team.siteId)) return true;
  if (t.organisations?.some((o) => team.organisationAncestry.includes(o))) return true;
  const scoped = Boolean(t.countries?.length || t.organisationTypes?.length);
  if (!scoped) return false;
  if (t.countries?.length && !t.countries.includes(team.countryCode)) return false;
  if (t.organisationTypes?.length && !t.organisationTypes.includes(team.organisationType)) return false;
  return true;
}

export function resolveTargets(t: Targets, teams: TeamFacts[]): TeamFacts[] {
  return teams.filter((team) => matches(t, team));
}

// Building an Intl.DateTimeFormat costs far more than formatting with one (about 1.5 ms on a busy
// core), and a fan-out to 200 teams formats hundreds of times: one formatter per zone is kept.
const formatters = new Map<string, Intl.DateTimeFormat>();

function partsInZone(at: Date, timeZone: string): Record<string, string> {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  // "GMT+07:00", or plain "GMT" for a zero offset.
  parts.offset = parts.timeZoneName === 'GMT' ? '+00:00' : String(parts.timeZoneName).replace('GMT', '');
  return parts;
}

/** "2026-11-28 21:03 (UTC+07:00, Asia/Ho_Chi_Minh)" */
export function localTime(at: Date, timeZone: string): string {
  const p = partsInZone(at, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} (UTC${p.offset}, ${timeZone})`;
}

/** ISO 8601 with the zone's offset, e.g. 2026-11-28T21:03:20.123+07:00 (what the inbox returns). */
export function isoInZone(at: Date, timeZone: string): string {
  const p = partsInZone(at, timeZone);
  const ms = String(at.getUTCMilliseconds()).padStart(3, '0');
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}.${ms}${p.offset}`;
}

export interface RenderContext {
  exerciseName: string;
  dueAt: Date;
  link: string;
}

export function render(template: string, team: TeamFacts, ctx: RenderContext): string {
  const values: Record<string, string> = {
    team: team.name,
    site: team.siteName ?? team.organisationName,
    organisation: team.organisationName,
    country: team.countryCode,
    exercise: ctx.exerciseName,
    link: ctx.link,
  };
  return template.replace(/\{([a-z_]+)\}/g, (whole, name: string) =>
    name === 'local_time' ? localTime(ctx.dueAt, team.timeZone) : (values[name] ?? whole),
  );
}
