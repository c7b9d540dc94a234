/**
 * The drills API (/api/v1/scenarios, /api/v1/exercises/…) as the console uses it: shapes mirror
 * src/modules/drills/schema.ts and play.schema.ts, and every call the drills pages make is named
 * here, so a change of the contract is one edit.
 */
import { api } from './client';
import type { Page } from './types';

export const drillsKey = 'drills';

export const clockStatuses = ['scheduled', 'running', 'paused', 'finished', 'cancelled'] as const;
export type ClockStatus = (typeof clockStatuses)[number];
export const clockCommands = ['start', 'pause', 'resume', 'speed', 'finish', 'cancel', 'reset'] as const;
export type ClockCommand = (typeof clockCommands)[number];
export const MIN_SPEED = 0.01;
export const MAX_SPEED = 10_000;

export type Channel = 'inbox' | 'email' | 'webhook';
export type ExpectationKind = 'acknowledge' | 'report' | 'indicators' | 'flag' | 'manual';
export type CellStatus = 'scheduled' | 'pending' | 'met' | 'late' | 'missed';
export type InjectState = 'pending' | 'fired' | 'skipped' | 'condition_unmet';
export type DeliveryState = 'pending' | 'sending' | 'delivered' | 'failed';

export interface Scenario {
  id: string;
  builtin: boolean;
  key: string | null;
  name: string;
  summary: string;
  ownerOrganisationId: string | null;
  injectCount: number;
  durationMs: number;
}

