/**
 * Simulated teams for rehearsals, played by the worker. Every team has a temperament fixed by a
 * hash of its name, so a rehearsal is reproducible and the board shows every state: about one team
 * in ten is slow (it answers after the deadlines: late), one is silent (missed), the rest answer
 * promptly. Each (delivery, expectation) then gets its own delay, in exercise time, from a hash of
 * its ids; some first flag attempts are wrong, and manual answers are judged by a simulated
 * evaluator. Answers go through the same services as a real player's (as system:rehearsal), so the
 * board, the audit log and the streams see a real run.
 *
 * Keeping pace: delays are exercise minutes, and at ×2400 a ten-minute deadline is a quarter of a
 * second of wall time, far shorter than the worker's poll. So each pass (which follows the firing
 * of due injects in the same worker loop, so it sees new deliveries at once) converts the next
 * answers' exercise times to wall times with the exercise's clock and sets a timer for the
 * earliest, which plays what is due at that moment. When more is due than the store can answer
 * at once, answers that can still be in time go first (earliest deadline first), then the rest.
 * Each answer is its own transaction under an advisory lock, re-reading its candidate first, so
 * two workers never answer twice.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../../db/index.js';
import { systemActor } from '../../identity/actor.js';
import { applyTo } from '../clock.service.js';
import * as evaluationsService from '../evaluations.service.js';
import * as exercises from '../exercises.store.js';
import * as responses from '../responses.service.js';
import { exerciseTimeAt, wallTimeFor } from '../clock/index.js';

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

export type Temperament = 'prompt' | 'slow' | 'silent';

/**
 * The temperament of each simulated team of an exercise: ordered by a hash of their names, the
 * first is silent and the next tenth slow (with five teams or more; fewer are all prompt).
 */
export function temperaments(teams: { id: string; name: string }[]): Map<string, Temperament> {
  const order = [...teams].sort((a, b) => fate(`temperament|${a.name}`) - fate(`temperament|${b.name}`) || a.id.localeCompare(b.id));
  const silent = order.length >= 5 ? 1 : 0;
  const slow = order.length >= 5 ? Math.max(1, Math.round(order.length / 10)) : 0;
  return new Map(order.map((t, i) => [t.id, i < silent ? 'silent' : i < silent + slow ? 'slow' : 'prompt']));
}

export async function teamTemperaments(db: Db, exerciseId: string): Promise<Map<string, Temperament>> {
  return temperaments(
    await db.query<{ id: string; name: string }>('SELECT id, name FROM drill_teams WHERE exercise_id = $1 AND simulated', [exerciseId]),
  );
}

