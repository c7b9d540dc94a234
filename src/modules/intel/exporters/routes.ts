/**
 * GET /intel/exports: a selection of one collection as a file (STIX 2.1 bundle, MISP event or CSV).
 * What was left out and why travels in headers, so a download stays the plain file.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../../server/auth.js';
import { EXPORT_FORMATS, exportSelection } from './export.service.js';

const commaList = (item: z.ZodString, max: number) =>
  z
    .string()
    .max(max * 120)
    .transform((v) => v.split(',').filter(Boolean))
    .pipe(z.array(item).min(1).max(max));

export const ExportQuery = z.object({
  collection: z.string().uuid(),
  format: z.enum(EXPORT_FORMATS).default('stix'),
  /** STIX ids, comma separated (200 keep the URL under the 16 KiB a request line may take). */
  ids: commaList(z.string().regex(/^[a-z][a-z0-9-]*--[0-9a-fA-F-]{36}$/), 200).optional(),
  types: commaList(
    z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/)
      .max(250),
    50,
  ).optional(),
  addedAfter: z.string().datetime({ offset: true }).optional(),
});

export default async function exportRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get('/intel/exports', {
    schema: {
      tags: ['intel'],
      summary: 'Export a selection of a collection as a STIX bundle, a MISP event or CSV (RED is never exported)',
      querystring: ExportQuery,
      produces: ['application/stix+json;version=2.1', 'application/json', 'text/csv'],
    },
    handler: async (req, reply) => {
      const q = req.query;
      const file = await exportSelection(app.db, requireActor(req), q.format, {
        collectionId: q.collection,
        ids: q.ids,
        types: q.types,
        addedAfter: q.addedAfter,
      });
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .header('x-kizuna-objects', String(file.objects))
        .header('x-kizuna-withheld-red', String(file.withheldRed))
        .header('x-kizuna-withheld-links', String(file.withheldLinks))
        .header('x-kizuna-removed-refs', String(file.removedRefs))
        .send(file.body);
    },
  });
}
