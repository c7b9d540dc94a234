/**
 * The controllers' views of a running exercise: the board (every team against every expectation,
 * rolled up by site, organisation and country), the timeline of injects with their delivery
 * state, the deliveries themselves, and the event log. National controllers see their own
 * countries' teams only; lead controllers and evaluators see everyone. Statuses come from
 * outcomes.ts, the same rules the inbox and inject conditions use.
 */
import type { z } from 'zod';
import type { Db } from '../../db/index.js';
import type { Actor } from '../identity/actor.js';
import { accessTo, requireStaff, teamFilter } from './access.js';
import * as deliveries from './deliveries.store.js';
import * as evaluations from './evaluations.store.js';
import * as events from './events.js';
import * as exercises from './exercises.store.js';
import { teamFacts } from './fire.js';
import * as msel from './msel.store.js';
import { type CellStatus, cellStatus } from './outcomes.js';
import type * as p from './play.schema.js';
import { iso } from './presenters.js';
import { resolveTargets } from './targets.js';
import * as teams from './teams.store.js';
import { exerciseTimeAt } from './clock/index.js';

type Counts = { scheduled: number; pending: number; met: number; late: number; missed: number; score: number; maxScore: number };
const zero = (): Counts => ({ scheduled: 0, pending: 0, met: 0, late: 0, missed: 0, score: 0, maxScore: 0 });

export async function board(db: Db, actor: Actor, exerciseId: string): Promise<z.infer<typeof p.Board>> {
  const a = await accessTo(db, actor, exerciseId);
  requireStaff(a);
  const owner = { exerciseId };
  const [injects, exps, teamRows, facts, decided, reachedRows, now] = await Promise.all([
    msel.listInjects(db, owner),
    msel.listExpectations(db, owner),
    teams.list(db, exerciseId),
    teamFacts(db, exerciseId),
    evaluations.forExercise(db, exerciseId),
    db.query<{ inject_id: string; team_id: string }>('SELECT inject_id, team_id FROM drill_deliveries WHERE exercise_id = $1', [
      exerciseId,
    ]),
    exercises.dbNow(db),
  ]);
  const filter = teamFilter(a);
  const visible = filter ? teamRows.filter(filter) : teamRows;
  const reached = new Set(reachedRows.map((r) => `${r.inject_id}|${r.team_id}`));
  const decidedBy = new Map(decided.map((d) => [`${d.expectation_id}|${d.team_id}`, d]));
  const injectById = new Map(injects.map((i) => [i.id, i]));
  // Who a pending inject will reach, so that upcoming work shows as "scheduled" on the board.
  const prospective = new Map(
    injects.filter((i) => i.state === 'pending').map((i) => [i.id, new Set(resolveTargets(i.targets, facts).map((t) => t.id))]),
  );
  const nowMs = exerciseTimeAt(exercises.clockOf(a.exercise), now);
  const ended = a.exercise.status === 'finished' || a.exercise.status === 'cancelled';
  const liveExps = exps.filter((x) => {
    const s = injectById.get(x.inject_id)?.state;
    return s === 'fired' || s === 'pending';
  });

  const rows = visible.map((t) => {
    const totals = zero();
    const cells = liveExps.flatMap((x) => {
      const inj = injectById.get(x.inject_id) as msel.InjectRow;
      const hit = inj.state === 'fired' ? reached.has(`${inj.id}|${t.id}`) : Boolean(prospective.get(inj.id)?.has(t.id));
      if (!hit) return [];
      const d = decidedBy.get(`${x.id}|${t.id}`);
      const status: CellStatus = cellStatus({
        firedMs: inj.state === 'fired' ? Number(inj.fired_ms) : null,
        deadlineMs: Number(x.deadline_ms),
        decided: d,
        nowMs,
        ended,
      });
      const score = d?.score ?? 0;
      totals[status]++;
      totals.score += score;
      totals.maxScore += x.score;
      return [{ expectationId: x.id, status, score, satisfiedMs: d?.satisfied_ms === null || !d ? null : Number(d.satisfied_ms) }];
    });
    return {
      id: t.id,
      name: t.name,
      organisationId: t.organisation_id,
      organisationName: t.organisation_name,
      countryCode: t.country_code,
      siteId: t.site_id,
      siteName: t.site_name,
      totals,
      cells,
    };
  });

  const roll = (key: (r: (typeof rows)[number]) => [string, string]) => {
    const groups = new Map<string, Counts & { id: string; name: string; teams: number }>();
    for (const r of rows) {
      const [id, name] = key(r);
      const g = groups.get(id) ?? { ...zero(), id, name, teams: 0 };
      g.teams++;
      for (const k of Object.keys(r.totals) as (keyof Counts)[]) g[k] += r.totals[k];
      groups.set(id, g);
    }
    return [...groups.values()].sort((x, y) => x.name.localeCompare(y.name));
  };

  return {
    banner: 'EXERCISE',
    status: a.exercise.status,
    exerciseMs: Math.round(nowMs),
    expectations: liveExps.map((x) => ({
      id: x.id,
      injectId: x.inject_id,
      injectRef: injectById.get(x.inject_id)?.ref ?? '',
      ref: x.ref,
      kind: x.kind,
      score: x.score,
      deadlineMs: Number(x.deadline_ms),
    })),
    teams: rows,
    rollups: {
      sites: roll((r) => [
        r.siteId ?? `org:${r.organisationId}`,
        r.siteName ? `${r.organisationName} — ${r.siteName}` : r.organisationName,
      ]),
      organisations: roll((r) => [r.organisationId, r.organisationName]),
      countries: roll((r) => [r.countryCode, r.countryCode]),
    },
  };
}

