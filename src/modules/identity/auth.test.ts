import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, type TestNode, startTestNode } from '../../test/http.js';

let node: TestNode;
beforeAll(async () => {
  node = await startTestNode();
});
afterAll(() => node?.close());

describe('log-in and sessions', () => {
  it('signs in with a session cookie that is HttpOnly and SameSite, and reads /auth/me', async () => {
    const analyst = await node.userWith([{ organisationId: node.homeOrganisationId, role: 'analyst' }]);
    const res = await new Client(node.url).login(analyst.email, analyst.password);
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(res.body.user.email).toBe(analyst.email);
    const me = await analyst.get('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.memberships[0].role).toBe('analyst');
    expect(me.body.csrfToken).toBe(analyst.csrf);
  });

  it('answers a wrong password and an unknown account the same way', async () => {
    const u = await node.userWith([{ organisationId: node.homeOrganisationId, role: 'observer' }]);
    const c = new Client(node.url);
    const t0 = performance.now();
    const wrongPassword = await c.login(u.email, 'not-the-password');
    const t1 = performance.now();
    const unknown = await c.login('nobody@test.example', 'not-the-password');
    const t2 = performance.now();
    expect(wrongPassword.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrongPassword.body);
    // Both paths run one argon2 verification; timings stay within the same order of magnitude.
    const a = t1 - t0;
    const b = t2 - t1;
    expect(Math.max(a, b) / Math.min(a, b)).toBeLessThan(5);
  });

  it('throttles an account after five failures, even with the right password then', async () => {
    const u = await node.userWith([{ organisationId: node.homeOrganisationId, role: 'observer' }]);
    const c = new Client(node.url);
    for (let i = 0; i < 5; i++) expect((await c.login(u.email, `wrong-${i}`)).status).toBe(401);
    const locked = await c.login(u.email, u.password);
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('too_many_requests');
  });

  it('refuses cookie-authenticated writes without the CSRF token', async () => {
    const u = await node.userWith([{ organisationId: node.homeOrganisationId, role: 'analyst' }]);
    const res = await u.request('PATCH', '/api/v1/auth/me', { locale: 'vi' }, { 'x-csrf-token': 'forged' });
    expect(res.status).toBe(403);
    const ok = await u.patch('/api/v1/auth/me', { locale: 'vi', timeZone: 'Asia/Tokyo' });
    expect(ok.status).toBe(200);
    expect(ok.body.user).toMatchObject({ locale: 'vi', timeZone: 'Asia/Tokyo' });
  });

  it('logs out: the old cookie no longer works', async () => {
    const u = await node.userWith([{ organisationId: node.homeOrganisationId, role: 'analyst' }]);
    expect((await u.post('/api/v1/auth/logout')).status).toBe(204);
    expect((await u.get('/api/v1/auth/me')).status).toBe(401);
  });
});

describe('API tokens', () => {
  it('are shown once, work as Bearer, can be revoked, and are stored only hashed', async () => {
    const u = await node.userWith([{ organisationId: node.homeOrganisationId, role: 'analyst' }]);
    const created = await u.post('/api/v1/tokens', { name: 'siem', expiresInDays: 30 });
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    expect(token).toMatch(/^kzt_/);
    const api = u.withToken(token);
    expect((await api.get('/api/v1/auth/me')).body.user.email).toBe(u.email);
    const stored = await node.db.query<{ token_hash: string }>('SELECT token_hash FROM api_tokens WHERE id = $1', [created.body.id]);
    expect(stored[0].token_hash).not.toContain(token);
    // Last use is kept to the minute: a second request within it writes nothing.
    const lastUsed = async () =>
      (await node.db.query<{ at: string | null }>('SELECT last_used_at::text AS at FROM api_tokens WHERE id = $1', [created.body.id]))[0]
        .at;
    const first = await lastUsed();
    expect(first).not.toBeNull();
    await api.get('/api/v1/auth/me');
    expect(await lastUsed()).toBe(first);
    await node.db.query(`UPDATE api_tokens SET last_used_at = now() - interval '2 minutes' WHERE id = $1`, [created.body.id]);
    const aged = await lastUsed();
    await api.get('/api/v1/auth/me');
    expect(await lastUsed()).not.toBe(aged);
    expect((await u.get('/api/v1/tokens')).body.items.map((t: { id: string }) => t.id)).toContain(created.body.id);
    expect((await u.delete(`/api/v1/tokens/${created.body.id}`)).status).toBe(200);
    const after = await api.get('/api/v1/auth/me');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthenticated');
  });

  it('expire', async () => {
    const u = await node.userWith([{ organisationId: node.homeOrganisationId, role: 'analyst' }]);
    const created = await u.post('/api/v1/tokens', { name: 'short' });
    await node.db.query(`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`, [created.body.id]);
    expect((await u.withToken(created.body.token).get('/api/v1/auth/me')).status).toBe(401);
  });

  it('rejects garbage Authorization headers with 401 in the error shape', async () => {
    for (const header of ['Bearer nope', 'Basic !!!', 'Digest abc', `Basic ${Buffer.from('x').toString('base64')}`]) {
      const res = await new Client(node.url).request('GET', '/api/v1/organisations', undefined, { authorization: header });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthenticated');
    }
  });
});

describe('first admin setup link', () => {
  it('creates the first admin once and then is gone', async () => {
    // A store with no users: remove the ones this file made.
    await node.db.query('DELETE FROM users');
    const { ensureFirstAdmin } = await import('./service.js');
    const outcome = await ensureFirstAdmin(node.db, { homeOrganisationId: node.homeOrganisationId });
    expect(outcome.kind).toBe('setup_link');
    if (outcome.kind !== 'setup_link') return;
    const c = new Client(node.url);
    const body = { token: outcome.token, email: 'first@test.example', password: 'correct horse battery', fullName: 'First Admin' };
    const res = await c.post('/api/v1/auth/setup', body);
    expect(res.status).toBe(200);
    expect(res.body.user.nodeAdmin).toBe(true);
    const again = await new Client(node.url).post('/api/v1/auth/setup', { ...body, email: 'second@test.example' });
    expect(again.status).toBe(410);
    expect(await new Client(node.url).post('/api/v1/auth/setup', { ...body, token: 'setup_wrongwrongwrong' })).toMatchObject({
      status: 410,
    });
  });
});

describe('signing in again', () => {
  it('works while an old session cookie is present, without asking for its CSRF token', async () => {
    const u = await node.userWith([{ organisationId: node.homeOrganisationId, role: 'analyst' }]);
    const res = await u.request('POST', '/api/v1/auth/login', { email: u.email, password: u.password }, { 'x-csrf-token': '' });
    expect(res.status).toBe(200);
  });
});
