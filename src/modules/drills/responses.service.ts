/**
 * What teams send back: acknowledgements, reports, indicators, flags and manual answers (with
 * files). Players answer for their own team, and only to injects that reached it (404 otherwise);
 * a facilitator (a controller who manages the team's country) may record a room's answer for a
 * team. Each answer is checked at once and, when it satisfies its expectation, the outcome is
 * decided in the same transaction (met before the deadline, late after; "every player" waits for
 * the last player). Flags count attempts per team against the expectation's limit.
 */
import type { z } from 'zod';
import type { Db } from '../../db/index.js';
import { AppError, conflict, notFound } from '../../errors.js';
import * as audit from '../audit/service.js';
import { type Actor, actorLabel } from '../identity/actor.js';
import { type Access, accessTo, answeringTeam, requireStaff } from './access.js';
import * as deliveries from './deliveries.store.js';
import * as evaluations from './evaluations.store.js';
import { logEvent } from './events.js';
import * as exercises from './exercises.store.js';
import { storeIndicators } from './indicators.js';
import { flagMatches } from './msel.js';
import * as msel from './msel.store.js';
import { cellStatus, scoreFor, statusAt } from './outcomes.js';
import type * as p from './play.schema.js';
import * as store from './responses.store.js';
import * as teams from './teams.store.js';
import { exerciseTimeAt } from './clock/index.js';

type ResponseResult = z.infer<typeof p.ResponseResult>;

export function presentResponse(r: store.ResponseRow): z.infer<typeof p.ResponseView> {
  return {
    banner: 'EXERCISE',
    id: r.id,
    seq: Number(r.seq),
    teamId: r.team_id,
    teamName: r.team_name,
    injectId: r.inject_id,
    injectRef: r.inject_ref,
    expectationId: r.expectation_id,
    expectationRef: r.expectation_ref,
    kind: r.kind,
    text: r.body,
    correct: r.correct,
    indicators: r.indicators,
    files: r.files,
    userId: r.user_id,
    recordedBy: r.recorded_by,
    exerciseMs: Number(r.exercise_ms),
    createdAt: new Date(r.created_at).toISOString(),
  };
}

interface Ctx {
  a: Access;
  team: teams.TeamRow;
  inject: msel.InjectRow;
  nowMs: number;
}

async function answering(tx: Db, actor: Actor, exerciseId: string, injectId: string, teamId: string | undefined): Promise<Ctx> {
  const a = await accessTo(tx, actor, exerciseId);
  const team = await answeringTeam(tx, a, teamId);
  const inject = await msel.getInject(tx, injectId);
  // An inject that has not reached this team does not exist for it.
  if (!inject || inject.exercise_id !== exerciseId || !(await deliveries.getForTeam(tx, injectId, team.id))) throw notFound('Inject');
  if (a.exercise.status !== 'running' && a.exercise.status !== 'paused')
    throw conflict(`The exercise is ${a.exercise.status}: answers are closed`);
  const nowMs = exerciseTimeAt(exercises.clockOf(a.exercise), await exercises.dbNow(tx));
  return { a, team, inject, nowMs };
}

const userOf = (actor: Actor, c: Ctx) => (actor.kind === 'user' && c.a.playerTeamId === c.team.id ? actor.userId : null);

export async function acknowledge(db: Db, actor: Actor, exerciseId: string, injectId: string, input: { teamId?: string }) {
  return db.transaction(async (tx) => {
    const c = await answering(tx, actor, exerciseId, injectId, input.teamId);
    const id = await store.insert(tx, {
      exerciseId,
      teamId: c.team.id,
      injectId,
      expectationId: null,
      userId: userOf(actor, c),
      recordedBy: actorLabel(actor),
      kind: 'ack',
      body: '',
      correct: null,
      indicators: [],
      exerciseMs: c.nowMs,
    });
    if (id) {
      const exps = (await msel.expectationsOfInjects(tx, [injectId])).filter((x) => x.kind === 'acknowledge');
      for (const x of exps) await decideIfSatisfied(tx, c, x);
      await audit.record(tx, actor, {
        action: 'drill.acknowledge',
        targetType: 'inject',
        targetId: injectId,
        organisationId: c.team.organisation_id,
        summary: { exercise: exerciseId, team: c.team.name },
      });
      await logEvent(tx, {
        exerciseId,
        kind: 'response.ack',
        actor: actorLabel(actor),
        teamId: c.team.id,
        injectId,
        data: { ref: c.inject.ref },
      });
    }
    const acks = await store.acksOf(tx, c.team.id, injectId);
    return presentResponse(acks[acks.length - 1]);
  });
}

