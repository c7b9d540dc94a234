/**
 * GET /api/v1/intel/recipients over real HTTP: the people an analyst may address a RED object to
 * (their organisation's network and the organisations sharing a community with it), with only what
 * picking a person takes, e-mail addresses only inside the caller's own organisations, paged and
 * searched in the database; and sharing RED refuses anyone the search would not offer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestNode, startTestNode } from '../../test/http.js';
import { TaxiiClient, indicator } from '../taxii/testing.js';

type User = Client & { email: string; password: string };
let node: TestNode;
let vn: string;
let jp: string;
let outsider: string;
let vnAnalyst: User;
let vnObserver: User;
let vnPeer: User;
let jpAnalyst: User;
let outsiderAnalyst: User;
let admin: User;
const ids = new Map<User, string>();

const recipients = (u: Client, query = '') => u.get(`/api/v1/intel/recipients${query}`);
const idOf = async (u: User) => {
  if (!ids.has(u)) ids.set(u, (await u.get('/api/v1/auth/me')).body.user.id);
  return ids.get(u) as string;
};

beforeAll(async () => {
  node = await startTestNode();
  [vn, jp] = [await node.orgId('cert:VN'), await node.orgId('cert:JP')];
  admin = await node.userWith([{ organisationId: vn, role: 'node_admin' }], 'root-admin@test.example');
  // An organisation in no community and under no one: outside Viet Nam's circle.
  const made = await admin.post('/api/v1/organisations', { name: 'Isolated Lab', type: 'other', countryCode: 'NZ' });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  outsider = made.body.id;
  vnAnalyst = await node.userWith([{ organisationId: vn, role: 'analyst' }], 'linh.analyst@vncert.example');
  vnObserver = await node.userWith([{ organisationId: vn, role: 'observer' }], 'quan.observer@vncert.example');
  vnPeer = await node.userWith([{ organisationId: vn, role: 'peer' }], 'peer-node@vncert.example');
  jpAnalyst = await node.userWith([{ organisationId: jp, role: 'analyst' }], 'haruto.sato@jpcert.example');
  outsiderAnalyst = await node.userWith([{ organisationId: outsider, role: 'analyst' }], 'hidden.person@lab.example');
  // Names that do not repeat the address (the fixture's default does), so searches by address show.
  await node.db.query(`UPDATE users SET full_name = 'Haruto Sato' WHERE email = 'haruto.sato@jpcert.example'`);
  await node.db.query(`UPDATE users SET full_name = 'Quan Observer' WHERE email = 'quan.observer@vncert.example'`);
});
afterAll(() => node?.close());

describe('recipients', () => {
  it("lists people of the caller's circle with their organisation, e-mail only inside the caller's organisations", async () => {
    const res = await recipients(vnAnalyst, '?limit=100');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const byId = new Map(res.body.items.map((p: any) => [p.id, p]));
    expect(byId.get(await idOf(jpAnalyst))).toEqual({
      id: await idOf(jpAnalyst),
      name: 'Haruto Sato',
      organisationId: jp,
      organisationName: expect.any(String),
      email: null,
    });
    expect(byId.get(await idOf(vnObserver))).toMatchObject({ organisationId: vn, email: 'quan.observer@vncert.example' });
    // Not people: another node's machine identity. Not in the circle: the isolated organisation.
    expect(byId.has(await idOf(vnPeer))).toBe(false);
    expect(byId.has(await idOf(outsiderAnalyst))).toBe(false);
    expect(JSON.stringify(res.body)).not.toContain('jpcert.example');
    for (const p of res.body.items) expect(Object.keys(p).sort()).toEqual(['email', 'id', 'name', 'organisationId', 'organisationName']);

    // Japan's analyst sees Viet Nam's people without their addresses.
    const fromJapan = await recipients(jpAnalyst, '?q=vncert');
    expect(fromJapan.status).toBe(200);
    expect(fromJapan.body.items.map((p: any) => p.email)).toEqual(fromJapan.body.items.map(() => null));
    // Node admins address anyone on the node.
    const all = await recipients(admin, '?q=hidden');
    expect(all.body.items.map((p: any) => p.id)).toEqual([await idOf(outsiderAnalyst)]);
    expect(all.body.items[0].email).toBe('hidden.person@lab.example');
  });

  it('searches by name and organisation in the database, by e-mail only where the address is shown, and pages', async () => {
    const byName = await recipients(vnAnalyst, '?q=HARUTO');
    expect(byName.body.items.map((p: any) => p.id)).toEqual([await idOf(jpAnalyst)]);
    // An address finds a person only where the caller may see it: a search must not confirm a hidden one.
    const hiddenAddress = await recipients(jpAnalyst, '?q=quan.observer%40vncert');
    expect(hiddenAddress.status).toBe(200);
    expect(hiddenAddress.body.items).toEqual([]);
    const ownAddress = await recipients(vnAnalyst, '?q=quan.observer%40vncert');
    expect(ownAddress.body.items.map((p: any) => p.id)).toEqual([await idOf(vnObserver)]);
    const byOrganisation = await recipients(vnAnalyst, '?q=Japan%20Computer');
    expect(byOrganisation.body.items.map((p: any) => p.id)).toEqual([await idOf(jpAnalyst)]);
    const literal = await recipients(vnAnalyst, `?q=${encodeURIComponent('%')}`);
    expect(literal.status).toBe(200);
    expect(literal.body.total).toBe(0);
    const underscore = await recipients(vnAnalyst, `?q=${encodeURIComponent('_')}`);
    expect(underscore.body.total).toBe(0);
    const injected = await recipients(vnAnalyst, `?q=${encodeURIComponent("' OR 1=1 --")}`);
    expect(injected.status).toBe(200);
    expect(injected.body.items).toEqual([]);

    const everyone = await recipients(vnAnalyst, '?limit=100');
    const total = everyone.body.total;
    expect(total).toBe(everyone.body.items.length);
    expect(total).toBeGreaterThanOrEqual(3);
    const pages = [];
    for (let offset = 0; offset < total; offset += 2) {
      const page = await recipients(vnAnalyst, `?limit=2&offset=${offset}`);
      expect(page.body).toMatchObject({ total, limit: 2, offset });
      pages.push(...page.body.items.map((p: any) => p.id));
    }
    expect(pages).toEqual(everyone.body.items.map((p: any) => p.id));
    const past = await recipients(vnAnalyst, `?offset=${total + 5}`);
    expect(past.body).toMatchObject({ items: [], total });
  });

  it('refuses bad queries and callers who do not share', async () => {
    for (const q of ['?limit=0', '?limit=101', '?limit=abc', '?offset=-1', `?q=${'x'.repeat(201)}`]) {
      const res = await recipients(vnAnalyst, q);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    expect((await fetch(`${node.url}/api/v1/intel/recipients`)).status).toBe(401);
    const observer = await recipients(vnObserver);
    expect(observer.status).toBe(403);
    expect(observer.body.error.code).toBe('forbidden');
    expect((await recipients(vnPeer)).status).toBe(403);
  });

  it('shares RED only with people the search offers', async () => {
    const collection = (await vnAnalyst.post('/api/v1/intel/collections', { title: 'Red notes' })).body.id;
    const red = indicator({ tlp: 'red', name: 'Named recipients only' });
    await TaxiiClient.basic(node.url, vnAnalyst.email, vnAnalyst.password).post(`/taxii2/real/collections/${collection}/objects/`, {
      objects: [red],
    });
    const path = `/api/v1/intel/objects/${red.id}/sharing`;
    const refused = await vnAnalyst.post(path, { userIds: [await idOf(jpAnalyst), await idOf(outsiderAnalyst)] });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([{ path: 'userIds.1', message: 'No such recipient' }]);
    expect((await vnAnalyst.post(path, { userIds: [await idOf(vnPeer)] })).status).toBe(400);
    // Nothing of the refused request was written.
    expect((await jpAnalyst.get(`/api/v1/intel/objects/${red.id}`)).status).toBe(404);
    const ok = await vnAnalyst.post(path, { userIds: [await idOf(jpAnalyst)] });
    expect(ok.status).toBe(200);
    expect((await jpAnalyst.get(`/api/v1/intel/objects/${red.id}`)).status).toBe(200);
    expect((await outsiderAnalyst.get(`/api/v1/intel/objects/${red.id}`)).status).toBe(404);
  });
});
