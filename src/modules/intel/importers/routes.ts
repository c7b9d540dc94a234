/**
 * POST /intel/imports: the console's import page. The file is the raw body (a STIX bundle, a MISP
 * event or the KEV catalogue), taken as bytes so that importFile's own checks (size, nesting,
 * forbidden keys, kind by content) decide, exactly as for `kizuna import`.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../../server/auth.js';
import { importFile } from './import.service.js';

/** Larger than the API's 1 MiB: the KEV catalogue alone is 1.3 MB. */
export const IMPORT_BODY_LIMIT = 64 * 1024 * 1024;

const Failure = z.object({ id: z.string().nullable(), version: z.string().nullable(), message: z.string() });
const Outcome = z.object({
  kind: z.string(),
  collectionId: z.string(),
  total: z.number().int(),
  added: z.number().int(),
  duplicates: z.number().int(),
  failures: z.array(Failure),
  warnings: z.array(z.string()),
});

export default async function importRoutes(app: FastifyInstance) {
  // Encapsulated: only this plugin's routes read JSON bodies as bytes.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT }, (_req, body, done) => done(null, body));

  app.withTypeProvider<ZodTypeProvider>().post('/intel/imports', {
    bodyLimit: IMPORT_BODY_LIMIT,
    schema: {
      tags: ['intelligence'],
      summary: 'Import a STIX bundle, MISP event or KEV catalogue into a collection',
      querystring: z.object({ collection: z.string().uuid() }),
      response: { 200: Outcome },
    },
    handler: async (req) => importFile(app.db, requireActor(req), { collectionId: req.query.collection, content: req.body as Buffer }),
  });
}
