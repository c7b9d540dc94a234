/** Printable inject cards (PDF) of a team, for facilitators of in-person sites. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../server/auth.js';
import * as cardsService from './cards.service.js';
import { cardLanguages } from './cards/labels.js';
import { TeamParams } from './schema.js';

export default async function cardRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/exercises/:id/teams/:teamId/cards.pdf', {
    schema: {
      tags: ['drills'],
      summary: 'Printable inject cards of a team (PDF), in the site’s language and time zone',
      params: TeamParams,
      querystring: z.strictObject({ lang: z.enum(cardLanguages).optional() }),
      produces: ['application/pdf'],
    },
    handler: async (req, reply) => {
      const out = await cardsService.cards(app.db, requireActor(req), req.params.id, req.params.teamId, req.query.lang);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${out.fileName}"`)
        .header('content-language', out.lang)
        .header('cache-control', 'no-store')
        .send(out.pdf);
    },
  });
}
