/**
 * Rows to API shapes (and to the MSEL's plain definitions). Rows never leave the module as they
 * are; flag values only reach people who run the exercise.
 */
import type { z } from 'zod';
import type { ExpectationDef, InjectDef } from './msel.js';
import type { ExpectationRow, InjectRow } from './msel.store.js';
import type * as s from './schema.js';
import type { ExerciseRow } from './exercises.store.js';
import type { ScenarioRow } from './scenarios.store.js';
import type { PlayerRow, TeamRow } from './teams.store.js';
import { clockOf } from './exercises.store.js';
import { exerciseTimeAt } from './clock/index.js';

export const iso = (t: string | null): string | null => (t === null ? null : new Date(t).toISOString());

export function expectationDef(x: ExpectationRow): ExpectationDef {
  return {
    ref: x.ref,
    kind: x.kind,
    description: x.description,
    deadlineMs: Number(x.deadline_ms),
    score: x.score,
    per: x.per,
    flag: x.flag_mode && x.flag_value !== null ? { mode: x.flag_mode, value: x.flag_value, maxAttempts: x.max_attempts } : null,
    expectedIndicators: x.expected_indicators,
  };
}

export function injectDef(r: InjectRow, exps: ExpectationRow[]): InjectDef {
  return {
    ref: r.ref,
    offsetMs: Number(r.offset_ms),
    title: r.title,
    content: r.content,
    channel: r.channel,
    targets: r.targets,
    condition: r.condition,
    attachments: r.attachments,
    tags: r.tags,
    expectations: exps.filter((x) => x.inject_id === r.id).map(expectationDef),
  };
}

export function expectationView(x: ExpectationRow): z.infer<typeof s.ExpectationView> {
  return {
    id: x.id,
    injectId: x.inject_id,
    ref: x.ref,
    kind: x.kind,
    description: x.description,
    deadlineMs: Number(x.deadline_ms),
    score: x.score,
    per: x.per,
    flag: x.flag_mode && x.flag_value !== null ? { mode: x.flag_mode, value: x.flag_value, maxAttempts: x.max_attempts } : null,
    expectedIndicators: x.expected_indicators,
  };
}

export function injectView(r: InjectRow, exps: ExpectationRow[]): z.infer<typeof s.InjectView> {
  return {
    id: r.id,
    ref: r.ref,
    offsetMs: Number(r.offset_ms),
    title: r.title,
    content: r.content,
    channel: r.channel,
    targets: r.targets,
    condition: r.condition ?? null,
    attachments: r.attachments,
    tags: r.tags,
    expectations: exps.filter((x) => x.inject_id === r.id).map(expectationView),
    addedLive: r.added_live,
    state: r.state,
    dueAt: iso(r.due_at),
    firedAt: iso(r.fired_at),
    firedMs: r.fired_ms === null ? null : Number(r.fired_ms),
    firedBy: r.fired_by,
  };
}

export function scenarioView(r: ScenarioRow): z.infer<typeof s.Scenario> {
  return {
    id: r.id,
    builtin: r.builtin_key !== null,
    key: r.builtin_key,
    name: r.name,
    summary: r.summary,
    ownerOrganisationId: r.owner_organisation_id,
    injectCount: r.inject_count,
    durationMs: Number(r.duration_ms),
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export function exerciseView(r: ExerciseRow, nowMs: number): z.infer<typeof s.Exercise> {
  return {
    id: r.id,
    banner: 'EXERCISE',
    name: r.name,
    description: r.description,
    scenarioId: r.scenario_id,
    scenarioName: r.scenario_name,
    leadOrganisationId: r.lead_organisation_id,
    leadOrganisationName: r.lead_organisation_name,
    status: r.status,
    speed: Number(r.speed),
    exerciseMs: exerciseTimeAt(clockOf(r), nowMs),
    plannedStartAt: iso(r.planned_start_at),
    startedAt: iso(r.started_at),
    endedAt: iso(r.ended_at),
    simulated: r.simulated,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export function teamView(r: TeamRow, players: PlayerRow[]): z.infer<typeof s.Team> {
  return {
    id: r.id,
    exerciseId: r.exercise_id,
    name: r.name,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    countryCode: r.country_code,
    siteId: r.site_id,
    siteName: r.site_name,
    timeZone: r.time_zone,
    email: r.email,
    webhookUrl: r.webhook_url,
    webhookSecretSet: r.has_webhook_secret,
    simulated: r.simulated,
    playerCount: r.player_count,
    players: players.filter((p) => p.team_id === r.id).map((p) => ({ userId: p.user_id, email: p.email, fullName: p.full_name })),
  };
}
