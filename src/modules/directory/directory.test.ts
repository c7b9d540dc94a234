import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestNode, startTestNode } from '../../test/http.js';

let node: TestNode;
let admin: Client;
let vn: string;
let jp: string;
beforeAll(async () => {
  node = await startTestNode();
  vn = await node.orgId('cert:VN');
  jp = await node.orgId('cert:JP');
  admin = await node.userWith([{ organisationId: vn, role: 'node_admin' }]);
});
afterAll(() => node?.close());

const auditCount = async () => (await node.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0].n;

describe('demo directory', () => {
  it('has the eleven national CERTs, the three communities and 200 Viet Nam drill sites', async () => {
    const certs = await admin.get('/api/v1/organisations?type=national_cert&limit=200');
    expect(certs.body.total).toBe(11);
    const communities = await admin.get('/api/v1/communities?sort=name');
    expect(communities.body.items.map((c: { name: string; memberCount: number }) => [c.name, c.memberCount])).toEqual([
      ['ADMM-Plus', 18],
      ['ASEAN', 10],
      ['ASEAN-Japan', 11],
    ]);
    const vnSites = await node.db.query<{ n: number }>("SELECT count(*)::int AS n FROM sites WHERE external_key LIKE 'vn:site:%'");
    expect(vnSites[0].n).toBe(200);
  });
});