/** When (exercise ms after the inject) a simulated team answers, or null if it never does. */
export function answerDelay(temperament: Temperament, deliveryId: string, expectationId: string, deadlineMs: number): number | null {
  const f = fate(`${deliveryId}|${expectationId}`);
  if (temperament === 'silent') return null;
  // Prompt teams answer within 2%–40% of the deadline, slow ones at 115%–165% of it.
  return Math.round(deadlineMs * (temperament === 'slow' ? 1.15 + f * 0.5 : 0.02 + f * 0.38));
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

interface Pacer {
  timer: NodeJS.Timeout | null;
  at: number;
  running: Promise<number> | null;
  again: boolean;
}
const pacers = new WeakMap<Db, Pacer>();
const temperamentCache = new Map<string, Map<string, Temperament>>();

/** Exercise ms at which the candidate's next step is due (the answer or, for a manual one, the verdict). */
function dueStep(c: Candidate, temperament: Temperament): number | null {
  const delay = answerDelay(temperament, c.delivery_id, c.expectation_id, c.deadline_ms);
  if (delay === null) return null;
  if (c.kind === 'manual' && c.answered > 0) return c.judged ? null : c.fired_ms + delay + c.deadline_ms * 0.2;
  if (c.answered > 0 && c.kind !== 'flag') return null;
  return c.fired_ms + delay;
}

/**
 * Plays the simulated answers that are due; returns how many it sent. Calls from the worker's
 * loop and from the pacing timer are run one after the other (a call made meanwhile runs once more
 * afterwards). Sets a timer for the wall time of the next answer, which may fall well before the
 * worker's next look.
 */
export async function simulateTeams(db: Db, limit = 10): Promise<number> {
  let p = pacers.get(db);
  if (!p) {
    p = { timer: null, at: Number.POSITIVE_INFINITY, running: null, again: false };
    pacers.set(db, p);
  }
  const pacer = p;
  if (pacer.running) {
    pacer.again = true;
    return pacer.running;
  }
  const run = async () => {
    let sent = 0;
    do {
      pacer.again = false;
      sent += await playDue(db, limit, pacer);
    } while (pacer.again);
    return sent;
  };
  pacer.running = run().finally(() => {
    pacer.running = null;
  });
  return pacer.running;
}

function schedule(db: Db, pacer: Pacer, wallMs: number, nowMs: number): void {
  if (pacer.timer && pacer.at <= wallMs) return;
  if (pacer.timer) clearTimeout(pacer.timer);
  pacer.at = wallMs;
  pacer.timer = setTimeout(
    () => {
      pacer.timer = null;
      pacer.at = Number.POSITIVE_INFINITY;
      // The store may have been closed meanwhile (the worker stopped): nothing left to play then.
      simulateTeams(db).catch(() => undefined);
    },
    Math.max(0, wallMs - nowMs),
  );
  pacer.timer.unref();
}

async function playDue(db: Db, limit: number, pacer: Pacer): Promise<number> {
  if (!(await rehearsing(db))) return 0;
  const list = await candidates(db);
  if (!list.length) return 0;
  const clocks = new Map<string, ReturnType<typeof exercises.clockOf>>();
  const now = await exercises.dbNow(db);
  const due: (Candidate & { inTime: boolean })[] = [];
  let next = Number.POSITIVE_INFINITY;
  for (const c of list) {
    let clock = clocks.get(c.exercise_id);
    if (!clock) {
      const ex = await exercises.get(db, c.exercise_id);
      if (!ex) continue;
      clock = exercises.clockOf(ex);
      clocks.set(c.exercise_id, clock);
    }
    let kinds = temperamentCache.get(c.exercise_id);
    if (!kinds) {
      kinds = await teamTemperaments(db, c.exercise_id);
      temperamentCache.set(c.exercise_id, kinds);
    }
    const step = dueStep(c, kinds.get(c.team_id) ?? 'prompt');
    if (step === null) continue;
    const nowMs = exerciseTimeAt(clock, now);
    if (nowMs < step) {
      const wall = wallTimeFor(clock, step);
      if (wall !== null) next = Math.min(next, wall);
      continue;
    }
    due.push({ ...c, inTime: nowMs <= c.fired_ms + c.deadline_ms });
  }
  // When answers pile up (an inject to every team at ×2400), those that can still be in time go
  // first, earliest deadline first; then those that will be late whatever happens. (Plain earliest
  // deadline first would spend an overloaded moment on the hopeless ones and make every answer late.)
  due.sort((a, b) => Number(b.inTime) - Number(a.inTime) || a.fired_ms + a.deadline_ms - (b.fired_ms + b.deadline_ms));
  if (due.length > limit) next = now;
  let sent = 0;
  for (const c of due.slice(0, limit)) {
    // One short transaction per answer, so that firing (and the audit chain's lock, which every
    // answer takes) is not held up behind a batch of them. Under the lock the candidate is read
    // again: another worker may have answered it meanwhile.
    const ok = await db
      .transaction(async (tx) => {
        const [lock] = await tx.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [SIM_LOCK]);
        if (!lock.ok || !(await unchanged(tx, c))) return false;
        await answer(tx, c);
        return true;
      })
      .catch(() => false);
    if (ok) sent++;
  }
  if (Number.isFinite(next)) schedule(db, pacer, next, now);
  return sent;
}

/** Whether nobody answered or judged the candidate since it was read. */
async function unchanged(tx: Db, c: Candidate): Promise<boolean> {
  const [row] = await tx.query<{ answered: number; judged: boolean }>(
    `SELECT (SELECT count(*)::int FROM drill_responses r WHERE r.team_id = $1 AND (r.expectation_id = $2
          OR ($3 = 'acknowledge' AND r.kind = 'ack' AND r.inject_id = $4))) AS answered,
       EXISTS (SELECT 1 FROM drill_evaluations v WHERE v.expectation_id = $2 AND v.team_id = $1) AS judged`,
    [c.team_id, c.expectation_id, c.kind, c.inject_id],
  );
  return row.answered === c.answered && row.judged === c.judged;
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
