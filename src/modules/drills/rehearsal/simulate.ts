/**
 * Simulated teams for rehearsals, played by the worker. Each (delivery, expectation) gets a fixed
 * fate from a hash of its ids, so a rehearsal is reproducible: about one answer in ten never comes,
 * most arrive before the deadline and some after it, some first flag attempts are wrong, and manual
 * answers are judged by a simulated evaluator. Answers go through the same services as a real
 * player's (as system:rehearsal), so the board, the audit log and the streams see a real run.
 * One worker at a time plays (a transaction-scoped advisory lock), so two workers never answer twice.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../../db/index.js';
import { systemActor } from '../../identity/actor.js';
import { applyTo } from '../clock.service.js';
import * as evaluationsService from '../evaluations.service.js';
import * as exercises from '../exercises.store.js';
import * as responses from '../responses.service.js';
import { exerciseTimeAt } from '../clock/index.js';

const SIM_LOCK = 4_242_006;
const player = systemActor('rehearsal');
const evaluator = systemActor('rehearsal-evaluator');

interface Candidate {
  exercise_id: string;
  delivery_id: string;
  team_id: string;
  inject_id: string;
  fired_ms: number;
  expectation_id: string;
  kind: string;
  ref: string;
  deadline_ms: number;
  flag_value: string | null;
  expected_indicators: string[];
  answered: number;
  judged: boolean;
}

/** A number in [0, 1) fixed by the text. */
export function fate(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0) / 2 ** 32;
}

/** When (exercise ms after the inject) a simulated team answers, or null if it never does. */
export function answerDelay(deliveryId: string, expectationId: string, deadlineMs: number): number | null {
  const f = fate(`${deliveryId}|${expectationId}`);
  if (f < 0.1) return null;
  // 10%–140% of the deadline: about a quarter of the answers come late.
  return Math.round(deadlineMs * (0.1 + ((f - 0.1) / 0.9) * 1.3));
}

async function candidates(db: Db): Promise<Candidate[]> {
  return db.query<Candidate>(
    `SELECT d.exercise_id, d.id AS delivery_id, d.team_id, d.inject_id, i.fired_ms::float8 AS fired_ms, x.id AS expectation_id, x.kind, x.ref,
       x.deadline_ms::float8 AS deadline_ms, x.flag_value, x.expected_indicators,
       (SELECT count(*)::int FROM drill_responses r WHERE r.team_id = d.team_id AND (r.expectation_id = x.id
          OR (x.kind = 'acknowledge' AND r.kind = 'ack' AND r.inject_id = d.inject_id))) AS answered,
       EXISTS (SELECT 1 FROM drill_evaluations v WHERE v.expectation_id = x.id AND v.team_id = d.team_id) AS judged
     FROM drill_deliveries d
     JOIN drill_exercises e ON e.id = d.exercise_id AND e.simulated AND e.status = 'running'
     JOIN drill_teams t ON t.id = d.team_id AND t.simulated
     JOIN drill_injects i ON i.id = d.inject_id
     JOIN drill_expectations x ON x.inject_id = d.inject_id
     WHERE NOT EXISTS (SELECT 1 FROM drill_evaluations v WHERE v.expectation_id = x.id AND v.team_id = d.team_id)
       AND (x.kind <> 'flag' OR (SELECT count(*) FROM drill_responses r WHERE r.team_id = d.team_id AND r.expectation_id = x.id) < 2)`,
  );
}

/**
 * Plays the simulated answers that are due; returns how many it sent. One transaction holds the
 * lock, re-reads the candidates under it and answers at most `limit` of them (short, so that it
 * does not hold up firing), each under a savepoint so one refused answer does not undo the rest.
 */