export async function respond(
  db: Db,
  actor: Actor,
  exerciseId: string,
  expectationId: string,
  input: p.ResponseInput,
): Promise<ResponseResult> {
  const x = await msel.getExpectation(db, expectationId);
  if (!x || x.exercise_id !== exerciseId) throw notFound('Expectation');
  if (x.kind === 'acknowledge') {
    const ack = await acknowledge(db, actor, exerciseId, x.inject_id, { teamId: input.teamId });
    return { ...ack, status: await statusOf(db, exerciseId, x, ack.teamId), attemptsLeft: null };
  }
  const result = await db.transaction(async (tx) => {
    const c = await answering(tx, actor, exerciseId, x.inject_id, input.teamId);
    const previous = await store.byTeamAndExpectation(tx, c.team.id, expectationId);
    let correct: boolean | null = null;
    let body = input.text ?? '';
    let attemptsLeft: number | null = null;
    const indicators = [...new Set((input.indicators ?? []).map((v) => v.trim()).filter(Boolean))];
    switch (x.kind) {
      case 'flag': {
        if (!input.flag) throw new AppError('validation_failed', 'Send the flag you found', [{ path: 'flag', message: 'Required' }]);
        const used = previous.filter((r) => r.kind === 'flag').length;
        if (x.max_attempts !== null && used >= x.max_attempts)
          throw conflict(`No attempts left: the limit is ${x.max_attempts}`, { attemptsLeft: 0 });
        correct = flagMatches({ mode: x.flag_mode ?? 'exact', value: x.flag_value ?? '' }, input.flag);
        body = input.flag;
        attemptsLeft = x.max_attempts === null ? null : x.max_attempts - used - 1;
        break;
      }
      case 'indicators':
        if (!indicators.length)
          throw new AppError('validation_failed', 'Send at least one indicator', [{ path: 'indicators', message: 'Required' }]);
        break;
      case 'report':
        if (!body.trim()) throw new AppError('validation_failed', 'The report is empty', [{ path: 'text', message: 'Required' }]);
        break;
      case 'manual':
        if (!body.trim() && !input.files?.length)
          throw new AppError('validation_failed', 'Send a text or a file', [{ path: 'text', message: 'Required' }]);
        break;
    }
    const id = (await store.insert(tx, {
      exerciseId,
      teamId: c.team.id,
      injectId: x.inject_id,
      expectationId,
      userId: userOf(actor, c),
      recordedBy: actorLabel(actor),
      kind: x.kind === 'acknowledge' ? 'ack' : x.kind,
      body,
      correct,
      indicators,
      exerciseMs: c.nowMs,
    })) as string;
    for (const f of input.files ?? []) {
      await store.addFile(tx, id, { name: f.name, mediaType: f.mediaType, content: Buffer.from(f.contentBase64, 'base64') });
    }
    if (indicators.length) await storeIndicators(tx, actor, c.a.exercise, c.team, indicators);
    await decideIfSatisfied(tx, c, x);
    await audit.record(tx, actor, {
      action: 'drill.respond',
      targetType: 'drill_expectation',
      targetId: expectationId,
      organisationId: c.team.organisation_id,
      summary: {
        exercise: exerciseId,
        team: c.team.name,
        kind: x.kind,
        correct,
        indicators: indicators.length,
        files: input.files?.length ?? 0,
      },
    });
    await logEvent(tx, {
      exerciseId,
      kind: `response.${x.kind}`,
      actor: actorLabel(actor),
      teamId: c.team.id,
      injectId: x.inject_id,
      data: { expectation: x.ref, correct },
    });
    return { id, attemptsLeft, teamId: c.team.id };
  });
  const row = (await store.get(db, result.id)) as store.ResponseRow;
  return { ...presentResponse(row), status: await statusOf(db, exerciseId, x, result.teamId), attemptsLeft: result.attemptsLeft };
}

