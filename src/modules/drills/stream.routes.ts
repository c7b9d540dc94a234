/**
 * Server-sent-event endpoints: `GET /exercises/:id/stream` for players (injects released to their
 * team, updates about their team, clock changes) and `GET /exercises/:id/control-stream` for
 * controllers and evaluators (the exercise's event log, live). Both resume from Last-Event-ID.
 * Access is checked before the stream opens (404/403 as JSON); the hub (hub.ts) does the fan-out.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../server/auth.js';
import { accessTo, answeringTeam, requireStaff } from './access.js';
import * as deliveries from './deliveries.store.js';
import * as events from './events.js';
import { DrillHub, firstSend, type PlayerConn, type StaffConn, type StreamSink, sseFrame } from './hub.js';
import { inboxItems } from './inbox.service.js';
import * as teams from './teams.store.js';

const HEARTBEAT_MS = 15_000;
const StreamParams = z.object({ id: z.string().uuid() });
const StreamQuery = z.object({ teamId: z.string().uuid().optional(), lastEventId: z.coerce.number().int().min(0).optional() });

function lastEventId(header: unknown, query: number | undefined): number {
  const n = Number(Array.isArray(header) ? header[0] : header);
  return Number.isFinite(n) && n > 0 ? n : (query ?? 0);
}

function openSse(reply: FastifyReply): StreamSink & { close(): void; onClose(fn: () => void): void } {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write('retry: 2000\n\n');
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  const closers: (() => void)[] = [() => clearInterval(heartbeat)];
  res.on('close', () => {
    for (const c of closers.splice(0)) c();
  });
  return {
    write(frame) {
      if (res.destroyed || res.writableEnded) return false;
      res.write(frame);
      return true;
    },
    close() {
      if (!res.writableEnded) res.end();
    },
    onClose(fn) {
      closers.push(fn);
    },
  };
}

export default async function streamRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.db;
  const hub = new DrillHub(db, (err) => app.log.error({ err }, 'drill live fan-out failed'));
  await hub.start();
  const open = new Set<{ close(): void }>();
  // Streams never go idle, so the server would wait for them forever on close: end them first.
  app.addHook('preClose', async () => {
    for (const s of open) s.close();
  });
  app.addHook('onClose', async () => hub.stop());

  r.get('/exercises/:id/stream', {
    schema: { tags: ['drills'], summary: 'Live injects for a player (server-sent events)', params: StreamParams, querystring: StreamQuery },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      const a = await accessTo(db, actor, req.params.id);
      const team = await answeringTeam(db, a, req.query.teamId);
      const after = lastEventId(req.headers['last-event-id'], req.query.lastEventId);
      const sink = openSse(reply);
      open.add(sink);
      const conn: PlayerConn = {
        kind: 'player',
        exerciseId: a.exercise.id,
        teamId: team.id,
        timeZone: team.time_zone,
        sink,
        lastSeq: after,
        sent: new Set(),
        ready: false,
        held: [],
      };
      const remove = hub.add(conn);
      sink.onClose(() => {
        remove();
        open.delete(sink);
      });
      const missed = await inboxItems(db, a.exercise, team.id, team.time_zone, await deliveries.forTeam(db, team.id, after));
      for (const item of missed) {
        if (firstSend(conn, item.seq)) sink.write(sseFrame('inject', item, item.seq));
      }
      sink.write(
        sseFrame('ready', {
          banner: 'EXERCISE',
          exerciseId: a.exercise.id,
          teamId: team.id,
          timeZone: team.time_zone,
          status: a.exercise.status,
        }),
      );
      hub.markReady(conn);
    },
  });

  r.get('/exercises/:id/control-stream', {
    schema: {
      tags: ['drills'],
      summary: 'Live event log for controllers and evaluators (server-sent events)',
      params: StreamParams,
      querystring: StreamQuery,
    },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      const a = await accessTo(db, actor, req.params.id);
      requireStaff(a);
      const teamIds =
        a.lead || a.evaluator
          ? null
          : new Set((await teams.list(db, a.exercise.id)).filter((t) => a.countries.includes(t.country_code)).map((t) => t.id));
      const after = lastEventId(req.headers['last-event-id'], req.query.lastEventId);
      const sink = openSse(reply);
      open.add(sink);
      const conn: StaffConn = {
        kind: 'staff',
        exerciseId: a.exercise.id,
        teamIds,
        sink,
        lastSeq: after,
        sent: new Set(),
        ready: false,
        held: [],
      };
      const remove = hub.add(conn);
      sink.onClose(() => {
        remove();
        open.delete(sink);
      });
      // Replays in pages so a long exercise's history does not load at once.
      for (;;) {
        const rows = await events.list(db, a.exercise.id, { after: conn.lastSeq, limit: 500, teamIds: teamIds ? [...teamIds] : null });
        for (const row of rows) {
          const ev = events.presentEvent(row);
          if (firstSend(conn, ev.seq)) sink.write(sseFrame('event', ev, ev.seq));
        }
        if (rows.length < 500) break;
      }
      sink.write(sseFrame('ready', { banner: 'EXERCISE', exerciseId: a.exercise.id, status: a.exercise.status }));
      hub.markReady(conn);
    },
  });
}
