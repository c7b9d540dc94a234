/** GET /audit: the hash-chained log, newest first, for node admins and organisation admins. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../server/auth.js';
import * as audit from './service.js';

const AuditEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  actorUserId: z.string().nullable(),
  organisationId: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  summary: z.record(z.string(), z.unknown()),
});

export default async function auditRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get('/audit', {
    schema: {
      tags: ['audit'],
      summary: 'Read the audit log',
      querystring: z.object({
        limit: z.coerce.number().int().min(1).max(500).default(100),
        before: z.coerce.number().int().min(1).optional(),
      }),
      response: { 200: z.object({ items: z.array(AuditEntry), nextBefore: z.number().int().nullable() }) },
    },
    handler: async (req) => audit.list(app.db, requireActor(req), req.query),
  });
}
