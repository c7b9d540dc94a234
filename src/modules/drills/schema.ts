/**
 * Shapes of the planning API: scenarios, exercises, MSEL injects and expectations, teams, clock
 * commands. Inputs are strict; outputs are what presenters produce. Schedule rules that need the
 * whole MSEL (conditions, deadlines) live in msel.ts, so their messages can name the injects.
 */
import { z } from 'zod';
import { listQuery } from '../../lib/list.js';
import { organisationTypes } from '../directory/schema.js';
import { channels, conditionOutcomes, expectationKinds, flagModes } from './msel.js';
import { clockCommands } from './clock.service.js';
import { MAX_SPEED, MIN_SPEED, clockStatuses } from './clock/index.js';

const Id = z.string().uuid();
const Ref = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'Letters, digits, dot, dash and underscore');
const DAY = 24 * 60 * 60 * 1000;
const Ms = z
  .number()
  .int()
  .min(0)
  .max(60 * DAY);
const Iso = z.string();
export const Banner = z.literal('EXERCISE');

export const IdParams = z.object({ id: Id });
export const InjectParams = z.object({ id: Id, injectId: Id });
export const ExpectationParams = z.object({ id: Id, expectationId: Id });
export const TeamParams = z.object({ id: Id, teamId: Id });
export const PlayerParams = z.object({ id: Id, teamId: Id, userId: Id });

export const Targets = z.strictObject({
  everyone: z.boolean().optional(),
  teams: z.array(Id).max(2000).optional(),
  sites: z.array(Id).max(2000).optional(),
  organisations: z.array(Id).max(2000).optional(),
  countries: z
    .array(z.string().regex(/^[A-Z]{2}$/))
    .max(250)
    .optional(),
  organisationTypes: z.array(z.enum(organisationTypes)).max(10).optional(),
});

const TargetsView = Targets.extend({ organisationTypes: z.array(z.string()).optional() });

export const Condition = z.strictObject({ inject: Ref, on: z.enum(conditionOutcomes), expectation: Ref.optional() });

export const Flag = z.strictObject({
  mode: z.enum(flagModes),
  value: z.string().min(1).max(500),
  maxAttempts: z.number().int().min(1).max(1000).nullable().optional(),
});

// Field sets without defaults, so that patches built from them change only what they name.
const expectationFields = {
  ref: Ref,
  kind: z.enum(expectationKinds),
  description: z.string().max(4000),
  // Any integer: a deadline at or before the inject is refused by the schedule check with a
  // message that names the inject, rather than by a bare range error.
  deadlineMs: z
    .number()
    .int()
    .min(-60 * DAY)
    .max(60 * DAY),
  score: z.number().int().min(0).max(10_000),
  per: z.enum(['any', 'every']),
  flag: Flag.nullable().optional(),
  expectedIndicators: z.array(z.string().trim().min(1).max(500)).max(200).optional(),
};
export const ExpectationInput = z.strictObject({
  ...expectationFields,
  description: expectationFields.description.default(''),
  score: expectationFields.score.default(10),
  per: expectationFields.per.default('any'),
});
export type ExpectationInput = z.infer<typeof ExpectationInput>;
export const ExpectationPatch = z.strictObject(expectationFields).partial();
export type ExpectationPatch = z.infer<typeof ExpectationPatch>;

export const Attachment = z.strictObject({
  name: z.string().trim().min(1).max(200),
  mediaType: z.string().max(100).default('text/plain'),
  content: z.string().max(200_000),
});

const injectFields = {
  ref: Ref,
  offsetMs: Ms,
  title: z.string().trim().min(1).max(300),
  content: z.string().max(20_000),
  channel: z.enum(channels),
  targets: Targets,
  condition: Condition.nullable().optional(),
  attachments: z.array(Attachment).max(20),
  tags: z.array(z.string().trim().min(1).max(100)).max(50),
  expectations: z.array(ExpectationInput).max(20),
};
export const InjectInput = z.strictObject({
  ...injectFields,
  content: injectFields.content.default(''),
  channel: injectFields.channel.default('inbox'),
  targets: injectFields.targets.default({ everyone: true }),
  attachments: injectFields.attachments.default([]),
  tags: injectFields.tags.default([]),
  expectations: injectFields.expectations.default([]),
});
export type InjectInput = z.infer<typeof InjectInput>;

/** Adding an inject to an exercise: `live` while it runs, due now unless an offset is given. */
export const NewInjectInput = InjectInput.extend({ offsetMs: Ms.optional(), live: z.boolean().optional() });
export type NewInjectInput = z.infer<typeof NewInjectInput>;
export const InjectPatch = z.strictObject(injectFields).partial();
export type InjectPatch = z.infer<typeof InjectPatch>;

export const ExpectationView = z.object({
  id: Id,
  injectId: Id,
  ref: z.string(),
  kind: z.enum(expectationKinds),
  description: z.string(),
  deadlineMs: z.number(),
  score: z.number(),
  per: z.enum(['any', 'every']),
  flag: z.object({ mode: z.enum(flagModes), value: z.string(), maxAttempts: z.number().nullable() }).nullable(),
  expectedIndicators: z.array(z.string()),
});

