/**
 * Communication-check routes of an exercise (controllers' side). Thin handlers: authenticate,
 * validate with the zod schema, call one service function. The public acknowledgement page is in
 * ack.routes.ts.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireActor } from '../../server/auth.js';
import * as checks from './checks.service.js';
import * as c from './checks.schema.js';
import { IdParams } from './schema.js';

const tags = ['drills'];

export default async function checkRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.db;

  r.post('/exercises/:id/communication-checks', {
    schema: {
      tags,
      summary: 'Send a communication check to every point of contact of the chosen organisations',
      params: IdParams,
      body: c.CheckInput,
      response: { 201: c.Check },
    },
    handler: async (req, reply) => reply.status(201).send(await checks.create(db, requireActor(req), req.params.id, req.body)),
  });
  r.get('/exercises/:id/communication-checks', {
    schema: { tags, summary: 'Communication checks of an exercise, newest first', params: IdParams, response: { 200: c.CheckList } },
    handler: async (req) => checks.list(db, requireActor(req), req.params.id),
  });
  r.get('/exercises/:id/communication-checks/:checkId', {
    schema: {
      tags,
      summary: 'One communication check: who was reached, who answered and how fast',
      params: c.CheckParams,
      response: { 200: c.Check },
    },
    handler: async (req) => checks.get(db, requireActor(req), req.params.id, req.params.checkId),
  });
}