/** Decides met/late once the expectation is satisfied by this team's answers so far. */
async function decideIfSatisfied(tx: Db, c: Ctx, x: msel.ExpectationRow): Promise<void> {
  if (x.kind === 'manual') return;
  const answers =
    x.kind === 'acknowledge' ? await store.acksOf(tx, c.team.id, c.inject.id) : await store.byTeamAndExpectation(tx, c.team.id, x.id);
  const good = answers.filter((r) => {
    if (x.kind === 'flag') return r.correct === true;
    if (x.kind === 'report') return r.body.trim().length > 0;
    return true;
  });
  if (!good.length) return;
  if (x.kind === 'indicators' && x.expected_indicators.length) {
    const sent = new Set(good.flatMap((r) => r.indicators.map((v) => v.toLowerCase())));
    if (!x.expected_indicators.every((v) => sent.has(v.toLowerCase()))) return;
  }
  if (x.per === 'every' && !c.team.simulated) {
    const players = await teams.players(tx, [c.team.id]);
    const answered = new Set(good.map((r) => r.user_id));
    if (players.length && !players.every((pl) => answered.has(pl.user_id))) return;
  }
  const firedMs = Number(c.inject.fired_ms ?? 0);
  const status = statusAt(firedMs, Number(x.deadline_ms), c.nowMs);
  const decided = await evaluations.decideOnce(tx, {
    exerciseId: c.a.exercise.id,
    expectationId: x.id,
    teamId: c.team.id,
    status,
    score: scoreFor(status, x.score),
    satisfiedMs: c.nowMs,
    decidedBy: 'system:check',
  });
  if (decided) {
    await logEvent(tx, {
      exerciseId: c.a.exercise.id,
      kind: `expectation.${status}`,
      actor: 'system:check',
      teamId: c.team.id,
      injectId: c.inject.id,
      data: { expectation: x.ref, expectationId: x.id },
    });
  }
}

async function statusOf(db: Db, exerciseId: string, x: msel.ExpectationRow, teamId: string) {
  const [ex, inject, decided, now] = await Promise.all([
    exercises.get(db, exerciseId),
    msel.getInject(db, x.inject_id),
    evaluations.get(db, x.id, teamId),
    exercises.dbNow(db),
  ]);
  if (!ex || !inject) return null;
  return cellStatus({
    firedMs: inject.fired_ms === null ? null : Number(inject.fired_ms),
    deadlineMs: Number(x.deadline_ms),
    decided,
    nowMs: exerciseTimeAt(exercises.clockOf(ex), now),
    ended: ex.status === 'finished' || ex.status === 'cancelled',
  });
}

export async function list(db: Db, actor: Actor, exerciseId: string, q: z.infer<typeof p.ResponseQuery>) {
  const a = await accessTo(db, actor, exerciseId);
  const staff = a.lead || a.evaluator || a.countries.length > 0;
  let teamId = q.teamId ?? null;
  if (!staff) {
    // Players see their own team's answers; another team's do not exist for them.
    if (teamId && teamId !== a.playerTeamId) throw notFound('Team');
    teamId = a.playerTeamId;
  }
  const countryCodes = a.lead || a.evaluator || !staff ? null : a.countries;
  const rows = await store.list(db, exerciseId, { teamId, expectationId: q.expectationId, countryCodes, limit: q.limit, offset: q.offset });
  return { items: rows.map(presentResponse), total: rows[0]?.total ?? 0, limit: q.limit, offset: q.offset };
}

export async function file(db: Db, actor: Actor, exerciseId: string, responseId: string, fileId: string) {
  const a = await accessTo(db, actor, exerciseId);
  const row = await store.get(db, responseId);
  if (!row || row.exercise_id !== exerciseId) throw notFound('File');
  if (row.team_id !== a.playerTeamId) {
    try {
      requireStaff(a);
    } catch {
      throw notFound('File');
    }
  }
  const f = await store.getFile(db, responseId, fileId);
  if (!f) throw notFound('File');
  return { name: f.name, mediaType: f.media_type, content: Buffer.from(f.content) };
}
