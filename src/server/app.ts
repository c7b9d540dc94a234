/**
 * Assembles the HTTP application: plugins, authentication, error mapping, the OpenAPI document,
 * each module's routes and the built web console. Knows nothing of any module's rules.
 */
import { existsSync } from 'node:fs';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from '../config.js';
import type { Db } from '../db/index.js';
import { isMigrated } from '../db/migrate.js';
import { fromRoot } from '../lib/paths.js';
import auditRoutes from '../modules/audit/routes.js';
import directoryRoutes from '../modules/directory/routes.js';
import ackRoutes from '../modules/drills/ack.routes.js';
import drillRoutes from '../modules/drills/routes.js';
import identityRoutes from '../modules/identity/routes.js';
import importRoutes from '../modules/intel/importers/routes.js';
import misinformationRoutes from '../modules/intel/misinformation/routes.js';
import intelRoutes from '../modules/intel/routes.js';
import taxiiRoutes from '../modules/taxii/routes.js';
import { registerAuth } from './auth.js';
import { sendApiError } from './errors.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    config: Config;
    /** The organisation that runs this node (first admin, setup link). */
    homeOrganisationId: string;
  }
}

export const webDist = `${fromRoot('web', 'dist')}/`;
export const API_BODY_LIMIT = 1024 * 1024;

export interface AppOptions {
  db: Db;
  config: Config;
  homeOrganisationId: string;
  /** A pino logger (serve) or pino options (tests); none by default. */
  logger?: FastifyBaseLogger | { level: string } | false;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(opts.logger && 'info' in opts.logger ? { loggerInstance: opts.logger } : { logger: opts.logger ?? false }),
    bodyLimit: API_BODY_LIMIT,
    trustProxy: false,
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
    https: opts.config.tls ? { cert: opts.config.tls.cert, key: opts.config.tls.key } : null,
    // Lets in-flight requests finish on close(); new connections are refused.
    forceCloseConnections: 'idle',
  } as unknown as FastifyServerOptions);
  app.decorate('db', opts.db);
  app.decorate('config', opts.config);
  app.decorate('homeOrganisationId', opts.homeOrganisationId);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((err, req, reply) => sendApiError(err, req, reply));
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-request-id', req.id);
    return payload;
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Mantine sets inline styles; scripts stay same-origin only.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: opts.config.tls ? undefined : false,
  });
  await app.register(fastifyCookie);
  registerAuth(app);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Kizuna API', version: '1', description: 'Drills, threat sharing, incidents and federation for national CERTs' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'kizuna_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    const ok = await opts.db.query('SELECT 1').then(
      () => isMigrated(opts.db),
      () => false,
    );
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ready' : 'not ready' });
  });

  await app.register(identityRoutes, { prefix: '/api/v1' });
  await app.register(directoryRoutes, { prefix: '/api/v1' });
  await app.register(auditRoutes, { prefix: '/api/v1' });
  // Drills: scenarios, exercises, teams, injects, the running exercise and its live streams.
  await app.register(drillRoutes, { prefix: '/api/v1' });
  // The public page where a point of contact acknowledges a communication check (no log-in).
  await app.register(ackRoutes);
  await app.register(intelRoutes, { prefix: '/api/v1' });
  await app.register(misinformationRoutes, { prefix: '/api/v1' });
  await app.register(importRoutes, { prefix: '/api/v1' });
  await app.register(taxiiRoutes, { prefix: '/taxii2' });

  await registerConsole(app);
  return app;
}

/** Serves the built console, with every non-API path falling back to index.html for the router. */
async function registerConsole(app: FastifyInstance) {
  const hasBuild = existsSync(`${webDist}index.html`);
  if (hasBuild) await app.register(fastifyStatic, { root: webDist, wildcard: false, index: 'index.html' });
  app.setNotFoundHandler((req, reply) => {
    const isApi = req.url.startsWith('/api/') || req.url.startsWith('/taxii2/');
    if (!isApi && hasBuild && (req.method === 'GET' || req.method === 'HEAD')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return sendApiError({ code: 'FST_ERR_NOT_FOUND' }, req, reply);
  });
}