export interface Exercise {
  id: string;
  banner: 'EXERCISE';
  name: string;
  description: string;
  scenarioId: string | null;
  scenarioName: string | null;
  leadOrganisationId: string;
  leadOrganisationName: string;
  status: ClockStatus;
  speed: number;
  exerciseMs: number;
  plannedStartAt: string | null;
  startedAt: string | null;
  endedAt: string | null;
  simulated: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ExerciseInput {
  scenarioId?: string;
  name: string;
  description?: string;
  leadOrganisationId: string;
  plannedStartAt?: string | null;
  speed?: number;
}

export interface Player {
  userId: string;
  email: string;
  fullName: string;
}

export interface Team {
  id: string;
  exerciseId: string;
  name: string;
  organisationId: string;
  organisationName: string;
  countryCode: string;
  siteId: string | null;
  siteName: string | null;
  timeZone: string;
  email: string | null;
  webhookUrl: string | null;
  webhookSecretSet: boolean;
  simulated: boolean;
  playerCount: number;
  players: Player[];
}

export interface TeamInput {
  name: string;
  organisationId: string;
  siteId?: string | null;
  email?: string | null;
  webhookUrl?: string | null;
  playerIds?: string[];
}

export interface PlayerExpectation {
  id: string;
  ref: string;
  kind: ExpectationKind;
  description: string;
  score: number;
  per: 'any' | 'every';
  /** Exercise time allowed after the inject (known even while the clock is paused). */
  deadlineMs: number;
  deadlineAt: string | null;
  deadlineAtLocal: string | null;
  status: CellStatus;
  /** The team has sent an answer (a manual one stays pending until it is judged). */
  answered: boolean;
  attemptsLeft: number | null;
}

export interface Attachment {
  name: string;
  mediaType: string;
  content: string;
}

export interface InboxItem {
  banner: 'EXERCISE';
  deliveryId: string;
  seq: number;
  injectId: string;
  title: string;
  content: string;
  channel: Channel;
  deliveryState: DeliveryState;
  dueAt: string;
  dueAtLocal: string;
  releasedAt: string;
  releasedAtLocal: string;
  timeZone: string;
  attachments: Attachment[];
  tags: string[];
  acknowledged: boolean;
  expectations: PlayerExpectation[];
}

export interface Inbox {
  banner: 'EXERCISE';
  exercise: { id: string; name: string; status: ClockStatus; exerciseMs: number; speed: number };
  team: { id: string; name: string; siteName: string | null; timeZone: string };
  timeZone: string;
  items: InboxItem[];
}

export interface FileInput {
  name: string;
  mediaType: string;
  contentBase64: string;
}

export interface ResponseInput {
  teamId?: string;
  text?: string;
  flag?: string;
  indicators?: string[];
  files?: FileInput[];
}

export interface ResponseView {
  id: string;
  seq: number;
  teamId: string;
  teamName: string;
  injectId: string;
  injectRef: string;
  expectationId: string | null;
  expectationRef: string | null;
  kind: 'ack' | 'report' | 'indicators' | 'flag' | 'manual';
  text: string;
  correct: boolean | null;
  indicators: string[];
  files: { id: string; name: string; mediaType: string; size: number }[];
  userId: string | null;
  recordedBy: string;
  exerciseMs: number;
  createdAt: string;
}

export interface ResponseResult extends ResponseView {
  status: CellStatus | null;
  attemptsLeft: number | null;
}

export interface Counts {
  scheduled: number;
  pending: number;
  met: number;
  late: number;
  missed: number;
  score: number;
  maxScore: number;
}

export interface Rollup extends Counts {
  id: string;
  name: string;
  teams: number;
}

export interface BoardExpectation {
  id: string;
  injectId: string;
  injectRef: string;
  ref: string;
  kind: ExpectationKind;
  score: number;
  deadlineMs: number;
}

export interface BoardTeam {
  id: string;
  name: string;
  organisationId: string;
  organisationName: string;
  countryCode: string;
  siteId: string | null;
  siteName: string | null;
  totals: Counts;
  cells: { expectationId: string; status: CellStatus; score: number; satisfiedMs: number | null }[];
}

export interface Board {
  banner: 'EXERCISE';
  status: ClockStatus;
  exerciseMs: number;
  expectations: BoardExpectation[];
  teams: BoardTeam[];
  rollups: { sites: Rollup[]; organisations: Rollup[]; countries: Rollup[] };
}

export interface TimelineItem {
  id: string;
  ref: string;
  offsetMs: number;
  title: string;
  channel: Channel;
  state: InjectState;
  dueAt: string | null;
  firedAt: string | null;
  firedBy: string | null;
  addedLive: boolean;
  tags: string[];
  condition: { inject: string; on: string; expectation?: string } | null;
  deliveries: Record<DeliveryState, number>;
}

export interface Timeline {
  banner: 'EXERCISE';
  status: ClockStatus;
  exerciseMs: number;
  items: TimelineItem[];
}

export interface Delivery {
  id: string;
  injectId: string;
  injectRef: string;
  teamId: string;
  teamName: string;
  channel: Channel;
  idempotencyKey: string;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  dueAt: string;
  deliveredAt: string | null;
}

export interface DrillEvent {
  seq: number;
  at: string;
  kind: string;
  actor: string;
  teamId: string | null;
  injectId: string | null;
  data: Record<string, unknown>;
}

export interface QueueItem extends ResponseView {
  deadlineMs: number;
  description: string;
  late: boolean;
}

export interface EvaluationInput {
  teamId: string;
  expectationId: string;
  verdict: 'met' | 'missed';
  score?: number;
  note?: string;
}

export interface CheckContact {
  id: string;
  pointOfContactId: string;
  organisationId: string;
  organisationName: string;
  name: string;
  email: string;
  deliveryState: 'pending' | 'sent' | 'failed';
  sentAt: string | null;
  acknowledgedAt: string | null;
  responseMs: number | null;
}

export interface CommunicationCheck {
  id: string;
  exerciseId: string;
  title: string;
  message: string;
  createdAt: string;
  summary: { total: number; acknowledged: number; pending: number; failed: number };
  contacts?: CheckContact[];
}

export interface CheckInput {
  title: string;
  message: string;
  organisationIds: string[];
}

/** Someone a controller may add to a team (people of the team's country). */
export interface PlayerCandidate {
  id: string;
  name: string;
  organisationId: string;
  organisationName: string;
  /** Only where the directory lets the viewer read the person's organisation's private records. */
  email: string | null;
}

const ex = (id: string) => `/exercises/${encodeURIComponent(id)}`;

export const drillsApi = {
  scenarios: () => api.get<Page<Scenario>>('/scenarios', { limit: 100 }),
  exercises: () => api.get<Page<Exercise>>('/exercises', { limit: 100 }),
  exercise: (id: string) => api.get<Exercise>(ex(id)),
  createExercise: (input: ExerciseInput) => api.post<Exercise>('/exercises', input),
  clock: (id: string, command: ClockCommand, speed?: number) =>
    api.post<Exercise>(`${ex(id)}/clock/${command}`, command === 'speed' ? { speed } : {}),

  teams: (id: string) => api.get<{ items: Team[] }>(`${ex(id)}/teams`),
  createTeam: (id: string, input: TeamInput) => api.post<Team & { webhookSecret?: string }>(`${ex(id)}/teams`, input),
  addPlayer: (id: string, teamId: string, userId: string) =>
    api.put<Team>(`${ex(id)}/teams/${encodeURIComponent(teamId)}/players/${encodeURIComponent(userId)}`),
  removePlayer: (id: string, teamId: string, userId: string) =>
    api.delete<Team>(`${ex(id)}/teams/${encodeURIComponent(teamId)}/players/${encodeURIComponent(userId)}`),

  timeline: (id: string) => api.get<Timeline>(`${ex(id)}/timeline`),
  fire: (id: string, injectId: string) => api.post<unknown>(`${ex(id)}/injects/${encodeURIComponent(injectId)}/fire`),
  skip: (id: string, injectId: string) => api.post<unknown>(`${ex(id)}/injects/${encodeURIComponent(injectId)}/skip`),
  board: (id: string) => api.get<Board>(`${ex(id)}/board`),
  deliveries: (id: string, state?: DeliveryState) => api.get<Page<Delivery>>(`${ex(id)}/deliveries`, { state, limit: 500 }),
  events: (id: string, after = 0) => api.get<{ items: DrillEvent[]; next: number }>(`${ex(id)}/events`, { after, limit: 500 }),
  queue: (id: string) => api.get<{ items: QueueItem[] }>(`${ex(id)}/evaluations/queue`),
  judge: (id: string, input: EvaluationInput) => api.post<unknown>(`${ex(id)}/evaluations`, input),

  inbox: (id: string, teamId?: string) => api.get<Inbox>(`${ex(id)}/inbox`, { teamId }),
  ack: (id: string, injectId: string, teamId?: string) =>
    api.post<ResponseView>(`${ex(id)}/injects/${encodeURIComponent(injectId)}/ack`, teamId ? { teamId } : {}),
  respond: (id: string, expectationId: string, input: ResponseInput) =>
    api.post<ResponseResult>(`${ex(id)}/expectations/${encodeURIComponent(expectationId)}/responses`, input),

  checks: (id: string) => api.get<{ items: CommunicationCheck[] }>(`${ex(id)}/communication-checks`),
  check: (id: string, checkId: string) => api.get<CommunicationCheck>(`${ex(id)}/communication-checks/${encodeURIComponent(checkId)}`),
  createCheck: (id: string, input: CheckInput) => api.post<CommunicationCheck>(`${ex(id)}/communication-checks`, input),

  playerCandidates: (id: string, teamId: string, q: string) =>
    api.get<Page<PlayerCandidate>>(`${ex(id)}/teams/${encodeURIComponent(teamId)}/player-candidates`, { q, limit: 50 }),
};

/** Server-sent-event URLs (EventSource sends the session cookie; Last-Event-ID resumes). */
export const streamUrl = (id: string, teamId?: string) => `/api/v1${ex(id)}/stream${teamId ? `?teamId=${encodeURIComponent(teamId)}` : ''}`;
export const controlStreamUrl = (id: string) => `/api/v1${ex(id)}/control-stream`;
export const cardsPdfUrl = (id: string, teamId: string, lang?: string) =>
  `/api/v1${ex(id)}/teams/${encodeURIComponent(teamId)}/cards.pdf${lang ? `?lang=${lang}` : ''}`;