export const InjectView = z.object({
  id: Id,
  ref: z.string(),
  offsetMs: z.number(),
  title: z.string(),
  content: z.string(),
  channel: z.enum(channels),
  targets: TargetsView,
  condition: Condition.nullable(),
  attachments: z.array(z.object({ name: z.string(), mediaType: z.string(), content: z.string() })),
  tags: z.array(z.string()),
  expectations: z.array(ExpectationView),
  addedLive: z.boolean(),
  state: z.enum(['pending', 'fired', 'skipped', 'condition_unmet']),
  dueAt: Iso.nullable(),
  firedAt: Iso.nullable(),
  firedMs: z.number().nullable(),
  firedBy: z.string().nullable(),
});

export const MselInput = z.strictObject({ injects: z.array(InjectInput).max(5000) });
export const MselView = z.object({ items: z.array(InjectView) });

export const Scenario = z.object({
  id: Id,
  builtin: z.boolean(),
  key: z.string().nullable(),
  name: z.string(),
  summary: z.string(),
  ownerOrganisationId: Id.nullable(),
  injectCount: z.number().int(),
  durationMs: z.number(),
  createdAt: Iso,
  updatedAt: Iso,
});
export const ScenarioDetail = Scenario.extend({ injects: z.array(InjectView) });
export const ScenarioInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  summary: z.string().max(4000).default(''),
  organisationId: Id.optional(),
  injects: z.array(InjectInput).max(5000).default([]),
});
export type ScenarioInput = z.infer<typeof ScenarioInput>;
export const ScenarioQuery = listQuery;

export const Exercise = z.object({
  id: Id,
  banner: Banner,
  name: z.string(),
  description: z.string(),
  scenarioId: Id.nullable(),
  scenarioName: z.string().nullable(),
  leadOrganisationId: Id,
  leadOrganisationName: z.string(),
  status: z.enum(clockStatuses),
  speed: z.number(),
  exerciseMs: z.number(),
  plannedStartAt: Iso.nullable(),
  startedAt: Iso.nullable(),
  endedAt: Iso.nullable(),
  simulated: z.boolean(),
  createdAt: Iso,
  updatedAt: Iso,
});
export const ExerciseInput = z.strictObject({
  scenarioId: Id.optional(),
  name: z.string().trim().min(1).max(200),
  description: z.string().max(4000).default(''),
  leadOrganisationId: Id,
  plannedStartAt: z.string().datetime({ offset: true }).nullable().optional(),
  speed: z.number().min(MIN_SPEED).max(MAX_SPEED).default(1),
});
export type ExerciseInput = z.infer<typeof ExerciseInput>;
export const ExercisePatch = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  description: z.string().max(4000).optional(),
  plannedStartAt: z.string().datetime({ offset: true }).nullable().optional(),
});
export type ExercisePatch = z.infer<typeof ExercisePatch>;
export const ExerciseQuery = listQuery.extend({ status: z.enum(clockStatuses).optional() });

export const ClockParams = z.object({ id: Id, command: z.enum(clockCommands) });
export const ClockInput = z.strictObject({ speed: z.number().min(MIN_SPEED).max(MAX_SPEED).optional() });

export const Player = z.object({ userId: Id, email: z.string(), fullName: z.string() });
export const Team = z.object({
  id: Id,
  exerciseId: Id,
  name: z.string(),
  organisationId: Id,
  organisationName: z.string(),
  countryCode: z.string(),
  siteId: Id.nullable(),
  siteName: z.string().nullable(),
  timeZone: z.string(),
  email: z.string().nullable(),
  webhookUrl: z.string().nullable(),
  webhookSecretSet: z.boolean(),
  simulated: z.boolean(),
  playerCount: z.number().int(),
  players: z.array(Player),
});
export const TeamCreated = Team.extend({ webhookSecret: z.string().optional() });
export const TeamInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  organisationId: Id,
  siteId: Id.nullable().optional(),
  email: z.string().trim().email().max(254).nullable().optional(),
  webhookUrl: z.string().url().max(2000).nullable().optional(),
  simulated: z.boolean().default(false),
  playerIds: z.array(Id).max(500).default([]),
});
export type TeamInput = z.infer<typeof TeamInput>;
export const TeamPatch = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  organisationId: Id.optional(),
  siteId: Id.nullable().optional(),
  email: z.string().trim().email().max(254).nullable().optional(),
  webhookUrl: z.string().url().max(2000).nullable().optional(),
  simulated: z.boolean().optional(),
  /** Set true to issue a new webhook secret (returned once). */
  rotateWebhookSecret: z.boolean().optional(),
});
export type TeamPatch = z.infer<typeof TeamPatch>;

/** Someone a controller may add to a team: a person of an organisation in the team's country. */
export const PlayerCandidate = z.object({
  id: Id,
  name: z.string(),
  organisationId: Id,
  organisationName: z.string(),
  /** Shown only where the directory lets the caller read the person's organisation's private records. */
  email: z.string().nullable(),
});
export const PlayerCandidateQuery = listQuery.pick({ q: true, limit: true, offset: true });