export async function timeline(db: Db, actor: Actor, exerciseId: string): Promise<z.infer<typeof p.Timeline>> {
  const a = await accessTo(db, actor, exerciseId);
  requireStaff(a);
  const [injects, counts, now] = await Promise.all([
    msel.listInjects(db, { exerciseId }),
    deliveries.countsByInject(db, exerciseId),
    exercises.dbNow(db),
  ]);
  const byInject = new Map<string, { pending: number; sending: number; delivered: number; failed: number }>();
  for (const c of counts) {
    const entry = byInject.get(c.inject_id) ?? { pending: 0, sending: 0, delivered: 0, failed: 0 };
    entry[c.state as keyof typeof entry] = c.n;
    byInject.set(c.inject_id, entry);
  }
  return {
    banner: 'EXERCISE',
    status: a.exercise.status,
    exerciseMs: exerciseTimeAt(exercises.clockOf(a.exercise), now),
    items: injects.map((i) => ({
      id: i.id,
      ref: i.ref,
      offsetMs: Number(i.offset_ms),
      title: i.title,
      channel: i.channel,
      state: i.state,
      dueAt: iso(i.due_at),
      firedAt: iso(i.fired_at),
      firedBy: i.fired_by,
      addedLive: i.added_live,
      tags: i.tags,
      condition: i.condition ?? null,
      deliveries: byInject.get(i.id) ?? { pending: 0, sending: 0, delivered: 0, failed: 0 },
    })),
  };
}

export async function listDeliveries(db: Db, actor: Actor, exerciseId: string, q: z.infer<typeof p.DeliveryQuery>) {
  const a = await accessTo(db, actor, exerciseId);
  requireStaff(a);
  const rows = await deliveries.list(db, exerciseId, { ...q, countryCodes: a.lead || a.evaluator ? null : a.countries });
  return {
    items: rows.map((d) => ({
      id: d.id,
      injectId: d.inject_id,
      injectRef: d.inject_ref,
      teamId: d.team_id,
      teamName: d.team_name,
      channel: d.channel as 'inbox' | 'email' | 'webhook',
      idempotencyKey: d.idempotency_key,
      state: d.state,
      attempts: d.attempts,
      nextAttemptAt: iso(d.next_attempt_at),
      lastError: d.last_error,
      dueAt: new Date(d.due_at).toISOString(),
      deliveredAt: iso(d.delivered_at),
    })),
    total: rows[0]?.total ?? 0,
    limit: q.limit,
    offset: q.offset,
  };
}

export async function listEvents(db: Db, actor: Actor, exerciseId: string, q: { after: number; limit: number }) {
  const a = await accessTo(db, actor, exerciseId);
  requireStaff(a);
  const teamIds =
    a.lead || a.evaluator ? null : (await teams.list(db, exerciseId)).filter((t) => a.countries.includes(t.country_code)).map((t) => t.id);
  const rows = await events.list(db, exerciseId, { after: q.after, limit: q.limit, teamIds });
  const items = rows.map(events.presentEvent);
  return { items, next: items.length ? items[items.length - 1].seq : q.after };
}
