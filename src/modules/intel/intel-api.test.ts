/**
 * The console's intelligence API over real HTTP: collections, creating objects (ownership and
 * marking set by the server), search and its filters, the object page (versions, relationships,
 * sharing, correlation hits, sightings per organisation and country) and sharing with its rules;
 * and `kizuna collection create`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db/index.js';
import { freshDb, storeKind } from '../../test/db.js';
import { type Client, type TestNode, startTestNode } from '../../test/http.js';
import { runKizuna } from '../../test/process.js';
import { TaxiiClient, indicator, malware, relationship, sighting } from '../taxii/testing.js';
import { tlpMarkingId } from './tlp.js';

type User = Client & { email: string; password: string };
let node: TestNode;
let vn: string;
let jp: string;
let th: string;
let vnAnalyst: User;
let vnObserver: User;
let jpAnalyst: User;
let thAnalyst: User;
let collection: string;
let identities: Record<string, string>;

const taxii = (u: User) => TaxiiClient.basic(node.url, u.email, u.password);
const post = (u: User, objects: unknown[], c = collection) => taxii(u).post(`/taxii2/real/collections/${c}/objects/`, { objects });

beforeAll(async () => {
  node = await startTestNode();
  [vn, jp, th] = [await node.orgId('cert:VN'), await node.orgId('cert:JP'), await node.orgId('cert:TH')];
  vnAnalyst = await node.userWith([{ organisationId: vn, role: 'analyst' }]);
  vnObserver = await node.userWith([{ organisationId: vn, role: 'observer' }]);
  jpAnalyst = await node.userWith([{ organisationId: jp, role: 'analyst' }]);
  thAnalyst = await node.userWith([{ organisationId: th, role: 'analyst' }]);
  const admin = await node.userWith([{ organisationId: vn, role: 'node_admin' }]);
  collection = (await vnAnalyst.post('/api/v1/intel/collections', { title: 'Shared feed' })).body.id;
  for (const org of [jp, th]) {
    await admin.request('PUT', `/api/v1/intel/collections/${collection}/access/${org}`, { canRead: true, canWrite: true });
  }
  identities = {};
  for (const [key, id] of Object.entries({ vn, jp, th }))
    identities[key] = (await admin.get(`/api/v1/organisations/${id}`)).body.stixIdentityId;
});
afterAll(() => node?.close());

describe('collections', () => {
  it('creates collections for analysts, lists them per API root, and refuses others', async () => {
    const created = await vnAnalyst.post('/api/v1/intel/collections', { title: 'Drill intel', apiRoot: 'exercise', alias: 'drill-intel' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      apiRoot: 'exercise',
      title: 'Drill intel',
      alias: 'drill-intel',
      canRead: true,
      canWrite: true,
      ownerOrganisationId: vn,
    });
    const real = await vnAnalyst.get('/api/v1/intel/collections');
    expect(real.body.items.map((c: any) => c.id)).toContain(collection);
    expect(real.body.items.map((c: any) => c.id)).not.toContain(created.body.id);
    expect((await vnAnalyst.get('/api/v1/intel/collections?apiRoot=exercise')).body.items.map((c: any) => c.id)).toEqual([created.body.id]);
    expect((await vnObserver.post('/api/v1/intel/collections', { title: 'No' })).status).toBe(403);
    expect((await vnAnalyst.post('/api/v1/intel/collections', { title: '' })).status).toBe(400);
    expect(
      (await vnAnalyst.request('PUT', `/api/v1/intel/collections/${collection}/access/${th}`, { canRead: true, canWrite: true })).status,
    ).toBe(403);
  });
});

describe('creating objects through the API', () => {
  it("stamps the organisation's identity and the TLP marking, and stores it like any other object", async () => {
    const res = await vnAnalyst.post('/api/v1/intel/objects', {
      collectionId: collection,
      tlp: 'green',
      object: {
        type: 'indicator',
        name: 'VPN gateway scanner',
        pattern: "[ipv4-addr:value = '203.0.113.7']",
        pattern_type: 'stix',
        valid_from: '2026-03-01T00:00:00Z',
        object_marking_refs: [tlpMarkingId.red],
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ type: 'indicator', tlp: 'green', ownerOrganisationId: vn, canShare: true });
    const object = res.body.versions[0].object;
    expect(object.created_by_ref).toBe(identities.vn);
    expect(object.object_marking_refs).toEqual([tlpMarkingId.green]);
    expect(object.id).toMatch(/^indicator--[0-9a-f-]{36}$/);
    // GREEN reaches the owner's communities: Japan shares ASEAN-Japan with Viet Nam.
    expect((await jpAnalyst.get(`/api/v1/intel/objects/${object.id}`)).status).toBe(200);
    const viaTaxii = await taxii(jpAnalyst).get(`/taxii2/real/collections/${collection}/objects/${object.id}/`);
    expect(viaTaxii.body.objects[0].id).toBe(object.id);
  });

  it('refuses invalid objects with the path of the problem, and callers who may not write', async () => {
    const bad = await vnAnalyst.post('/api/v1/intel/objects', {
      collectionId: collection,
      object: { type: 'indicator', pattern: "[ipv4-addr:value = '1.2.3.4'", pattern_type: 'stix', valid_from: '2026-03-01T00:00:00Z' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: any) => d.path)).toContain('object.pattern');
    expect(bad.body.error.details.find((d: any) => d.path === 'object.pattern').message).toMatch(/column/);
    const observer = await vnObserver.post('/api/v1/intel/objects', { collectionId: collection, object: malware() });
    expect(observer.status).toBe(403);
    const missing = await vnAnalyst.post('/api/v1/intel/objects', {
      collectionId: '00000000-0000-4000-8000-000000000000',
      object: malware(),
    });
    expect(missing.status).toBe(404);
    expect((await vnAnalyst.post('/api/v1/intel/objects', { collectionId: collection, object: { name: 'no type' } })).status).toBe(400);
  });
});

describe('search', () => {
  const tag = `search-${Date.now()}`;
  let ids: Record<string, string>;
  beforeAll(async () => {
    const a = indicator({ name: `${tag} alpha`, tlp: 'green', createdBy: identities.vn, modified: '2026-04-01T00:00:00.000Z' });
    const b = indicator({ name: `${tag} bravo`, tlp: 'amber', createdBy: identities.vn, modified: '2026-05-01T00:00:00.000Z' });
    const c = malware({ name: `${tag} charlie`, tlp: 'clear', createdBy: identities.jp });
    const d = indicator({ name: `${tag} delta`, tlp: 'red', createdBy: identities.jp });
    expect((await post(vnAnalyst, [a, b])).body.success_count).toBe(2);
    expect((await post(jpAnalyst, [c, d])).body.success_count).toBe(2);
    ids = { a: a.id as string, b: b.id as string, c: c.id as string, d: d.id as string };
  });

  const names = (res: { body: any }) => res.body.items.map((i: any) => i.name.replace(`${tag} `, '')).sort();

  it('finds what the reader may read, by text, type, TLP, organisation, community and date', async () => {
    expect(names(await vnAnalyst.get(`/api/v1/intel/objects?q=${tag}`))).toEqual(['alpha', 'bravo', 'charlie']);
    expect(names(await jpAnalyst.get(`/api/v1/intel/objects?q=${tag}`))).toEqual(['alpha', 'charlie', 'delta']);
    expect(names(await thAnalyst.get(`/api/v1/intel/objects?q=${tag}`))).toEqual(['alpha', 'charlie']);
    expect(names(await vnAnalyst.get(`/api/v1/intel/objects?q=${tag}&type=malware`))).toEqual(['charlie']);
    expect(names(await vnAnalyst.get(`/api/v1/intel/objects?q=${tag}&tlp=amber`))).toEqual(['bravo']);
    expect(names(await vnAnalyst.get(`/api/v1/intel/objects?q=${tag}&organisation=${jp}`))).toEqual(['charlie']);
    const communities = (await vnAnalyst.get('/api/v1/communities?q=ASEAN-Japan')).body.items;
    const aseanJapan = communities.find((c: any) => c.name === 'ASEAN-Japan').id;
    expect(names(await vnAnalyst.get(`/api/v1/intel/objects?q=${tag}&community=${aseanJapan}`))).toEqual(['alpha']);
    expect(names(await vnAnalyst.get(`/api/v1/intel/objects?q=${tag}&from=2026-04-15T00:00:00Z&to=2026-05-31T00:00:00Z`))).toEqual([
      'bravo',
    ]);
    const item = (await vnAnalyst.get(`/api/v1/intel/objects?q=${tag}%20alpha`)).body.items[0];
    expect(item).toMatchObject({
      id: ids.a,
      type: 'indicator',
      tlp: 'green',
      ownerOrganisationId: vn,
      ownerOrganisationName: expect.any(String),
      exercise: false,
    });
  });

  it('pages and sorts in the database', async () => {
    const first = await vnAnalyst.get(`/api/v1/intel/objects?q=${tag}&sort=name&limit=2`);
    expect(first.body).toMatchObject({ total: 3, limit: 2, offset: 0 });
    const second = await vnAnalyst.get(`/api/v1/intel/objects?q=${tag}&sort=name&limit=2&offset=2`);
    expect([...names(first), ...names(second)]).toEqual(['alpha', 'bravo', 'charlie']);
    expect(second.body.total).toBe(3);
    expect((await vnAnalyst.get(`/api/v1/intel/objects?q=${tag}&sort=name&offset=10`)).body).toMatchObject({ items: [], total: 3 });
    expect((await vnAnalyst.get('/api/v1/intel/objects?tlp=purple')).status).toBe(400);
    expect((await vnAnalyst.get('/api/v1/intel/objects?from=yesterday')).status).toBe(400);
    expect((await new (vnAnalyst.constructor as typeof Client)(node.url).get('/api/v1/intel/objects')).status).toBe(401);
  });
});

describe('the object page', () => {
  it('shows versions, relationships, correlation hits and sightings, each within what the reader may read', async () => {
    const ip = '198.51.100.23';
    const mine = indicator({ value: ip, tlp: 'amber', createdBy: identities.vn, name: 'C2 address' });
    const newer = { ...mine, modified: '2026-06-01T00:00:00.000Z', name: 'C2 address (confirmed)' };
    const family = malware({ tlp: 'clear', createdBy: identities.vn });
    const rel = relationship(mine.id as string, family.id as string, { tlp: 'clear', createdBy: identities.vn });
    await post(vnAnalyst, [mine, family, rel]);
    await post(vnAnalyst, [newer]);
    // Same address: Japan's GREEN indicator is visible to Viet Nam; Thailand's RED one is not.
    const jpSame = indicator({ value: ip, tlp: 'green', createdBy: identities.jp, name: 'JP sees it too' });
    const thSecret = indicator({ value: ip, tlp: 'red', createdBy: identities.th, name: 'TH secret' });
    await post(jpAnalyst, [jpSame]);
    await post(thAnalyst, [thSecret]);
    await post(vnAnalyst, [
      sighting(mine.id as string, { createdBy: identities.vn, count: 3, tlp: 'amber' }),
      sighting(mine.id as string, { createdBy: identities.vn, tlp: 'amber' }),
    ]);
    await post(jpAnalyst, [sighting(mine.id as string, { createdBy: identities.jp, count: 5, tlp: 'clear' })]);
    await post(thAnalyst, [sighting(mine.id as string, { createdBy: identities.th, count: 7, tlp: 'red' })]);

    const page = await vnAnalyst.get(`/api/v1/intel/objects/${mine.id}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({
      id: mine.id,
      name: 'C2 address (confirmed)',
      tlp: 'amber',
      markingRefs: [tlpMarkingId.amber],
      ownerOrganisationId: vn,
    });
    expect(page.body.versions.map((v: any) => v.object.name)).toEqual(['C2 address (confirmed)', 'C2 address']);
    expect(page.body.relationships).toEqual([
      expect.objectContaining({ id: rel.id, relationshipType: 'indicates', sourceRef: mine.id, targetRef: family.id, tlp: 'clear' }),
    ]);
    expect(page.body.correlations).toEqual([
      { id: jpSame.id, type: 'indicator', name: 'JP sees it too', tlp: 'green', matches: [{ kind: 'ipv4', value: ip }] },
    ]);
    expect(page.body.sightings.total).toBe(3);
    const byOrg = Object.fromEntries(
      page.body.sightings.byOrganisation.map((s: any) => [s.organisationId, [s.sightings, s.count, s.countryCode]]),
    );
    expect(byOrg).toEqual({ [vn]: [2, 4, 'VN'], [jp]: [1, 5, 'JP'] });
    expect(page.body.sightings.byCountry).toEqual(
      expect.arrayContaining([
        { countryCode: 'VN', sightings: 2, count: 4 },
        { countryCode: 'JP', sightings: 1, count: 5 },
      ]),
    );

    // Japan may not read Viet Nam's AMBER indicator: the page does not exist for them.
    expect((await jpAnalyst.get(`/api/v1/intel/objects/${mine.id}`)).status).toBe(404);
    // Thailand reads its own RED indicator: its hits include Japan's GREEN one, never Viet Nam's AMBER one.
    const thPage = await thAnalyst.get(`/api/v1/intel/objects/${thSecret.id}`);
    expect(thPage.status).toBe(200);
    expect(thPage.body.correlations.map((c: any) => c.id)).toEqual([jpSame.id]);
    // Japan's page of its own indicator shows no hit at all: both others are out of its reach.
    expect((await jpAnalyst.get(`/api/v1/intel/objects/${jpSame.id}`)).body.correlations).toEqual([]);
    expect((await vnAnalyst.get('/api/v1/intel/objects/not-an-id')).status).toBe(400);
    expect((await vnAnalyst.get('/api/v1/intel/objects/indicator--00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});

describe('sharing', () => {
  it('lets the owner share further, audited, and nobody else', async () => {
    const secret = indicator({ tlp: 'amber', createdBy: identities.vn, name: 'Addressed to Japan' });
    await post(vnAnalyst, [secret]);
    const path = `/api/v1/intel/objects/${secret.id}`;
    expect((await jpAnalyst.get(path)).status).toBe(404);
    expect((await jpAnalyst.post(`${path}/sharing`, { organisationIds: [jp] })).status).toBe(404);
    expect((await vnObserver.post(`${path}/sharing`, { organisationIds: [jp] })).status).toBe(403);
    expect((await vnAnalyst.post(`${path}/sharing`, {})).status).toBe(400);
    expect((await vnAnalyst.post(`${path}/sharing`, { communityIds: ['00000000-0000-4000-8000-000000000000'] })).status).toBe(400);
    expect((await vnAnalyst.post(`${path}/sharing`, { userIds: ['00000000-0000-4000-8000-000000000000'] })).status).toBe(400);

    const shared = await vnAnalyst.post(`${path}/sharing`, { organisationIds: [jp] });
    expect(shared.status).toBe(200);
    expect(shared.body.organisations).toEqual([{ id: jp, name: expect.any(String) }]);
    const jpView = await jpAnalyst.get(path);
    expect(jpView.status).toBe(200);
    expect(jpView.body.canShare).toBe(false);
    expect((await jpAnalyst.post(`${path}/sharing`, { organisationIds: [th] })).status).toBe(403);
    expect((await thAnalyst.get(path)).status).toBe(404);
    const audit = await node.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'intel.share' AND target_id = $1`,
      [secret.id],
    );
    expect(audit[0].n).toBe(1);
  });

  it("reaches only the sharer's own versions: another organisation's version of the same id shares nothing of the owner's", async () => {
    const jpFeed = (await jpAnalyst.post('/api/v1/intel/collections', { title: 'JP own feed' })).body.id;
    const secret = indicator({ tlp: 'amber', createdBy: identities.vn, name: 'VN secret' });
    await post(vnAnalyst, [secret]);
    // JP stores its own, later version of VN's id in its own collection and shares "the object" with itself.
    const copy = { ...secret, modified: '2026-06-01T00:00:00.000Z', name: 'JP copy', created_by_ref: identities.jp };
    expect((await post(jpAnalyst, [copy], jpFeed)).body.success_count).toBe(1);
    const path = `/api/v1/intel/objects/${secret.id}`;
    expect((await jpAnalyst.post(`${path}/sharing`, { organisationIds: [jp, th] })).status).toBe(200);
    const seen = await jpAnalyst.get(path);
    expect(seen.status).toBe(200);
    expect(seen.body.versions.map((v: any) => v.object.name)).toEqual(['JP copy']);
    const feed = await taxii(jpAnalyst).get(`/taxii2/real/collections/${collection}/objects/${secret.id}/`);
    expect(feed.status).toBe(404);
    expect((await taxii(thAnalyst).get(`/taxii2/real/collections/${collection}/objects/${secret.id}/`)).status).toBe(404);
    // VN still shares its own versions, and its sharing does not carry JP's version to VN's addressees.
    expect((await vnAnalyst.post(`${path}/sharing`, { organisationIds: [th] })).status).toBe(200);
    const thView = await thAnalyst.get(path);
    expect(thView.body.versions.map((v: any) => v.object.name).sort()).toEqual(['JP copy', 'VN secret']);
    expect((await vnAnalyst.get(path)).body.versions.map((v: any) => v.object.name)).toEqual(['VN secret']);
  });

  it('makes an organisation the owner through created_by_ref only for writers who act for it', async () => {
    const claimed = indicator({ tlp: 'amber', createdBy: identities.vn, name: 'Claims to be VN' });
    await post(jpAnalyst, [claimed]);
    const [row] = await node.db.query<{ owner_organisation_id: string }>(
      'SELECT owner_organisation_id FROM intel_objects WHERE stix_id = $1',
      [claimed.id],
    );
    expect(row.owner_organisation_id).toBe(jp);
    // So VN's analysts neither read it as their own nor share it; JP's do.
    expect((await vnAnalyst.get(`/api/v1/intel/objects/${claimed.id}`)).status).toBe(404);
    expect((await jpAnalyst.get(`/api/v1/intel/objects/${claimed.id}`)).body.canShare).toBe(true);
  });

  it('addresses RED to people', async () => {
    const red = indicator({ tlp: 'red', createdBy: identities.vn, name: 'For named people' });
    await post(vnAnalyst, [red]);
    const path = `/api/v1/intel/objects/${red.id}`;
    // RED goes to the person who shared it, not to their organisation.
    expect((await vnAnalyst.get(path)).status).toBe(200);
    expect((await vnObserver.get(path)).status).toBe(404);
    const me = await jpAnalyst.get('/api/v1/auth/me');
    expect((await vnAnalyst.post(`${path}/sharing`, { userIds: [me.body.user.id] })).status).toBe(200);
    expect((await jpAnalyst.get(path)).status).toBe(200);
    expect((await jpAnalyst.get(path)).body.sharing.people).toEqual(
      expect.arrayContaining([{ id: me.body.user.id, name: me.body.user.fullName }]),
    );
  });
});

describe('kizuna collection create', () => {
  it('prints the new collection id and gives the organisation read and write', async () => {
    // The command opens a store of its own, as an operator's would: a PGlite folder or a PostgreSQL database.
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kizuna-collection-'));
    const pg = storeKind === 'postgres' ? await freshDb() : undefined;
    const env: Record<string, string> = pg ? { DATABASE_URL: pg.url as string } : { KIZUNA_DATA_DIR: path.join(dir, 'data') };
    try {
      // A store the command makes itself: it holds the directory once `kizuna demo` has loaded it.
      expect((await runKizuna(['demo'], env)).code).toBe(0);
      const real = await runKizuna(['collection', 'create', '--title', 'Daily feed'], env);
      expect(real.code, real.stderr).toBe(0);
      expect(real.stdout).toMatch(/^[0-9a-f-]{36}\n$/);
      const drill = await runKizuna(['collection', 'create', '--title', 'Drill feed', '--api-root', 'exercise', '--org', 'cert:JP'], env);
      expect(drill.code, drill.stderr).toBe(0);
      const bad = await runKizuna(['collection', 'create', '--title', 'X', '--api-root', 'imaginary'], env);
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toMatch(/Unknown API root/);
      const db = pg ? pg.db : await openDb({ dataDir: path.join(dir, 'data') });
      try {
        const rows = await db.query<{ id: string; api_root: string; key: string; can_read: boolean; can_write: boolean }>(
          `SELECT c.id, c.api_root, o.external_key AS key, a.can_read, a.can_write FROM intel_collections c
             JOIN organisations o ON o.id = c.owner_organisation_id
             JOIN intel_collection_access a ON a.collection_id = c.id AND a.organisation_id = o.id ORDER BY c.created_at`,
        );
        expect(rows).toEqual([
          { id: real.stdout.trim(), api_root: 'real', key: 'cert:VN', can_read: true, can_write: true },
          { id: drill.stdout.trim(), api_root: 'exercise', key: 'cert:JP', can_read: true, can_write: true },
        ]);
      } finally {
        if (!pg) await db.close();
      }
    } finally {
      await pg?.drop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
