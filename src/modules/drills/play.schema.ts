/**
 * Shapes of the running exercise: the player's inbox and answers, the controllers' board, timeline,
 * deliveries, evaluator queue and event log. Every player-facing shape carries the EXERCISE banner.
 */
import { z } from 'zod';
import { channels, expectationKinds } from './msel.js';
import { cellStatuses } from './outcomes.js';
import { Banner } from './schema.js';
import { clockStatuses } from './clock/index.js';

const Id = z.string().uuid();
const Iso = z.string();

export const PlayerExpectation = z.object({
  id: Id,
  ref: z.string(),
  kind: z.enum(expectationKinds),
  description: z.string(),
  score: z.number(),
  per: z.enum(['any', 'every']),
  /** Exercise time allowed after the inject fires (a paused clock has no wall time for it yet). */
  deadlineMs: z.number(),
  deadlineAt: Iso.nullable(),
  deadlineAtLocal: z.string().nullable(),
  status: z.enum(cellStatuses),
  /** The team has sent an answer to it (a manual one stays pending until an evaluator judges it). */
  answered: z.boolean(),
  attemptsLeft: z.number().nullable(),
});

export const InboxItem = z.object({
  banner: Banner,
  deliveryId: Id,
  seq: z.number(),
  injectId: Id,
  title: z.string(),
  content: z.string(),
  channel: z.enum(channels),
  deliveryState: z.enum(['pending', 'sending', 'delivered', 'failed']),
  dueAt: Iso,
  dueAtLocal: z.string(),
  releasedAt: Iso,
  releasedAtLocal: z.string(),
  timeZone: z.string(),
  attachments: z.array(z.object({ name: z.string(), mediaType: z.string(), content: z.string() })),
  tags: z.array(z.string()),
  acknowledged: z.boolean(),
  expectations: z.array(PlayerExpectation),
});
export type InboxItem = z.infer<typeof InboxItem>;

export const Inbox = z.object({
  banner: Banner,
  exercise: z.object({ id: Id, name: z.string(), status: z.enum(clockStatuses), exerciseMs: z.number(), speed: z.number() }),
  team: z.object({ id: Id, name: z.string(), siteName: z.string().nullable(), timeZone: z.string() }),
  timeZone: z.string(),
  items: z.array(InboxItem),
});

export const AckInput = z.strictObject({ teamId: Id.optional() });
export const FileInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  mediaType: z.string().max(100).default('application/octet-stream'),
  contentBase64: z.string().max(700_000),
});
export const ResponseInput = z.strictObject({
  /** For facilitators recording a room's answer; players answer for their own team. */
  teamId: Id.optional(),
  text: z.string().max(50_000).optional(),
  flag: z.string().max(500).optional(),
  indicators: z.array(z.string().trim().min(1).max(500)).max(500).optional(),
  files: z.array(FileInput).max(5).optional(),
});
export type ResponseInput = z.infer<typeof ResponseInput>;

export const ResponseView = z.object({
  banner: Banner,
  id: Id,
  seq: z.number(),
  teamId: Id,
  teamName: z.string(),
  injectId: Id,
  injectRef: z.string(),
  expectationId: Id.nullable(),
  expectationRef: z.string().nullable(),
  kind: z.enum(['ack', 'report', 'indicators', 'flag', 'manual']),
  text: z.string(),
  correct: z.boolean().nullable(),
  indicators: z.array(z.string()),
  files: z.array(z.object({ id: z.string(), name: z.string(), mediaType: z.string(), size: z.number() })),
  userId: Id.nullable(),
  recordedBy: z.string(),
  exerciseMs: z.number(),
  createdAt: Iso,
});
export const ResponseResult = ResponseView.extend({
  status: z.enum(cellStatuses).nullable(),
  attemptsLeft: z.number().nullable(),
});
export const ResponseQuery = z.object({
  teamId: Id.optional(),
  expectationId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});

const Counts = z.object({
  scheduled: z.number(),
  pending: z.number(),
  met: z.number(),
  late: z.number(),
  missed: z.number(),
  score: z.number(),
  maxScore: z.number(),
});
export const Rollup = Counts.extend({ id: z.string(), name: z.string(), teams: z.number() });

export const Board = z.object({
  banner: Banner,
  status: z.enum(clockStatuses),
  exerciseMs: z.number(),
  expectations: z.array(
    z.object({
      id: Id,
      injectId: Id,
      injectRef: z.string(),
      ref: z.string(),
      kind: z.enum(expectationKinds),
      score: z.number(),
      deadlineMs: z.number(),
    }),
  ),
  teams: z.array(
    z.object({
      id: Id,
      name: z.string(),
      organisationId: Id,
      organisationName: z.string(),
      countryCode: z.string(),
      siteId: Id.nullable(),
      siteName: z.string().nullable(),
      totals: Counts,
      cells: z.array(z.object({ expectationId: Id, status: z.enum(cellStatuses), score: z.number(), satisfiedMs: z.number().nullable() })),
    }),
  ),
  rollups: z.object({ sites: z.array(Rollup), organisations: z.array(Rollup), countries: z.array(Rollup) }),
});

export const TimelineItem = z.object({
  id: Id,
  ref: z.string(),
  offsetMs: z.number(),
  title: z.string(),
  channel: z.enum(channels),
  state: z.enum(['pending', 'fired', 'skipped', 'condition_unmet']),
  dueAt: Iso.nullable(),
  firedAt: Iso.nullable(),
  firedBy: z.string().nullable(),
  addedLive: z.boolean(),
  tags: z.array(z.string()),
  condition: z.object({ inject: z.string(), on: z.string(), expectation: z.string().optional() }).nullable(),
  deliveries: z.object({ pending: z.number(), sending: z.number(), delivered: z.number(), failed: z.number() }),
});
export const Timeline = z.object({ banner: Banner, status: z.enum(clockStatuses), exerciseMs: z.number(), items: z.array(TimelineItem) });

export const DeliveryView = z.object({
  id: Id,
  injectId: Id,
  injectRef: z.string(),
  teamId: Id,
  teamName: z.string(),
  channel: z.enum(channels),
  idempotencyKey: z.string(),
  state: z.enum(['pending', 'sending', 'delivered', 'failed']),
  attempts: z.number(),
  nextAttemptAt: Iso.nullable(),
  lastError: z.string().nullable(),
  dueAt: Iso,
  deliveredAt: Iso.nullable(),
});
export const DeliveryQuery = z.object({
  injectId: Id.optional(),
  teamId: Id.optional(),
  state: z.enum(['pending', 'sending', 'delivered', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});

export const QueueItem = ResponseView.extend({ deadlineMs: z.number(), description: z.string(), late: z.boolean() });
export const EvaluationInput = z.strictObject({
  teamId: Id,
  expectationId: Id,
  verdict: z.enum(['met', 'missed']),
  score: z.number().int().min(0).max(10_000).optional(),
  note: z.string().max(4000).default(''),
});
export type EvaluationInput = z.infer<typeof EvaluationInput>;
export const EvaluationView = z.object({
  expectationId: Id,
  teamId: Id,
  status: z.enum(['met', 'late', 'missed']),
  score: z.number(),
  note: z.string(),
  decidedBy: z.string(),
});

export const EventView = z.object({
  seq: z.number(),
  at: Iso,
  kind: z.string(),
  actor: z.string(),
  teamId: Id.nullable(),
  injectId: Id.nullable(),
  data: z.record(z.string(), z.unknown()),
});
export const EventQuery = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
