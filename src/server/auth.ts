/**
 * Finds out who is calling: a Bearer API token, HTTP Basic (for TAXII clients: e-mail with password
 * or token), or the console's session cookie. Cookie-authenticated writes must carry the session's
 * CSRF token in X-CSRF-Token; token and Basic callers are not exposed to CSRF.
 *
 * When: the API under /api/v1/ authenticates in preHandler, once the request is routed, validated
 * and its body read. TAXII authenticates as the request arrives instead (its plugin calls
 * `authenticate` from onRequest): a TAXII client that is not who it says gets 401 before anything
 * else is looked at, and an unauthenticated caller cannot make the server read a 10 MiB body.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import type { UserActor } from '../modules/identity/actor.js';
import * as identity from '../modules/identity/service.js';
import { safeEqual } from '../modules/identity/secrets.js';

export const SESSION_COOKIE = 'kizuna_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: UserActor | null;
    sessionId: string | null;
    csrfToken: string | null;
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerAuth(app: FastifyInstance) {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfToken', null);

  app.addHook('preHandler', async (req) => {
    if (req.url.startsWith('/api/v1/')) await authenticate(req);
  });
}

/**
 * Sets req.actor (and the session and its CSRF token for a cookie) from the request's credentials;
 * 401 for credentials that are wrong, 403 for a cookie write without its CSRF token. No credentials
 * at all leave req.actor null: whether that is allowed is the route's business (requireActor).
 */
export async function authenticate(req: FastifyRequest): Promise<void> {
  const db = req.server.db;
  const header = req.headers.authorization;
  if (header) {
    const [scheme, value = ''] = header.split(/\s+/, 2);
    if (/^bearer$/i.test(scheme)) {
      req.actor = (await identity.authenticateToken(db, value.trim())) ?? null;
      if (!req.actor) throw new AppError('unauthenticated', 'The token is invalid, expired or revoked');
      return;
    }
    if (/^basic$/i.test(scheme)) {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 1) throw new AppError('unauthenticated', 'Malformed Basic credentials');
      const user = decoded.slice(0, colon);
      const secret = decoded.slice(colon + 1);
      const viaToken = secret.startsWith('kzt_') ? await identity.authenticateToken(db, secret) : undefined;
      const actor =
        viaToken && viaToken.email.toLowerCase() === user.toLowerCase()
          ? viaToken
          : await identity.authenticatePassword(db, user, secret, req.ip);
      req.actor = actor ?? null;
      if (!req.actor) throw new AppError('unauthenticated', 'Wrong credentials');
      return;
    }
    throw new AppError('unauthenticated', 'Unsupported Authorization scheme');
  }
  // Signing in or completing setup starts a new session: an old cookie in the browser (another
  // tab) must neither authenticate nor demand its CSRF token here.
  if (req.url === '/api/v1/auth/login' || req.url === '/api/v1/auth/setup') return;
  const sessionId = req.cookies[SESSION_COOKIE];
  if (!sessionId) return;
  const session = await identity.authenticateSession(db, sessionId);
  if (!session) return;
  req.actor = session.actor;
  req.sessionId = sessionId;
  req.csrfToken = session.csrfToken;
  if (!SAFE.has(req.method)) {
    const sent = req.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !safeEqual(sent, session.csrfToken)) {
      throw new AppError('forbidden', 'Missing or wrong X-CSRF-Token header');
    }
  }
}

export function requireActor(req: FastifyRequest): UserActor {
  if (!req.actor) throw new AppError('unauthenticated', 'Sign in or send an API token');
  return req.actor;
}
