/** Directory routes: thin handlers that authenticate, validate and call the directory services. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { page } from '../../lib/list.js';
import { requireActor } from '../../server/auth.js';
import * as communities from './communities.service.js';
import * as organisations from './organisations.service.js';
import * as people from './people.service.js';
import * as contacts from './points-of-contact.service.js';
import * as s from './schema.js';
import * as sites from './sites.service.js';

export default async function directoryRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.db;

  r.get('/countries', {
    schema: {
      tags: ['directory'],
      summary: 'ISO 3166-1 countries',
      querystring: z.object({ q: z.string().max(100).optional() }),
      response: { 200: page(s.Country) },
    },
    handler: async (req) => {
      requireActor(req);
      return organisations.listCountries(db, req.query.q);
    },
  });

  // One set of five routes per resource, the same shape each time.
  const resources = [
    {
      path: 'organisations',
      svc: organisations,
      schema: s.Organisation,
      input: s.OrganisationInput,
      patch: s.OrganisationPatch,
      query: s.OrganisationQuery,
    },
    { path: 'sites', svc: sites, schema: s.Site, input: s.SiteInput, patch: s.SitePatch, query: s.SiteQuery },
    { path: 'people', svc: people, schema: s.Person, input: s.PersonInput, patch: s.PersonPatch, query: s.PersonQuery },
    {
      path: 'points-of-contact',
      svc: contacts,
      schema: s.PointOfContact,
      input: s.PointOfContactInput,
      patch: s.PointOfContactPatch,
      query: s.PointOfContactQuery,
    },
    {
      path: 'communities',
      svc: communities,
      schema: s.Community,
      input: s.CommunityInput,
      patch: s.CommunityPatch,
      query: s.CommunityQuery,
    },
  ] as const;

  for (const res of resources) {
    const tags = ['directory'];
    const svc = res.svc as unknown as {
      list(db: unknown, actor: unknown, q: unknown): Promise<unknown>;
      get(db: unknown, actor: unknown, id: string): Promise<unknown>;
      create(db: unknown, actor: unknown, input: unknown): Promise<unknown>;
      update(db: unknown, actor: unknown, id: string, patch: unknown): Promise<unknown>;
    };
    r.get(`/${res.path}`, {
      schema: { tags, summary: `List ${res.path}`, querystring: res.query, response: { 200: page(res.schema) } },
      handler: async (req) => svc.list(db, requireActor(req), req.query) as never,
    });
    r.post(`/${res.path}`, {
      schema: { tags, summary: `Create one of ${res.path}`, body: res.input, response: { 201: res.schema } },
      handler: async (req, reply) => reply.status(201).send((await svc.create(db, requireActor(req), req.body)) as never),
    });
    r.get(`/${res.path}/:id`, {
      schema: { tags, summary: `One of ${res.path}`, params: s.IdParams, response: { 200: res.schema } },
      handler: async (req) => svc.get(db, requireActor(req), req.params.id) as never,
    });
    r.patch(`/${res.path}/:id`, {
      schema: { tags, summary: `Change one of ${res.path}`, params: s.IdParams, body: res.patch, response: { 200: res.schema } },
      handler: async (req) => svc.update(db, requireActor(req), req.params.id, req.body) as never,
    });
  }

  r.put('/communities/:id/members/:organisationId', {
    schema: { tags: ['directory'], summary: 'Add an organisation to a community', params: s.MemberParams, response: { 200: s.Community } },
    handler: async (req) => communities.addMember(db, requireActor(req), req.params.id, req.params.organisationId),
  });
  r.delete('/communities/:id/members/:organisationId', {
    schema: {
      tags: ['directory'],
      summary: 'Remove an organisation from a community',
      params: s.MemberParams,
      response: { 200: s.Community },
    },
    handler: async (req) => communities.removeMember(db, requireActor(req), req.params.id, req.params.organisationId),
  });
}
