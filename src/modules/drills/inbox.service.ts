/**
 * The player's inbox: every inject released to their team, newest last, with each time both in
 * UTC and in the team site's time zone (plus the zone's name), whether the team acknowledged it,
 * and where the team stands on each expectation. Flag values never appear here. Controllers may
 * open a team's inbox too (a facilitator reading out injects in a room).
 */
import type { z } from 'zod';
import type { Db } from '../../db/index.js';
import type { Actor } from '../identity/actor.js';
import { accessTo, answeringTeam } from './access.js';
import * as deliveries from './deliveries.store.js';
import * as evaluations from './evaluations.store.js';
import * as exercises from './exercises.store.js';
import * as msel from './msel.store.js';
import { cellStatus } from './outcomes.js';
import type * as p from './play.schema.js';
import * as responses from './responses.store.js';
import { isoInZone } from './targets.js';
import { exerciseTimeAt, wallTimeFor } from './clock/index.js';

type InboxItem = z.infer<typeof p.InboxItem>;

export async function inbox(db: Db, actor: Actor, exerciseId: string, teamId?: string): Promise<z.infer<typeof p.Inbox>> {
  const a = await accessTo(db, actor, exerciseId);
  const team = await answeringTeam(db, a, teamId);
  const rows = await deliveries.forTeam(db, team.id);
  const items = await inboxItems(db, a.exercise, team.id, team.time_zone, rows);
  const now = await exercises.dbNow(db);
  return {
    banner: 'EXERCISE',
    exercise: {
      id: a.exercise.id,
      name: a.exercise.name,
      status: a.exercise.status,
      exerciseMs: exerciseTimeAt(exercises.clockOf(a.exercise), now),
      speed: Number(a.exercise.speed),
    },
    team: { id: team.id, name: team.name, siteName: team.site_name, timeZone: team.time_zone },
    timeZone: team.time_zone,
    items,
  };
}

/** Inbox items for some of a team's deliveries (the SSE stream sends single ones). */
export async function inboxItems(
  db: Db,
  exercise: exercises.ExerciseRow,
  teamId: string,
  timeZone: string,
  rows: deliveries.DeliveryRow[],
  opts: { fresh?: boolean } = {},
): Promise<InboxItem[]> {
  if (!rows.length) return [];
  const injectIds = [...new Set(rows.map((r) => r.inject_id))];
  // A freshly fired inject has no answers yet: the live push skips the per-team lookups.
  const [injects, exps, decided, acked, attempts, now] = await Promise.all([
    Promise.all(injectIds.map((id) => msel.getInject(db, id))),
    msel.expectationsOfInjects(db, injectIds),
    opts.fresh ? [] : evaluations.forTeam(db, teamId),
    opts.fresh ? new Set<string>() : responses.acknowledgedInjects(db, teamId),
    opts.fresh ? new Map<string, { answers: number; flags: number }>() : responses.answerCounts(db, teamId),
    exercises.dbNow(db),
  ]);
  const injectById = new Map(injects.filter((i): i is msel.InjectRow => Boolean(i)).map((i) => [i.id, i]));
  const decidedBy = new Map(decided.map((d) => [d.expectation_id, d]));
  const clock = exercises.clockOf(exercise);
  const nowMs = exerciseTimeAt(clock, now);
  const ended = exercise.status === 'finished' || exercise.status === 'cancelled';
  return rows.map((d) => {
    const inj = injectById.get(d.inject_id);
    const firedMs = inj?.fired_ms === null || inj?.fired_ms === undefined ? null : Number(inj.fired_ms);
    const released = new Date(d.delivered_at ?? d.created_at);
    const due = new Date(d.due_at);
    return {
      banner: 'EXERCISE' as const,
      deliveryId: d.id,
      seq: Number(d.seq),
      injectId: d.inject_id,
      title: d.title,
      content: d.content,
      channel: d.channel as InboxItem['channel'],
      deliveryState: d.state,
      dueAt: due.toISOString(),
      dueAtLocal: isoInZone(due, timeZone),
      releasedAt: released.toISOString(),
      releasedAtLocal: isoInZone(released, timeZone),
      timeZone,
      attachments: inj?.attachments ?? [],
      tags: inj?.tags ?? [],
      acknowledged: acked.has(d.inject_id),
      expectations: exps
        .filter((x) => x.inject_id === d.inject_id)
        .map((x) => {
          const deadlineWall = firedMs === null ? null : wallTimeFor(clock, firedMs + Number(x.deadline_ms));
          return {
            id: x.id,
            ref: x.ref,
            kind: x.kind,
            description: x.description,
            score: x.score,
            per: x.per,
            deadlineMs: Number(x.deadline_ms),
            deadlineAt: deadlineWall === null ? null : new Date(deadlineWall).toISOString(),
            deadlineAtLocal: deadlineWall === null ? null : isoInZone(new Date(deadlineWall), timeZone),
            status: cellStatus({ firedMs, deadlineMs: Number(x.deadline_ms), decided: decidedBy.get(x.id), nowMs, ended }),
            answered: (attempts.get(x.id)?.answers ?? 0) > 0,
            attemptsLeft:
              x.kind === 'flag' && x.max_attempts !== null ? Math.max(0, x.max_attempts - (attempts.get(x.id)?.flags ?? 0)) : null,
          };
        }),
    };
  });
}
