/**
 * Evaluators: the queue of manual answers nobody has judged, and verdicts. A verdict of "met" is
 * met or late by the time of the team's first answer against the deadline; "missed" scores nothing.
 * Evaluators may also overrule an automatic outcome. Evaluators and lead controllers only; every
 * verdict is audited and logged.
 */
import type { z } from 'zod';
import type { Db } from '../../db/index.js';
import { AppError, notFound } from '../../errors.js';
import * as audit from '../audit/service.js';
import { type Actor, actorLabel } from '../identity/actor.js';
import { accessTo, requireEvaluator } from './access.js';
import * as deliveries from './deliveries.store.js';
import * as store from './evaluations.store.js';
import { logEvent } from './events.js';
import * as exercises from './exercises.store.js';
import * as msel from './msel.store.js';
import { scoreFor, statusAt } from './outcomes.js';
import type * as p from './play.schema.js';
import * as responses from './responses.store.js';
import { presentResponse } from './responses.service.js';
import { exerciseTimeAt } from './clock/index.js';

export async function queue(db: Db, actor: Actor, exerciseId: string): Promise<{ items: z.infer<typeof p.QueueItem>[] }> {
  const a = await accessTo(db, actor, exerciseId);
  requireEvaluator(a);
  const rows = await responses.unjudged(db, exerciseId, null);
  const exps = await msel.listExpectations(db, { exerciseId });
  const injects = new Map((await msel.listInjects(db, { exerciseId })).map((i) => [i.id, i]));
  const byId = new Map(exps.map((x) => [x.id, x]));
  return {
    items: rows.map((r) => {
      const x = byId.get(r.expectation_id ?? '');
      const firedMs = Number(injects.get(r.inject_id)?.fired_ms ?? 0);
      const deadlineMs = Number(x?.deadline_ms ?? 0);
      return { ...presentResponse(r), deadlineMs, description: x?.description ?? '', late: Number(r.exercise_ms) > firedMs + deadlineMs };
    }),
  };
}

export async function judge(db: Db, actor: Actor, exerciseId: string, input: p.EvaluationInput): Promise<z.infer<typeof p.EvaluationView>> {
  const a = await accessTo(db, actor, exerciseId);
  requireEvaluator(a);
  const x = await msel.getExpectation(db, input.expectationId);
  if (!x || x.exercise_id !== exerciseId) throw notFound('Expectation');
  const inject = await msel.getInject(db, x.inject_id);
  if (!inject || !(await deliveries.getForTeam(db, x.inject_id, input.teamId))) throw notFound('The inject has not reached this team');
  if (input.score !== undefined && input.score > x.score) {
    throw new AppError('validation_failed', `The score is at most ${x.score}`, [{ path: 'score', message: `At most ${x.score}` }]);
  }
  const answers = await responses.byTeamAndExpectation(db, input.teamId, x.id);
  const nowMs = exerciseTimeAt(exercises.clockOf(a.exercise), await exercises.dbNow(db));
  const answeredMs = answers.length ? Number(answers[0].exercise_ms) : nowMs;
  const status = input.verdict === 'missed' ? 'missed' : statusAt(Number(inject.fired_ms ?? 0), Number(x.deadline_ms), answeredMs);
  const score = input.score ?? scoreFor(status, x.score);
  await db.transaction(async (tx) => {
    await store.judge(tx, {
      exerciseId,
      expectationId: x.id,
      teamId: input.teamId,
      status,
      score,
      satisfiedMs: status === 'missed' ? null : answeredMs,
      decidedBy: actorLabel(actor),
      note: input.note,
    });
    await audit.record(tx, actor, {
      action: 'drill.evaluate',
      targetType: 'drill_expectation',
      targetId: x.id,
      organisationId: a.exercise.lead_organisation_id,
      summary: { exercise: exerciseId, team: input.teamId, status, score },
    });
    await logEvent(tx, {
      exerciseId,
      kind: `expectation.${status}`,
      actor: actorLabel(actor),
      teamId: input.teamId,
      injectId: x.inject_id,
      data: { expectation: x.ref, expectationId: x.id, score, judged: true },
    });
  });
  return { expectationId: x.id, teamId: input.teamId, status, score, note: input.note, decidedBy: actorLabel(actor) };
}
