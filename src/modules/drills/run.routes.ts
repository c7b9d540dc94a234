/**
 * Routes of a running exercise: clock and inject commands (controllers), the player's inbox and
 * answers, and the controllers' board, timeline, deliveries, evaluator queue and event log.
 * Thin handlers only; the rules are in the services they call.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../server/auth.js';
import * as board from './board.service.js';
import * as clock from './clock.service.js';
import * as evaluations from './evaluations.service.js';
import * as inbox from './inbox.service.js';
import * as p from './play.schema.js';
import * as responses from './responses.service.js';
import * as s from './schema.js';

const tags = ['drills'];
const Fired = s.InjectView.extend({ deliveries: z.number().int() });

export default async function runRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.db;

  r.post('/exercises/:id/clock/:command', {
    schema: {
      tags,
      summary: 'Clock commands: start, pause, resume, speed ({speed}), finish, cancel, reset',
      params: s.ClockParams,
      body: s.ClockInput.nullish(),
      response: { 200: s.Exercise },
    },
    handler: async (req) => clock.command(db, requireActor(req), req.params.id, req.params.command, req.body ?? {}),
  });
  r.post('/exercises/:id/injects/:injectId/fire', {
    schema: { tags, summary: 'Fire an inject now (its condition is not checked)', params: s.InjectParams, response: { 200: Fired } },
    handler: async (req) => clock.fireNow(db, requireActor(req), req.params.id, req.params.injectId),
  });
  r.post('/exercises/:id/injects/:injectId/skip', {
    schema: { tags, summary: 'Skip an inject that has not fired', params: s.InjectParams, response: { 200: s.InjectView } },
    handler: async (req) => clock.skip(db, requireActor(req), req.params.id, req.params.injectId),
  });

  r.get('/exercises/:id/inbox', {
    schema: {
      tags,
      summary: 'A team’s inbox (players: their own; facilitators: ?teamId), times in the site’s zone',
      params: s.IdParams,
      querystring: z.object({ teamId: z.string().uuid().optional() }),
      response: { 200: p.Inbox },
    },
    handler: async (req) => inbox.inbox(db, requireActor(req), req.params.id, req.query.teamId),
  });
  r.post('/exercises/:id/injects/:injectId/ack', {
    schema: {
      tags,
      summary: 'Acknowledge an inject',
      params: s.InjectParams,
      body: p.AckInput.optional(),
      response: { 200: p.ResponseView },
    },
    handler: async (req) => responses.acknowledge(db, requireActor(req), req.params.id, req.params.injectId, req.body ?? {}),
  });
  r.post('/exercises/:id/expectations/:expectationId/responses', {
    schema: {
      tags,
      summary: 'Answer an expectation: a report, indicators, a flag, or a manual answer with files',
      params: s.ExpectationParams,
      body: p.ResponseInput,
      response: { 201: p.ResponseResult },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await responses.respond(db, requireActor(req), req.params.id, req.params.expectationId, req.body)),
  });
  r.get('/exercises/:id/responses', {
    schema: {
      tags,
      summary: 'Answers (players: their team’s only)',
      params: s.IdParams,
      querystring: p.ResponseQuery,
      response: { 200: z.object({ items: z.array(p.ResponseView), total: z.number(), limit: z.number(), offset: z.number() }) },
    },
    handler: async (req) => responses.list(db, requireActor(req), req.params.id, req.query),
  });
  r.get('/exercises/:id/responses/:responseId/files/:fileId', {
    schema: {
      tags,
      summary: 'A file sent with an answer',
      params: z.object({ id: z.string().uuid(), responseId: z.string().uuid(), fileId: z.string().uuid() }),
    },
    handler: async (req, reply) => {
      const f = await responses.file(db, requireActor(req), req.params.id, req.params.responseId, req.params.fileId);
      return reply
        .type(f.mediaType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`)
        .header('x-content-type-options', 'nosniff')
        .send(f.content);
    },
  });

  r.get('/exercises/:id/board', {
    schema: {
      tags,
      summary: 'Every team against every expectation, rolled up by site, organisation and country',
      params: s.IdParams,
      response: { 200: p.Board },
    },
    handler: async (req) => board.board(db, requireActor(req), req.params.id),
  });
  r.get('/exercises/:id/timeline', {
    schema: {
      tags,
      summary: 'The injects in time order with their state and deliveries',
      params: s.IdParams,
      response: { 200: p.Timeline },
    },
    handler: async (req) => board.timeline(db, requireActor(req), req.params.id),
  });
  r.get('/exercises/:id/deliveries', {
    schema: {
      tags,
      summary: 'Delivery state per inject and team',
      params: s.IdParams,
      querystring: p.DeliveryQuery,
      response: { 200: z.object({ items: z.array(p.DeliveryView), total: z.number(), limit: z.number(), offset: z.number() }) },
    },
    handler: async (req) => board.listDeliveries(db, requireActor(req), req.params.id, req.query),
  });
  r.get('/exercises/:id/events', {
    schema: {
      tags,
      summary: 'The exercise event log',
      params: s.IdParams,
      querystring: p.EventQuery,
      response: { 200: z.object({ items: z.array(p.EventView), next: z.number() }) },
    },
    handler: async (req) => board.listEvents(db, requireActor(req), req.params.id, req.query),
  });
  r.get('/exercises/:id/evaluations/queue', {
    schema: {
      tags,
      summary: 'Manual answers waiting for an evaluator',
      params: s.IdParams,
      response: { 200: z.object({ items: z.array(p.QueueItem) }) },
    },
    handler: async (req) => evaluations.queue(db, requireActor(req), req.params.id),
  });
  r.post('/exercises/:id/evaluations', {
    schema: {
      tags,
      summary: 'Judge an expectation for a team',
      params: s.IdParams,
      body: p.EvaluationInput,
      response: { 200: p.EvaluationView },
    },
    handler: async (req) => evaluations.judge(db, requireActor(req), req.params.id, req.body),
  });
}
