/** Log-in, log-out, the signed-in user, first-admin setup, users and API tokens. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listQuery, page } from '../../lib/list.js';
import { SESSION_COOKIE, requireActor } from '../../server/auth.js';
import {
  CreateTokenInput,
  CreateUserInput,
  CreatedToken,
  LoginInput,
  SessionView,
  SetupInput,
  TokenView,
  UpdateMeInput,
  UserView,
} from './schema.js';
import * as identity from './service.js';

const tags = ['identity'];

export default async function identityRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const setSession = (reply: FastifyReply, sessionId: string) =>
    reply.setCookie(SESSION_COOKIE, sessionId, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: Boolean(app.config.tls),
      maxAge: identity.SESSION_TTL_MS / 1000,
    });

  r.post('/auth/login', {
    schema: { tags, summary: 'Sign in with e-mail and password', body: LoginInput, response: { 200: SessionView } },
    handler: async (req, reply) => {
      const { sessionId, csrfToken, user } = await identity.login(app.db, { ...req.body, address: req.ip });
      setSession(reply, sessionId);
      return { user, csrfToken };
    },
  });

  r.post('/auth/logout', {
    schema: { tags, summary: 'Sign out of this session' },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      if (req.sessionId) await identity.logout(app.db, actor, req.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  });

  r.get('/auth/me', {
    schema: { tags, summary: 'The signed-in user', response: { 200: SessionView } },
    handler: async (req) => ({ user: await identity.me(app.db, requireActor(req)), csrfToken: req.csrfToken ?? '' }),
  });

  r.patch('/auth/me', {
    schema: { tags, summary: 'Change your name, language or time zone', body: UpdateMeInput, response: { 200: SessionView } },
    handler: async (req) => ({ user: await identity.updateMe(app.db, requireActor(req), req.body), csrfToken: req.csrfToken ?? '' }),
  });

  r.post('/auth/setup', {
    schema: { tags, summary: 'Create the first node admin from the one-time setup link', body: SetupInput, response: { 200: SessionView } },
    handler: async (req, reply) => {
      const { sessionId, csrfToken, user } = await identity.completeSetup(app.db, { ...req.body, address: req.ip }, app.homeOrganisationId);
      setSession(reply, sessionId);
      return { user, csrfToken };
    },
  });

  r.get('/users', {
    schema: { tags, summary: 'List users', querystring: listQuery, response: { 200: page(UserView) } },
    handler: async (req) => identity.listUsers(app.db, requireActor(req), req.query),
  });

  r.post('/users', {
    schema: { tags, summary: 'Create a user with roles in organisations', body: CreateUserInput, response: { 201: UserView } },
    handler: async (req, reply) => reply.status(201).send(await identity.createUser(app.db, requireActor(req), req.body)),
  });

  r.get('/tokens', {
    schema: { tags, summary: 'Your API tokens', response: { 200: z.object({ items: z.array(TokenView) }) } },
    handler: async (req) => ({ items: await identity.listTokens(app.db, requireActor(req)) }),
  });

  r.post('/tokens', {
    schema: { tags, summary: 'Create an API token (shown once)', body: CreateTokenInput, response: { 201: CreatedToken } },
    handler: async (req, reply) => {
      const { name, expiresInDays } = req.body;
      const created = await identity.createToken(app.db, requireActor(req), {
        name,
        expiresInMs: expiresInDays ? expiresInDays * 86_400_000 : null,
      });
      return reply.status(201).send(created);
    },
  });

  r.delete('/tokens/:id', {
    schema: { tags, summary: 'Revoke an API token', params: z.object({ id: z.string().uuid() }), response: { 200: TokenView } },
    handler: async (req) => identity.revokeToken(app.db, requireActor(req), req.params.id),
  });
}
