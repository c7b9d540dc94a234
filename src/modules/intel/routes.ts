/** Intelligence routes for the console (/api/v1/intel): thin handlers over the intel services. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { page } from '../../lib/list.js';
import { requireActor } from '../../server/auth.js';
import * as collections from './collections.service.js';
import { createObject } from './create.service.js';
import exportRoutes from './exporters/routes.js';
import * as explore from './explore.service.js';
import { markObject } from './marking.service.js';
import { findRecipients } from './recipients.service.js';
import * as s from './schema.js';
import { share } from './sharing.service.js';

export default async function intelRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.db;
  const tags = ['intel'];
  await app.register(exportRoutes);

  r.get('/intel/collections', {
    schema: {
      tags,
      summary: 'Collections the caller may read or write',
      querystring: s.CollectionQuery,
      response: { 200: s.CollectionList },
    },
    handler: async (req) => ({ items: await collections.list(db, requireActor(req), req.query.apiRoot) }),
  });

  r.post('/intel/collections', {
    schema: {
      tags,
      summary: 'Create a collection (the organisation gets read and write)',
      body: s.CollectionInput,
      response: { 201: s.Collection },
    },
    handler: async (req, reply) => reply.status(201).send(await collections.create(db, requireActor(req), req.body)),
  });

  r.put('/intel/collections/:id/access/:organisationId', {
    schema: { tags, summary: "Set an organisation's rights on a collection", params: s.AccessParams, body: s.AccessInput },
    handler: async (req, reply) => {
      await collections.grant(db, requireActor(req), req.params.id, req.params.organisationId, req.body);
      return reply.status(204).send();
    },
  });

  r.get('/intel/objects', {
    schema: {
      tags,
      summary: 'Search intelligence (latest version of each object)',
      querystring: s.ObjectSearchQuery,
      response: { 200: page(s.ObjectSummary) },
    },
    handler: async (req) => explore.search(db, requireActor(req), req.query),
  });

  r.post('/intel/objects', {
    schema: { tags, summary: 'Create an object for your organisation', body: s.CreateObjectInput, response: { 201: s.ObjectDetail } },
    handler: async (req, reply) => reply.status(201).send(await createObject(db, requireActor(req), req.body)),
  });

  r.get('/intel/objects/:id', {
    schema: {
      tags,
      summary: 'An object: versions, relationships, marking, sharing, correlations, sightings',
      params: s.ObjectParams,
      querystring: s.DetailQuery,
      response: { 200: s.ObjectDetail },
    },
    handler: async (req) => explore.detail(db, requireActor(req), req.params.id, req.query.apiRoot),
  });

  r.post('/intel/objects/:id/sharing', {
    schema: {
      tags,
      summary: 'Share an object with communities, organisations or people',
      params: s.ObjectParams,
      body: s.SharingInput,
      response: { 200: s.Sharing },
    },
    handler: async (req) => share(db, requireActor(req), req.params.id, req.body),
  });

  r.post('/intel/objects/:id/marking', {
    schema: {
      tags,
      summary: 'Mark an object anew: a new version under another TLP marking',
      params: s.ObjectParams,
      querystring: s.MarkingQuery,
      body: s.MarkingInput,
      response: { 200: s.ObjectDetail },
    },
    handler: async (req) => markObject(db, requireActor(req), req.params.id, req.body.tlp, req.query.apiRoot),
  });

  r.get('/intel/recipients', {
    schema: {
      tags,
      summary: 'People an object may be addressed to (for RED)',
      querystring: s.RecipientQuery,
      response: { 200: page(s.Recipient) },
    },
    handler: async (req) => findRecipients(db, requireActor(req), req.query),
  });
}
