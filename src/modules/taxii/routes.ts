/**
 * TAXII 2.1 routes under /taxii2: thin handlers over service.ts. This plugin also holds what is
 * TAXII-specific about HTTP here: TAXII errors for every failure (src/server/errors.ts hands them to
 * sendTaxiiError by prefix), the exact TAXII media type on every response, authentication as the
 * request arrives (401 before anything else, the body unread), 406 and 415 from content
 * negotiation, and a body parser for taxii+json alone, limited to the API root's
 * max_content_length (413 above it).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../errors.js';
import { authenticate, requireActor } from '../../server/auth.js';
import { presentErrorsUnder } from '../../server/errors.js';
import { sendTaxiiError } from './errors.js';
import { acceptable, isTaxiiContentType, TAXII_MEDIA } from './media.js';
import { dateAddedHeaders, envelopeJson, manifestJson, versionsJson } from './presenters.js';
import * as s from './schema.js';
import * as taxii from './service.js';

const tags = ['taxii'];

export default async function taxiiRoutes(app: FastifyInstance) {
  presentErrorsUnder(taxii.ROOT_PATH, sendTaxiiError);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.db;

  // Only TAXII envelopes are parsed here; any other Content-Type is refused (415) before parsing.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    'application/taxii+json',
    { parseAs: 'string', bodyLimit: taxii.MAX_CONTENT_LENGTH },
    app.getDefaultJsonParser('error', 'error'),
  );

  // onRequest runs before the query is validated and the body read: who is asking comes first.
  app.addHook('onRequest', async (req) => {
    await authenticate(req);
    if (!req.actor) throw new AppError('unauthenticated', 'Send HTTP Basic credentials or a Bearer token');
    if (!acceptable(req.headers.accept)) {
      throw new AppError('not_acceptable', `This server answers ${TAXII_MEDIA}`);
    }
    if (req.method === 'POST' && !isTaxiiContentType(req.headers['content-type'])) {
      throw new AppError('unsupported_media_type', `POST a TAXII envelope as ${TAXII_MEDIA}`);
    }
  });
  // Fastify would append a charset to a JSON media type; TAXII clients expect the type exactly.
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('content-type', TAXII_MEDIA);
    return payload;
  });

  r.get('/', {
    schema: { tags, summary: 'TAXII discovery', response: { 200: s.Discovery } },
    handler: async (req) => {
      requireActor(req);
      return taxii.discovery();
    },
  });

  r.get('/:apiRoot/', {
    schema: { tags, summary: 'API root information', params: s.RootParams, response: { 200: s.ApiRootInfo } },
    handler: async (req) => {
      requireActor(req);
      return taxii.apiRootInfo(req.params.apiRoot);
    },
  });

  r.get('/:apiRoot/status/:statusId/', {
    schema: { tags, summary: 'Status of an earlier POST', params: s.StatusParams, response: { 200: s.TaxiiStatus } },
    handler: async (req) => taxii.getStatus(db, requireActor(req), req.params.apiRoot, req.params.statusId),
  });

  r.get('/:apiRoot/collections/', {
    schema: { tags, summary: 'Collections the caller may read or write', params: s.RootParams, response: { 200: s.TaxiiCollections } },
    handler: async (req) => taxii.listCollections(db, requireActor(req), req.params.apiRoot),
  });

  r.get('/:apiRoot/collections/:collectionId/', {
    schema: { tags, summary: 'One collection', params: s.CollectionParams, response: { 200: s.TaxiiCollection } },
    handler: async (req) => taxii.getCollection(db, requireActor(req), req.params.apiRoot, req.params.collectionId),
  });

  r.get('/:apiRoot/collections/:collectionId/objects/', {
    schema: { tags, summary: 'Objects of a collection, oldest added first', params: s.CollectionParams, querystring: s.ObjectsQuery },
    handler: async (req, reply) => {
      const { apiRoot, collectionId } = req.params;
      const page = await taxii.getObjects(db, requireActor(req), apiRoot, collectionId, pageRequest(req.query));
      return reply.headers(dateAddedHeaders(page)).type(TAXII_MEDIA).send(envelopeJson(page));
    },
  });

  r.post('/:apiRoot/collections/:collectionId/objects/', {
    bodyLimit: taxii.MAX_CONTENT_LENGTH,
    schema: { tags, summary: 'Add objects', params: s.CollectionParams, body: s.Envelope, response: { 202: s.TaxiiStatus } },
    handler: async (req, reply) => {
      const status = await taxii.addObjects(db, requireActor(req), req.params.apiRoot, req.params.collectionId, req.body);
      return reply.status(202).send(status);
    },
  });

  r.get('/:apiRoot/collections/:collectionId/objects/:objectId/', {
    schema: { tags, summary: 'Versions of one object', params: s.ObjectParams, querystring: s.ObjectQuery },
    handler: async (req, reply) => {
      const { apiRoot, collectionId, objectId } = req.params;
      const page = await taxii.getObject(db, requireActor(req), apiRoot, collectionId, objectId, pageRequest(req.query));
      return reply.headers(dateAddedHeaders(page)).type(TAXII_MEDIA).send(envelopeJson(page));
    },
  });

  r.delete('/:apiRoot/collections/:collectionId/objects/:objectId/', {
    schema: { tags, summary: 'Delete an object (all versions, or those matched)', params: s.ObjectParams, querystring: s.DeleteQuery },
    handler: async (req, reply) => {
      const { apiRoot, collectionId, objectId } = req.params;
      await taxii.deleteObject(db, requireActor(req), apiRoot, collectionId, objectId, taxii.filtersFrom(req.query));
      return reply.status(200).send();
    },
  });

  r.get('/:apiRoot/collections/:collectionId/objects/:objectId/versions/', {
    schema: { tags, summary: 'Version timestamps of one object', params: s.ObjectParams, querystring: s.VersionsQuery },
    handler: async (req, reply) => {
      const { apiRoot, collectionId, objectId } = req.params;
      const page = await taxii.getVersions(db, requireActor(req), apiRoot, collectionId, objectId, pageRequest(req.query));
      return reply.headers(dateAddedHeaders(page)).type(TAXII_MEDIA).send(versionsJson(page));
    },
  });

  r.get('/:apiRoot/collections/:collectionId/manifest/', {
    schema: { tags, summary: 'Manifest of a collection, oldest added first', params: s.CollectionParams, querystring: s.ObjectsQuery },
    handler: async (req, reply) => {
      const { apiRoot, collectionId } = req.params;
      const page = await taxii.getManifest(db, requireActor(req), apiRoot, collectionId, pageRequest(req.query));
      return reply.headers(dateAddedHeaders(page)).type(TAXII_MEDIA).send(manifestJson(page));
    },
  });
}

function pageRequest(q: Partial<s.ObjectsQuery>): taxii.PageRequest {
  return { filters: taxii.filtersFrom(q), limit: q.limit, next: q.next };
}
