/**
 * Test fixtures over real HTTP: a node app listening on 127.0.0.1 with a fresh store, users made
 * with given roles, and a small client that signs in like the console (cookie + CSRF) or calls like
 * an API client (Bearer token).
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import { type Role, systemActor } from '../modules/identity/actor.js';
import * as identity from '../modules/identity/service.js';
import { ensureHomeOrganisation } from '../modules/directory/organisations.service.js';
import { buildApp } from '../server/app.js';
import { HOME_COUNTRY } from '../server/node.js';
import { type TestDb, freshDb } from './db.js';

export const testConfig: Config = {
  port: 0,
  host: '127.0.0.1',
  dataDir: '/nonexistent',
  publicUrl: 'http://127.0.0.1',
  logLevel: 'silent',
  loadDemo: true,
};

export interface TestNode extends TestDb {
  app: FastifyInstance;
  url: string;
  homeOrganisationId: string;
  /** Creates a user with the given roles and returns a signed-in client. */
  userWith(memberships: { organisationId: string; role: Role }[], email?: string): Promise<Client & { email: string; password: string }>;
  orgId(key: string): Promise<string>;
  close(): Promise<void>;
}

export async function startTestNode(): Promise<TestNode> {
  const store = await freshDb();
  const homeOrganisationId = await ensureHomeOrganisation(store.db, systemActor('test'), HOME_COUNTRY);
  // KIZUNA_TEST_LOG=error shows the server's own log while debugging a test.
  const logger = process.env.KIZUNA_TEST_LOG ? { level: process.env.KIZUNA_TEST_LOG } : false;
  const app = await buildApp({ db: store.db, config: testConfig, homeOrganisationId, logger });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  let n = 0;
  return {
    ...store,
    app,
    url,
    homeOrganisationId,
    async userWith(memberships, email) {
      const password = randomBytes(12).toString('base64url');
      const address = email ?? `user${++n}-${randomBytes(3).toString('hex')}@test.example`;
      await identity.createUser(store.db, systemActor('test'), { email: address, fullName: `Test ${address}`, password, memberships });
      const client = new Client(url);
      await client.login(address, password);
      return Object.assign(client, { email: address, password });
    },
    async orgId(key) {
      const [row] = await store.db.query<{ id: string }>('SELECT id FROM organisations WHERE external_key = $1', [key]);
      if (!row) throw new Error(`no organisation ${key}`);
      return row.id;
    },
    async close() {
      await app.close();
      await store.drop();
    },
  };
}

export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export class Client {
  cookie?: string;
  csrf?: string;
  token?: string;
  constructor(readonly url: string) {}

  async login(email: string, password: string): Promise<Answer> {
    const res = await this.request('POST', '/api/v1/auth/login', { email, password });
    if (res.status === 200) {
      this.cookie = res.headers.get('set-cookie')?.split(';')[0];
      this.csrf = res.body.csrfToken;
    }
    return res;
  }

  withToken(token: string): Client {
    const c = new Client(this.url);
    c.token = token;
    return c;
  }

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
    const h: Record<string, string> = { ...headers };
    if (body !== undefined && typeof body !== 'string') h['content-type'] ??= 'application/json';
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== 'GET') h['x-csrf-token'] ??= this.csrf;
    if (this.token) h.authorization = `Bearer ${this.token}`;
    const res = await fetch(this.url + path, {
      method,
      headers: h,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {}
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body ?? {});
  }
  patch<T = any>(path: string, body: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  put<T = any>(path: string) {
    return this.request<T>('PUT', path);
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }
}