export async function simulateTeams(db: Db, limit = 25): Promise<number> {
  if (!(await rehearsing(db))) return 0;
  return db.transaction(async (tx) => {
    const [lock] = await tx.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [SIM_LOCK]);
    if (!lock.ok) return 0;
    const list = await candidates(tx);
    if (!list.length) return 0;
    const clocks = new Map<string, number>();
    const now = await exercises.dbNow(tx);
    let sent = 0;
    for (const c of list) {
      if (sent >= limit) break;
      let nowMs = clocks.get(c.exercise_id);
      if (nowMs === undefined) {
        const ex = await exercises.get(tx, c.exercise_id);
        nowMs = ex ? exerciseTimeAt(exercises.clockOf(ex), now) : 0;
        clocks.set(c.exercise_id, nowMs);
      }
      const delay = answerDelay(c.delivery_id, c.expectation_id, c.deadline_ms);
      if (delay === null || nowMs < c.fired_ms + delay) continue;
      if (c.kind === 'manual' && c.answered > 0) {
        // The simulated evaluator judges a little after the answer.
        if (c.judged || nowMs < c.fired_ms + delay + c.deadline_ms * 0.2) continue;
      } else if (c.answered > 0 && c.kind !== 'flag') continue;
      await tx.query('SAVEPOINT drill_simulate');
      try {
        await answer(tx, c);
        await tx.query('RELEASE SAVEPOINT drill_simulate');
        sent++;
      } catch {
        await tx.query('ROLLBACK TO SAVEPOINT drill_simulate');
      }
    }
    return sent;
  });
}

async function answer(tx: Db, c: Candidate): Promise<void> {
  const teamId = c.team_id;
  switch (c.kind) {
    case 'acknowledge':
      await responses.acknowledge(tx, player, c.exercise_id, c.inject_id, { teamId });
      return;
    case 'flag': {
      // A third of the teams get it wrong first.
      const wrongFirst = fate(`flag|${c.delivery_id}`) < 0.33 && c.answered === 0;
      await responses.respond(tx, player, c.exercise_id, c.expectation_id, {
        teamId,
        flag: wrongFirst ? 'not-the-flag' : (c.flag_value ?? ''),
      });
      return;
    }
    case 'indicators': {
      const values = c.expected_indicators.length ? c.expected_indicators : ['192.0.2.200'];
      await responses.respond(tx, player, c.exercise_id, c.expectation_id, { teamId, indicators: values });
      return;
    }
    case 'manual':
      if (c.answered > 0) {
        const good = fate(`judge|${c.delivery_id}|${c.expectation_id}`) > 0.2;
        await evaluationsService.judge(tx, evaluator, c.exercise_id, {
          teamId,
          expectationId: c.expectation_id,
          verdict: good ? 'met' : 'missed',
          note: 'simulated evaluator',
        });
        return;
      }
      await responses.respond(tx, player, c.exercise_id, c.expectation_id, { teamId, text: `Simulated answer of the team to ${c.ref}.` });
      return;
    default:
      await responses.respond(tx, player, c.exercise_id, c.expectation_id, { teamId, text: `Simulated ${c.kind} for ${c.ref}: done.` });
  }
}

/** Whether any rehearsal runs (a cheap check that spares the worker's loop the rest). */
async function rehearsing(db: Db): Promise<boolean> {
  return (await db.query(`SELECT 1 FROM drill_exercises WHERE simulated AND status = 'running' LIMIT 1`)).length > 0;
}

/** Finishes rehearsals once every inject has fired (or been skipped) and its last deadline passed. */
export async function finishRehearsals(db: Db): Promise<string[]> {
  if (!(await rehearsing(db))) return [];
  const rows = await db.query<{ id: string; last_ms: number | null; pending: number }>(
    `SELECT e.id,
       (SELECT max(i.fired_ms + COALESCE((SELECT max(x.deadline_ms) FROM drill_expectations x WHERE x.inject_id = i.id), 0))::float8
          FROM drill_injects i WHERE i.exercise_id = e.id) AS last_ms,
       (SELECT count(*)::int FROM drill_injects i WHERE i.exercise_id = e.id AND i.state = 'pending') AS pending
     FROM drill_exercises e WHERE e.simulated AND e.status = 'running'`,
  );
  const finished: string[] = [];
  for (const r of rows) {
    if (r.pending > 0) continue;
    await db.transaction(async (tx) => {
      const ex = await exercises.get(tx, r.id, 'update');
      if (ex?.status !== 'running') return;
      const nowMs = exerciseTimeAt(exercises.clockOf(ex), await exercises.dbNow(tx));
      if (nowMs < Number(r.last_ms ?? 0)) return;
      await applyTo(tx, ex, 'finish', undefined, systemActor('rehearsal'));
      finished.push(r.id);
    });
  }
  return finished;
}