describe('organisations', () => {
  it('pages, filters and sorts in the database', async () => {
    // Viet Nam's ministries have ASCII names, so the expected order does not depend on collation.
    const base = '/api/v1/organisations?countryCode=VN&type=ministry&sort=name';
    const first = await admin.get(`${base}&limit=8`);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(8);
    const second = await admin.get(`${base}&limit=8&offset=8`);
    const names = [...first.body.items, ...second.body.items].map((o: { name: string }) => o.name);
    expect(new Set(names).size).toBe(16);
    expect(names).toEqual([...names].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)));
    expect(first.body.total).toBe(18);
    expect(second.body.total).toBe(18);
    const last = await admin.get(`${base}&limit=1&offset=17`);
    // Past the last page no row carries the count; the total is still told.
    const beyond = await admin.get(`${base}&limit=8&offset=40`);
    expect(beyond.body).toMatchObject({ items: [], total: 18, offset: 40 });
    const sitesBeyond = await admin.get('/api/v1/sites?limit=5&offset=100000');
    expect(sitesBeyond.body.items).toEqual([]);
    expect(sitesBeyond.body.total).toBeGreaterThanOrEqual(200);
    const desc = await admin.get('/api/v1/organisations?countryCode=VN&type=ministry&sort=-name&limit=1');
    expect(desc.body.items[0].name).toBe(last.body.items[0].name);
    const search = await admin.get('/api/v1/organisations?q=jpcert');
    expect(search.body.items.map((o: { shortName: string }) => o.shortName)).toContain('JPCERT/CC');
  });

  it('creates, reads and edits, with an audit entry for each write', async () => {
    const before = await auditCount();
    const created = await admin.post('/api/v1/organisations', {
      name: 'Ministry of Testing',
      type: 'ministry',
      countryCode: 'VN',
      parentId: vn,
      sector: 'government',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Ministry of Testing', parentName: expect.any(String), countryCode: 'VN', siteCount: 0 });
    expect(created.body.stixIdentityId).toMatch(/^identity--[0-9a-f-]{36}$/);
    const got = await admin.get(`/api/v1/organisations/${created.body.id}`);
    expect(got.body.name).toBe('Ministry of Testing');
    const edited = await admin.patch(`/api/v1/organisations/${created.body.id}`, { shortName: 'MoT' });
    expect(edited.body.shortName).toBe('MoT');
    expect(await auditCount()).toBe(before + 2);
  });

  it('answers bad input with 400 and the field path, and writes nothing', async () => {
    const before = await auditCount();
    const cases: [unknown, string][] = [
      [{ name: '', type: 'ministry', countryCode: 'VN' }, 'name'],
      [{ name: 'X', type: 'bank', countryCode: 'VN' }, 'type'],
      [{ name: 'X', type: 'ministry', countryCode: 'vn' }, 'countryCode'],
      [{ name: 'X', type: 'ministry', countryCode: 'QQ' }, 'countryCode'],
      [{ name: 'X', type: 'ministry', countryCode: 'VN', parentId: 'not-a-uuid' }, 'parentId'],
      [{ name: 'X', type: 'ministry', countryCode: 'VN', parentId: '00000000-0000-4000-8000-000000000000' }, 'parentId'],
      [{ name: 'X', type: 'ministry', countryCode: 'VN', colour: 'red' }, ''],
      [{ name: 42, type: 'ministry', countryCode: 'VN' }, 'name'],
    ];
    for (const [body, path] of cases) {
      const res = await admin.post('/api/v1/organisations', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    expect(await auditCount()).toBe(before);
  });

  it('refuses to make an organisation its own ancestor', async () => {
    const child = await admin.post('/api/v1/organisations', { name: 'Child unit', type: 'agency', countryCode: 'VN', parentId: vn });
    const res = await admin.patch(`/api/v1/organisations/${vn}`, { parentId: child.body.id });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('parentId');
  });

  it('answers malformed JSON, wrong content type, oversize bodies and unknown ids', async () => {
    expect(
      (await admin.request('POST', '/api/v1/organisations', '{"name": ', { 'content-type': 'application/json' })).body.error.code,
    ).toBe('bad_request');
    const wrongType = await admin.request('POST', '/api/v1/organisations', 'name=x', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(wrongType.status).toBe(415);
    const huge = await admin.post('/api/v1/organisations', { name: 'x'.repeat(2 * 1024 * 1024), type: 'ministry', countryCode: 'VN' });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('payload_too_large');
    const missing = await admin.get('/api/v1/organisations/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: { code: 'not_found', message: 'Organisation not found' } });
    expect((await admin.get('/api/v1/organisations/nope')).status).toBe(400);
    expect((await admin.get('/api/v1/organisations?limit=100000')).status).toBe(400);
    expect((await admin.get('/api/v1/organisations?sort=name;DROP TABLE users')).status).toBe(200);
    expect((await admin.get('/api/v1/nothing-here')).status).toBe(404);
  });
});

describe('sites', () => {
  it('are created with a valid IANA time zone and filtered by country and mode', async () => {
    const created = await admin.post('/api/v1/sites', {
      organisationId: vn,
      name: 'Drill room B',
      city: 'Hà Nội',
      timeZone: 'Asia/Ho_Chi_Minh',
      mode: 'in_person',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ organisationName: expect.any(String), countryCode: 'VN', mode: 'in_person' });
    const bad = await admin.post('/api/v1/sites', { organisationId: vn, name: 'X', timeZone: 'Mars/Olympus', mode: 'online' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('timeZone');
    const list = await admin.get('/api/v1/sites?countryCode=JP&limit=200');
    expect(list.body.items.every((s: { countryCode: string }) => s.countryCode === 'JP')).toBe(true);
    const online = await admin.get('/api/v1/sites?mode=online&countryCode=VN&limit=1');
    expect(online.body.total).toBeGreaterThan(0);
    const found = await admin.get('/api/v1/sites?q=drill%20room%20b');
    expect(found.body.items.map((s: { id: string }) => s.id)).toContain(created.body.id);
  });
});

describe('people and points of contact are private to their organisation tree', () => {
  it('are visible inside, and do not exist (404) outside', async () => {
    const vnAdmin = await node.userWith([{ organisationId: vn, role: 'org_admin' }]);
    const jpAnalyst = await node.userWith([{ organisationId: jp, role: 'analyst' }]);
    const person = await vnAdmin.post('/api/v1/people', {
      organisationId: vn,
      fullName: 'Nguyễn Văn An',
      jobTitle: 'Duty officer',
      email: 'an@cert-vn.example',
    });
    expect(person.status).toBe(201);
    const poc = await vnAdmin.post('/api/v1/points-of-contact', {
      organisationId: vn,
      personId: person.body.id,
      label: 'Night desk',
      phone24x7: '+84 24 0000 0000',
      email: 'night@cert-vn.example',
    });
    expect(poc.status).toBe(201);
    expect((await jpAnalyst.get(`/api/v1/people/${person.body.id}`)).status).toBe(404);
    expect((await jpAnalyst.get(`/api/v1/points-of-contact/${poc.body.id}`)).status).toBe(404);
    const jpList = await jpAnalyst.get('/api/v1/points-of-contact?limit=200');
    expect(jpList.body.items.every((c: { countryCode: string }) => c.countryCode === 'JP')).toBe(true);
    expect((await jpAnalyst.patch(`/api/v1/people/${person.body.id}`, { fullName: 'x' })).status).toBe(404);
    // A member of a VN ministry under VNCERT/CC does not see VNCERT/CC's own people.
    const [ministry] = await node.db.query<{ id: string }>('SELECT id FROM organisations WHERE parent_id = $1 LIMIT 1', [vn]);
    const ministryUser = await node.userWith([{ organisationId: ministry.id, role: 'analyst' }]);
    expect((await ministryUser.get(`/api/v1/people/${person.body.id}`)).status).toBe(404);
    // But VNCERT/CC staff see their network's people.
    const vnAnalyst = await node.userWith([{ organisationId: vn, role: 'analyst' }]);
    expect((await vnAnalyst.get(`/api/v1/people/${person.body.id}`)).status).toBe(200);
    expect((await vnAnalyst.patch(`/api/v1/people/${person.body.id}`, { jobTitle: 'x' })).status).toBe(403);
  });

  it('refuses a point of contact whose person belongs elsewhere', async () => {
    const [other] = await node.db.query<{ id: string }>('SELECT id FROM people LIMIT 1');
    const res = await admin.post('/api/v1/points-of-contact', {
      organisationId: jp,
      personId: other.id,
      label: 'x',
      email: 'x@jp.example',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('personId');
  });
});

describe('communities', () => {
  it('are created with members and edited by node admins only', async () => {
    const created = await admin.post('/api/v1/communities', { name: 'Mekong', description: 'Mekong basin CERTs', memberIds: [vn] });
    expect(created.status).toBe(201);
    expect(created.body.members).toHaveLength(1);
    const th = await node.orgId('cert:TH');
    expect((await admin.put(`/api/v1/communities/${created.body.id}/members/${th}`)).body.memberCount).toBe(2);
    expect(
      (await admin.delete(`/api/v1/communities/${created.body.id}/members/${vn}`)).body.members.map((m: { id: string }) => m.id),
    ).toEqual([th]);
    const dup = await admin.post('/api/v1/communities', { name: 'mekong' });
    expect(dup.status).toBe(409);
    const unknownMember = await admin.post('/api/v1/communities', { name: 'Ghost', memberIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(unknownMember.status).toBe(400);
    expect((await admin.get('/api/v1/communities?q=ghost')).body.total).toBe(0);
  });
});
