/**
 * HTTP routes for misinformation reports, as a Fastify plugin to register under /api/v1: file a
 * report, list reports by DISARM technique, read one. Thin handlers: authenticate, validate, call
 * the service.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../../server/auth.js';
import * as misinformation from './misinformation.service.js';
import * as s from './schema.js';

export default async function misinformationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.db;
  const tags = ['intelligence'];

  r.post('/intel/misinformation', {
    schema: {
      tags,
      summary: 'Report a false narrative (stored as a STIX report)',
      body: s.MisinformationInput,
      response: { 201: s.MisinformationReport },
    },
    handler: async (req, reply) => reply.status(201).send(await misinformation.report(db, requireActor(req), req.body)),
  });

  r.get('/intel/misinformation', {
    schema: {
      tags,
      summary: 'Misinformation reports that use a DISARM technique',
      querystring: s.TechniqueQuery,
      response: { 200: z.object({ items: z.array(s.MisinformationReport) }) },
    },
    handler: async (req) => ({ items: await misinformation.listByTechnique(db, requireActor(req), req.query.technique, req.query.limit) }),
  });

  r.get('/intel/misinformation/:id', {
    schema: { tags, summary: 'One misinformation report', params: s.ReportParams, response: { 200: s.MisinformationReport } },
    handler: async (req) => misinformation.get(db, requireActor(req), req.params.id),
  });
}
