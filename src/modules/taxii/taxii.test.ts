/**
 * The TAXII 2.1 server over real HTTP, endpoint by endpoint: discovery, API roots, collections,
 * objects (GET, POST), one object (GET, DELETE), versions, manifest and status; every filter;
 * content negotiation; TAXII errors (401, 403 vs 404, 406, 413, 415, 400); drill data apart.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestNode, startTestNode } from '../../test/http.js';
import { TAXII_MEDIA } from './media.js';
import { TaxiiClient, indicator, malware } from './testing.js';

let node: TestNode;
let vn: string;
let jp: string;
let owner: TaxiiClient;
let ownerWeb: Client & { email: string; password: string };
let observer: TaxiiClient;
let jpWriter: TaxiiClient;
let jpReader: TaxiiClient;
let admin: TaxiiClient;
let feed: string;
let readOnly: string;
let drill: string;

async function tokenClient(web: Client): Promise<TaxiiClient> {
  const created = await web.post('/api/v1/tokens', { name: 'taxii' });
  expect(created.status).toBe(201);
  return TaxiiClient.bearer(web.url, created.body.token);
}

const objectsPath = (c: string, root = 'real') => `/taxii2/${root}/collections/${c}/objects/`;

beforeAll(async () => {
  node = await startTestNode();
  vn = await node.orgId('cert:VN');
  jp = await node.orgId('cert:JP');
  ownerWeb = await node.userWith([{ organisationId: vn, role: 'analyst' }]);
  owner = await tokenClient(ownerWeb);
  observer = await tokenClient(await node.userWith([{ organisationId: vn, role: 'observer' }]));
  const jpAnalyst = await node.userWith([{ organisationId: jp, role: 'analyst' }]);
  jpWriter = await tokenClient(jpAnalyst);
  jpReader = jpWriter;
  admin = await tokenClient(await node.userWith([{ organisationId: vn, role: 'node_admin' }]));
  const vnAdmin = await node.userWith([{ organisationId: vn, role: 'org_admin' }]);

  feed = (await ownerWeb.post('/api/v1/intel/collections', { title: 'VN feed', description: 'Daily indicators' })).body.id;
  readOnly = (await ownerWeb.post('/api/v1/intel/collections', { title: 'VN bulletins' })).body.id;
  drill = (await ownerWeb.post('/api/v1/intel/collections', { title: 'Drill feed', apiRoot: 'exercise' })).body.id;
  // JP may read and write the feed (but owns nothing in it) and only read the bulletins.
  expect((await vnAdmin.request('PUT', `/api/v1/intel/collections/${feed}/access/${jp}`, { canRead: true, canWrite: true })).status).toBe(
    204,
  );
  expect(
    (await vnAdmin.request('PUT', `/api/v1/intel/collections/${readOnly}/access/${jp}`, { canRead: true, canWrite: false })).status,
  ).toBe(204);
});
afterAll(() => node?.close());

function expectTaxiiError(res: { status: number; body: any; headers: Headers }, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe(TAXII_MEDIA);
  expect(res.body).toMatchObject({ title: expect.any(String), http_status: String(status) });
}

describe('discovery and API roots', () => {
  it('answers discovery with both API roots, real by default', async () => {
    const res = await owner.get('/taxii2/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(TAXII_MEDIA);
    expect(res.body).toMatchObject({
      title: expect.any(String),
      default: '/taxii2/real/',
      api_roots: ['/taxii2/real/', '/taxii2/exercise/'],
    });
  });

  it('describes each API root and 404s an unknown one', async () => {
    for (const root of ['real', 'exercise']) {
      const res = await owner.get(`/taxii2/${root}/`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ versions: [TAXII_MEDIA], max_content_length: 10 * 1024 * 1024 });
    }
    expectTaxiiError(await owner.get('/taxii2/fake/'), 404);
    expectTaxiiError(await owner.get('/taxii2/fake/collections/'), 404);
    expectTaxiiError(await owner.get('/taxii2/real/no/such/path/'), 404);
  });
});

describe('authentication', () => {
  const challenges = 'Basic realm="kizuna", charset="UTF-8", Bearer realm="kizuna"';

  it('answers 401 with Basic and Bearer challenges in TAXII format', async () => {
    for (const res of [
      await new TaxiiClient(node.url).get('/taxii2/'),
      await new TaxiiClient(node.url).get(`${objectsPath(feed)}?limit=bad`),
      await TaxiiClient.basic(node.url, ownerWeb.email, 'wrong password!').get('/taxii2/'),
      await TaxiiClient.bearer(node.url, 'kzt_not-a-token').get('/taxii2/'),
    ]) {
      expectTaxiiError(res, 401);
      expect(res.headers.get('www-authenticate')).toBe(challenges);
    }
  });

  it('authenticates before it validates, negotiates or reads a body', async () => {
    const body = JSON.stringify({ objects: [indicator()] });
    for (const client of [
      new TaxiiClient(node.url),
      TaxiiClient.basic(node.url, 'nobody@test.example', 'wrong password!'),
      TaxiiClient.bearer(node.url, 'kzt_not-a-token'),
    ]) {
      expectTaxiiError(await client.get(`${objectsPath(feed)}?limit=bad`), 401);
      expectTaxiiError(await client.get('/taxii2/real/collections/', { accept: 'text/html' }), 401);
      expectTaxiiError(await client.post(objectsPath(feed), body, { 'content-type': 'text/plain' }), 401);
    }
    // A wrong token never gets its body parsed: not malformed JSON, nor one above max_content_length.
    const badToken = TaxiiClient.bearer(node.url, 'kzt_not-a-token');
    expectTaxiiError(await badToken.post(objectsPath(feed), '{"objects": ['), 401);
    expectTaxiiError(await badToken.post(objectsPath(feed), `{"objects":[],"x":"${'a'.repeat(11 * 1024 * 1024)}"}`), 401);
  });

  it('takes HTTP Basic with a password or a token, and Bearer tokens', async () => {
    expect((await TaxiiClient.basic(node.url, ownerWeb.email, ownerWeb.password).get('/taxii2/real/collections/')).status).toBe(200);
    const token = (await ownerWeb.post('/api/v1/tokens', { name: 'basic' })).body.token;
    expect((await TaxiiClient.basic(node.url, ownerWeb.email, token).get('/taxii2/real/collections/')).status).toBe(200);
    expect((await TaxiiClient.bearer(node.url, token).get('/taxii2/real/collections/')).status).toBe(200);
  });

  it('serves discovery at /taxii2 without the trailing slash too', async () => {
    const res = await owner.get('/taxii2');
    expect(res.status).toBe(200);
    expect(res.body.api_roots).toEqual(['/taxii2/real/', '/taxii2/exercise/']);
    expectTaxiiError(await new TaxiiClient(node.url).get('/taxii2'), 401);
  });

  it('keeps the console session rules: a cookie reads, and writes need the CSRF token', async () => {
    const cookie = ownerWeb.cookie as string;
    const asConsole = new TaxiiClient(node.url);
    expect((await asConsole.get('/taxii2/real/collections/', { cookie })).status).toBe(200);
    const body = { objects: [indicator()] };
    expectTaxiiError(await asConsole.post(objectsPath(feed), body, { cookie }), 403);
    expect((await asConsole.post(objectsPath(feed), body, { cookie, 'x-csrf-token': ownerWeb.csrf as string })).status).toBe(202);
  });
});

describe('content negotiation', () => {
  it('serves TAXII 2.1 media types and */*, and refuses others with 406', async () => {
    const path = '/taxii2/real/collections/';
    for (const accept of [
      TAXII_MEDIA,
      'application/taxii+json',
      '*/*',
      'application/taxii+json; version=2.1',
      'application/taxii+json;version="2.1"',
      'text/html, application/taxii+json;q=0.5',
      'application/taxii+json;version=2.0, application/taxii+json;version=2.1;q=0.2',
      'text/html, */*;q=0.1',
    ]) {
      expect((await owner.get(path, { accept })).status, accept).toBe(200);
    }
    for (const accept of [
      'application/json',
      'application/taxii+json;version=2.0',
      'text/html',
      'application/stix+json;version=2.1',
      `${TAXII_MEDIA};q=0`,
      // The most specific range decides (RFC 9110 12.5.1): TAXII refused, whatever the wildcards allow.
      'application/taxii+json;q=0, */*',
      'application/taxii+json;version=2.1;q=0, application/*;q=0.5',
    ]) {
      expectTaxiiError(await owner.get(path, { accept }), 406);
    }
    // The objects endpoints answer TAXII envelopes too: asking only for STIX is not acceptable there either.
    for (const accept of ['application/stix+json;version=2.1', 'application/stix+json']) {
      expectTaxiiError(await owner.get(objectsPath(feed), { accept }), 406);
      expectTaxiiError(await owner.get(`${objectsPath(feed)}indicator--00000000-0000-4000-8000-000000000000/`, { accept }), 406);
    }
  });

  it('takes POSTs as application/taxii+json, 2.1 or without a version (415 otherwise)', async () => {
    const body = () => JSON.stringify({ objects: [indicator()] });
    for (const type of ['application/json', 'application/taxii+json;version=2.0', 'application/stix+json;version=2.1', 'text/plain']) {
      expectTaxiiError(await owner.post(objectsPath(feed), body(), { 'content-type': type }), 415);
    }
    const bare = await fetch(`${node.url}${objectsPath(feed)}`, {
      method: 'POST',
      headers: { authorization: owner.authorization as string, accept: TAXII_MEDIA },
      body: new Blob([body()]),
    });
    expect(bare.headers.get('content-type')).toBe(TAXII_MEDIA);
    expect(bare.status).toBe(415);
    // TAXII 2.1 (1.6.8): without a version parameter the latest version the server supports is meant.
    for (const type of ['application/taxii+json; version=2.1', 'application/taxii+json', 'application/TAXII+json; charset=utf-8']) {
      expect((await owner.post(objectsPath(feed), body(), { 'content-type': type })).status, type).toBe(202);
    }
  });

  it('refuses bodies above max_content_length with 413, and malformed JSON with 400', async () => {
    const huge = JSON.stringify({ objects: [{ ...indicator(), description: 'x'.repeat(10 * 1024 * 1024 + 10) }] });
    expectTaxiiError(await owner.post(objectsPath(feed), huge), 413);
    expectTaxiiError(await owner.post(objectsPath(feed), '{"objects": ['), 400);
    expectTaxiiError(await owner.post(objectsPath(feed), { objects: 'none' }), 400);
    expectTaxiiError(await owner.post(objectsPath(feed), { more: false }), 400);
  });
});

describe('collections', () => {
  it('lists what the caller may read or write, with their rights', async () => {
    const mine = await owner.get('/taxii2/real/collections/');
    expect(mine.status).toBe(200);
    const byId = Object.fromEntries(mine.body.collections.map((c: any) => [c.id, c]));
    expect(byId[feed]).toMatchObject({
      title: 'VN feed',
      description: 'Daily indicators',
      can_read: true,
      can_write: true,
      media_types: ['application/stix+json;version=2.1'],
    });
    expect(byId[drill]).toBeUndefined();
    const seen = await observer.get(`/taxii2/real/collections/${feed}/`);
    expect(seen.body).toMatchObject({ id: feed, can_read: true, can_write: false });
    const jpView = await jpReader.get(`/taxii2/real/collections/${readOnly}/`);
    expect(jpView.body).toMatchObject({ can_read: true, can_write: false });
  });

  it('keeps the exercise root apart from the real one', async () => {
    expect((await owner.get('/taxii2/exercise/collections/')).body.collections.map((c: any) => c.id)).toEqual([drill]);
    expectTaxiiError(await owner.get(`/taxii2/real/collections/${drill}/`), 404);
    expectTaxiiError(await owner.get(objectsPath(drill)), 404);
    const posted = await owner.post(objectsPath(drill, 'exercise'), { objects: [indicator({ name: 'Exercise only' })] });
    expect(posted.status).toBe(202);
    const search = await ownerWeb.get('/api/v1/intel/objects?q=Exercise%20only');
    expect(search.body.total).toBe(0);
    const drillSearch = await ownerWeb.get('/api/v1/intel/objects?q=Exercise%20only&apiRoot=exercise');
    expect(drillSearch.body.items).toEqual([expect.objectContaining({ exercise: true, collectionId: drill })]);
  });

  it('answers 404 for collections the caller has no right to or that do not exist, 403 for a missing right', async () => {
    const stranger = await tokenClient(await node.userWith([{ organisationId: await node.orgId('cert:TH'), role: 'analyst' }]));
    expect((await stranger.get('/taxii2/real/collections/')).body).toEqual({});
    expectTaxiiError(await stranger.get(`/taxii2/real/collections/${feed}/`), 404);
    expectTaxiiError(await stranger.get(objectsPath(feed)), 404);
    expectTaxiiError(await stranger.post(objectsPath(feed), { objects: [indicator()] }), 404);
    expectTaxiiError(await owner.get('/taxii2/real/collections/00000000-0000-4000-8000-000000000000/'), 404);
    expectTaxiiError(await owner.get('/taxii2/real/collections/not-a-uuid/objects/'), 404);
    expectTaxiiError(await observer.post(objectsPath(feed), { objects: [indicator()] }), 403);
    expectTaxiiError(await jpReader.post(objectsPath(readOnly), { objects: [indicator()] }), 403);
  });
});

describe('adding objects and status', () => {
  it('stores the valid objects, reports each failure, and keeps the status for the requester', async () => {
    const good = [indicator({ tlp: 'green' }), malware({ tlp: 'clear' })];
    const res = await owner.post(objectsPath(feed), { objects: [...good, { type: 'indicator', id: 'indicator--nope' }, 'not an object'] });
    expect(res.status).toBe(202);
    expect(res.headers.get('content-type')).toBe(TAXII_MEDIA);
    expect(res.body).toMatchObject({ status: 'complete', total_count: 4, success_count: 2, failure_count: 2, pending_count: 0 });
    expect(res.body.successes.map((s: any) => s.id)).toEqual(good.map((o) => o.id));
    expect(res.body.successes[0]).toEqual({ id: good[0].id, version: '2026-01-01T00:00:00.000000Z' });
    expect(res.body.failures[0]).toMatchObject({ id: 'indicator--nope', message: expect.stringMatching(/id/) });
    expect(res.body.failures[1].message).toMatch(/object/);
    expect(res.body.request_timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);

    const status = await owner.get(`/taxii2/real/status/${res.body.id}/`);
    expect(status.status).toBe(200);
    expect(status.body).toEqual(res.body);
    expectTaxiiError(await observer.get(`/taxii2/real/status/${res.body.id}/`), 404);
    expect((await admin.get(`/taxii2/real/status/${res.body.id}/`)).status).toBe(200);
    expectTaxiiError(await owner.get(`/taxii2/exercise/status/${res.body.id}/`), 404);
    expectTaxiiError(await owner.get('/taxii2/real/status/nope/'), 404);

    // The same objects again: accepted, nothing changes.
    const again = await owner.post(objectsPath(feed), { objects: good });
    expect(again.body).toMatchObject({ success_count: 2, failure_count: 0 });
    expect(again.body.successes[0].message).toMatch(/already/);
    const versions = await owner.get(`${objectsPath(feed)}${good[0].id}/versions/`);
    expect(versions.body.versions).toHaveLength(1);
  });

  it('drops status rows older than 48 hours when it writes a new one, and keeps younger ones', async () => {
    const old = await owner.post(objectsPath(feed), { objects: [indicator()] });
    const young = await owner.post(objectsPath(feed), { objects: [indicator()] });
    await node.db.query(`UPDATE taxii_status SET request_timestamp = now() - interval '49 hours' WHERE id = $1`, [old.body.id]);
    await node.db.query(`UPDATE taxii_status SET request_timestamp = now() - interval '25 hours' WHERE id = $1`, [young.body.id]);
    await owner.post(objectsPath(feed), { objects: [indicator()] });
    expectTaxiiError(await owner.get(`/taxii2/real/status/${old.body.id}/`), 404);
    expect((await owner.get(`/taxii2/real/status/${young.body.id}/`)).status).toBe(200);
  });
});

describe('reading objects, versions and the manifest', () => {
  let col: string;
  const id = 'indicator--6a4f3d5e-2b1c-4d8e-9f0a-1b2c3d4e5f60';
  const times = ['2026-02-01T00:00:00.000Z', '2026-02-02T00:00:00.000Z', '2026-02-03T00:00:00.123456Z'];
  const added: string[] = [];
  let other: Record<string, unknown>;
  let mw: Record<string, unknown>;

  beforeAll(async () => {
    col = (await ownerWeb.post('/api/v1/intel/collections', { title: 'Filters' })).body.id;
    for (const t of times) {
      const res = await owner.post(objectsPath(col), { objects: [indicator({ id, created: times[0], modified: t, tlp: 'green' })] });
      const page = await owner.get(`${objectsPath(col)}${id}/?match[version]=${t}`);
      expect(res.body.success_count).toBe(1);
      added.push(page.headers.get('x-taxii-date-added-first') as string);
    }
    other = indicator({ tlp: 'green' });
    mw = malware({ tlp: 'green' });
    await owner.post(objectsPath(col), { objects: [other, mw] });
  });

  const ids = (res: { body: any }) => (res.body.objects ?? []).map((o: any) => `${o.id}@${o.modified}`);

  it('returns the latest version of each object, oldest added first, with the date-added headers', async () => {
    const res = await owner.get(objectsPath(col));
    expect(res.status).toBe(200);
    expect(res.body.more).toBe(false);
    expect(ids(res)).toEqual([`${id}@${times[2]}`, `${other.id}@${other.modified}`, `${mw.id}@${mw.modified}`]);
    expect(res.headers.get('x-taxii-date-added-first')).toBe(added[2]);
    expect(res.headers.get('x-taxii-date-added-last')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(added[0] < added[1] && added[1] < added[2]).toBe(true);
  });

  it('filters by match[version]: first, last, all, timestamps and lists of them', async () => {
    const v = async (q: string) => ids(await owner.get(`${objectsPath(col)}?match[id]=${id}&match[version]=${q}`));
    expect(await v('first')).toEqual([`${id}@${times[0]}`]);
    expect(await v('last')).toEqual([`${id}@${times[2]}`]);
    expect(await v('all')).toEqual(times.map((t) => `${id}@${t}`));
    expect(await v(times[1])).toEqual([`${id}@${times[1]}`]);
    expect(await v(`first,${times[1]}`)).toEqual([`${id}@${times[0]}`, `${id}@${times[1]}`]);
    expect(await v('2026-02-03T00:00:00.123456Z')).toEqual([`${id}@${times[2]}`]);
    expect(await v('2020-01-01T00:00:00Z')).toEqual([]);
    // Repeated parameters work like a comma list.
    expect(ids(await owner.get(`${objectsPath(col)}?match[id]=${id}&match[version]=first&match[version]=last`))).toHaveLength(2);
  });

  it('tells versions apart when one envelope holds several of an object, and when a later POST adds one', async () => {
    const c = (await ownerWeb.post('/api/v1/intel/collections', { title: 'Versions in one envelope' })).body.id;
    const vid = `indicator--${randomUUID()}`;
    const at = ['2026-04-01T00:00:00.000Z', '2026-04-02T00:00:00.000Z', '2026-04-03T00:00:00.000Z'];
    const single = indicator({ tlp: 'green' });
    const posted = await owner.post(objectsPath(c), {
      objects: [
        indicator({ id: vid, created: at[0], modified: at[1], tlp: 'green' }),
        single,
        indicator({ id: vid, created: at[0], tlp: 'green' }),
      ],
    });
    expect(posted.body.success_count).toBe(3);
    const v = async (q: string) => ids(await owner.get(`${objectsPath(c)}?match[version]=${q}`));
    expect(await v('last')).toEqual([`${vid}@${at[1]}`, `${single.id}@${single.modified}`]);
    // Sorted by date added, then as posted.
    expect(await v('first')).toEqual([`${single.id}@${single.modified}`, `${vid}@${at[0]}`]);
    await owner.post(objectsPath(c), {
      objects: [indicator({ id: single.id as string, created: single.created as string, modified: at[2], tlp: 'green' })],
    });
    expect(await v('last')).toEqual([`${vid}@${at[1]}`, `${single.id}@${at[2]}`]);
    expect(await v('first')).toEqual([`${single.id}@${single.modified}`, `${vid}@${at[0]}`]);
    expect(await v('all')).toHaveLength(4);
  });

  it('filters by match[id], match[type], match[spec_version] and added_after', async () => {
    expect(ids(await owner.get(`${objectsPath(col)}?match[id]=${other.id},${mw.id}`))).toEqual([
      `${other.id}@${other.modified}`,
      `${mw.id}@${mw.modified}`,
    ]);
    expect(ids(await owner.get(`${objectsPath(col)}?match[type]=malware`))).toEqual([`${mw.id}@${mw.modified}`]);
    expect(ids(await owner.get(`${objectsPath(col)}?match[type]=malware,indicator`))).toHaveLength(3);
    expect(ids(await owner.get(`${objectsPath(col)}?match[spec_version]=2.1`))).toHaveLength(3);
    const none = await owner.get(`${objectsPath(col)}?match[spec_version]=2.0`);
    expect(none.body).toEqual({ more: false });
    expect(none.headers.get('x-taxii-date-added-first')).toBeNull();
    // added_after is exclusive and applies before version selection.
    const after = await owner.get(`${objectsPath(col)}?added_after=${added[1]}&match[version]=all`);
    expect(ids(after)).toEqual([`${id}@${times[2]}`, `${other.id}@${other.modified}`, `${mw.id}@${mw.modified}`]);
  });

  it('serves each object in its latest STIX spec version unless match[spec_version] says otherwise', async () => {
    const mixed = (await ownerWeb.post('/api/v1/intel/collections', { title: 'Spec versions' })).body.id;
    const id = 'indicator--1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d';
    const older21 = indicator({ id, modified: '2026-03-01T00:00:00.000Z', tlp: 'green' });
    const newer20 = { ...indicator({ id, modified: '2026-04-01T00:00:00.000Z', tlp: 'green' }), spec_version: '2.0' };
    expect((await owner.post(objectsPath(mixed), { objects: [older21, newer20] })).body.success_count).toBe(2);
    const versionsOf = async (q: string) =>
      ((await owner.get(`${objectsPath(mixed)}?${q}`)).body.objects ?? []).map((o: any) => `${o.spec_version}@${o.modified}`);
    expect(await versionsOf('')).toEqual(['2.1@2026-03-01T00:00:00.000Z']);
    expect(await versionsOf('match[version]=all')).toEqual(['2.1@2026-03-01T00:00:00.000Z']);
    expect(await versionsOf('match[spec_version]=2.0')).toEqual(['2.0@2026-04-01T00:00:00.000Z']);
    expect(await versionsOf('match[spec_version]=2.0,2.1')).toEqual(['2.0@2026-04-01T00:00:00.000Z']);
    expect(await versionsOf('match[spec_version]=2.0,2.1&match[version]=all')).toHaveLength(2);
    const manifest = await owner.get(`/taxii2/real/collections/${mixed}/manifest/?match[spec_version]=2.0`);
    expect(manifest.body.objects[0].media_type).toBe('application/stix+json;version=2.0');
  });

  it('answers 400 for malformed filters', async () => {
    for (const q of [
      'limit=0',
      'limit=-1',
      'limit=ten',
      'limit=1.5',
      'added_after=yesterday',
      'added_after=2026-02-30T00:00:00Z',
      'match[version]=newest',
      'match[id]=not-an-id',
      'match[type]=Indicator!',
      'match[spec_version]=two',
      'match[type]=',
      'next=garbage',
      // Only plain decimal digits: no hexadecimal, exponent or sign (`+` in a query is a space).
      'limit=0x10',
      'limit=1e2',
      'limit=%2B5',
      'limit=+5',
      'limit=%205',
      // Year 0 is a date to JavaScript but not to PostgreSQL: refused before it reaches the store.
      'added_after=0000-01-01T00:00:00Z',
      'match[version]=0000-01-01T00:00:00Z',
      'match[version]=last,0000-12-31T23:59:59.999Z',
    ]) {
      const res = await owner.get(`${objectsPath(col)}?${q}`);
      expectTaxiiError(res, 400);
    }
    expectTaxiiError(await owner.get(`/taxii2/real/collections/${col}/manifest/?limit=0`), 400);
    expectTaxiiError(await owner.get(`/taxii2/real/collections/${col}/manifest/?added_after=0000-01-01T00:00:00Z`), 400);
    expectTaxiiError(await owner.get(`${objectsPath(col)}${id}/versions/?added_after=soon`), 400);
    expectTaxiiError(await owner.get(`${objectsPath(col)}${id}/versions/?added_after=0000-06-01T00:00:00Z`), 400);
    expectTaxiiError(await owner.get(`${objectsPath(col)}${id}/?match[version]=0000-01-01T00:00:00Z`), 400);
    expectTaxiiError(await owner.delete(`${objectsPath(col)}${id}/?match[version]=0000-01-01T00:00:00Z`), 400);
  });

  it('takes any date from year 1 to 9999, which PostgreSQL and JavaScript both read', async () => {
    expect(ids(await owner.get(`${objectsPath(col)}?added_after=0001-01-01T00:00:00Z`))).toHaveLength(3);
    expect((await owner.get(`${objectsPath(col)}?added_after=9999-12-31T23:59:59.999999Z`)).body).toEqual({ more: false });
    expect(ids(await owner.get(`${objectsPath(col)}?match[version]=0001-01-01T00:00:00Z,9999-12-31T23:59:59.999999Z`))).toEqual([]);
    expectTaxiiError(await owner.delete(`${objectsPath(col)}${id}/?match[version]=0001-01-01T00:00:00Z`), 404);
  });

  it('serves one object with its filters, and 404 for objects that are not there', async () => {
    const one = await owner.get(`${objectsPath(col)}${id}/`);
    expect(ids(one)).toEqual([`${id}@${times[2]}`]);
    expect(one.headers.get('x-taxii-date-added-first')).toBe(added[2]);
    expect(one.headers.get('x-taxii-date-added-last')).toBe(added[2]);
    const all = await owner.get(`${objectsPath(col)}${id}/?match[version]=all&limit=2`);
    expect(ids(all)).toEqual([`${id}@${times[0]}`, `${id}@${times[1]}`]);
    expect(all.body.more).toBe(true);
    const rest = await owner.get(`${objectsPath(col)}${id}/?next=${all.body.next}`);
    expect(ids(rest)).toEqual([`${id}@${times[2]}`]);
    expect(rest.body.more).toBe(false);
    expect(rest.body.next).toBeUndefined();
    expectTaxiiError(await owner.get(`${objectsPath(col)}indicator--00000000-0000-4000-8000-000000000000/`), 404);
    expectTaxiiError(await owner.get(`${objectsPath(col)}not-an-id/`), 404);
    expectTaxiiError(await owner.get(`${objectsPath(feed)}${id}/`), 404);
  });

  it('lists versions oldest added first, paged, with the date-added headers', async () => {
    const res = await owner.get(`${objectsPath(col)}${id}/versions/`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      more: false,
      versions: ['2026-02-01T00:00:00.000000Z', '2026-02-02T00:00:00.000000Z', '2026-02-03T00:00:00.123456Z'],
    });
    expect(res.headers.get('x-taxii-date-added-first')).toBe(added[0]);
    expect(res.headers.get('x-taxii-date-added-last')).toBe(added[2]);
    const first = await owner.get(`${objectsPath(col)}${id}/versions/?limit=1`);
    expect(first.body.versions).toHaveLength(1);
    const second = await owner.get(`${objectsPath(col)}${id}/versions/?limit=1&next=${first.body.next}`);
    expect(second.body.versions[0] > first.body.versions[0]).toBe(true);
    expect((await owner.get(`${objectsPath(col)}${id}/versions/?added_after=${added[2]}`)).body).toEqual({ more: false });
    expectTaxiiError(await owner.get(`${objectsPath(col)}indicator--00000000-0000-4000-8000-000000000000/versions/`), 404);
  });

  it('lists the manifest with the same filters and headers', async () => {
    const res = await owner.get(`/taxii2/real/collections/${col}/manifest/?match[version]=all`);
    expect(res.status).toBe(200);
    expect(res.body.objects).toHaveLength(5);
    expect(res.body.objects[0]).toEqual({
      id,
      date_added: added[0],
      version: '2026-02-01T00:00:00.000000Z',
      media_type: 'application/stix+json;version=2.1',
    });
    expect(res.headers.get('x-taxii-date-added-first')).toBe(added[0]);
    const typed = await owner.get(`/taxii2/real/collections/${col}/manifest/?match[type]=malware`);
    expect(typed.body.objects.map((o: any) => o.id)).toEqual([mw.id]);
  });

  it('refuses a next cursor from another endpoint, collection or set of filters', async () => {
    const page = await owner.get(`${objectsPath(col)}?limit=1&match[type]=indicator`);
    expect(page.body.more).toBe(true);
    const next = page.body.next;
    expectTaxiiError(await owner.get(`/taxii2/real/collections/${col}/manifest/?next=${next}`), 400);
    expectTaxiiError(await owner.get(`${objectsPath(feed)}?next=${next}`), 400);
    expectTaxiiError(await owner.get(`${objectsPath(col)}?next=${next}&match[type]=malware`), 400);
    expect((await owner.get(`${objectsPath(col)}?next=${next}&match[type]=indicator`)).status).toBe(200);
    expect((await owner.get(`${objectsPath(col)}?next=${next}`)).status).toBe(200);
  });

  it('takes a filter sent with its default value as the same filter left out', async () => {
    const first = await owner.get(`${objectsPath(col)}?limit=1`);
    const rest = ids(await owner.get(`${objectsPath(col)}?next=${first.body.next}`));
    expect(rest).toHaveLength(2);
    expect(ids(await owner.get(`${objectsPath(col)}?next=${first.body.next}&match[version]=last`))).toEqual(rest);
    expectTaxiiError(await owner.get(`${objectsPath(col)}?next=${first.body.next}&match[version]=first`), 400);
    const explicit = await owner.get(`${objectsPath(col)}?limit=1&match[version]=last`);
    expect(ids(await owner.get(`${objectsPath(col)}?next=${explicit.body.next}`))).toEqual(rest);
    const manifest = await owner.get(`/taxii2/real/collections/${col}/manifest/?limit=1`);
    expect((await owner.get(`/taxii2/real/collections/${col}/manifest/?next=${manifest.body.next}&match[version]=last`)).status).toBe(200);
  });

  it('answers 400 for a hand-made next whose date or position the database cannot take', async () => {
    const cursor = (d: string, p: string) => Buffer.from(JSON.stringify({ v: 1, k: 'objects', c: col, d, p, f: {} })).toString('base64url');
    expectTaxiiError(await owner.get(`${objectsPath(col)}?next=${cursor('0000-01-01T00:00:00.000000Z', '1')}`), 400);
    expectTaxiiError(await owner.get(`${objectsPath(col)}?next=${cursor('2026-01-01T00:00:00.000000Z', '9999999999999999999')}`), 400);
    expectTaxiiError(await owner.get(`${objectsPath(col)}?next=${cursor('2026-01-01T00:00:00.000000Z', '9223372036854775808')}`), 400);
    // The largest position PostgreSQL's bigint holds is still a position.
    const last = await owner.get(`${objectsPath(col)}?next=${cursor('2000-01-01T00:00:00.000000Z', '9223372036854775807')}`);
    expect(last.status).toBe(200);
    expect(ids(last)).toHaveLength(3);
  });
});

describe('deleting objects', () => {
  it('needs read and write on the collection and ownership of the object, and is audited', async () => {
    const mine = indicator({ tlp: 'green' });
    const versions = [indicator({ id: mine.id as string, modified: '2026-03-01T00:00:00.000Z', tlp: 'green' }), mine];
    await owner.post(objectsPath(feed), { objects: versions });
    const path = `${objectsPath(feed)}${mine.id}/`;
    expectTaxiiError(await observer.delete(path), 403);
    // JP may write to the feed and read the object (GREEN, shared with ASEAN-Japan), but does not own it.
    expect((await jpWriter.get(path)).status).toBe(200);
    expectTaxiiError(await jpWriter.delete(path), 403);
    expectTaxiiError(await owner.delete(`${objectsPath(feed)}indicator--00000000-0000-4000-8000-000000000000/`), 404);

    const one = await owner.delete(`${path}?match[version]=2026-03-01T00:00:00.000Z`);
    expect(one.status).toBe(200);
    expect(one.headers.get('content-type')).toBe(TAXII_MEDIA);
    expect((await owner.get(`${path}versions/`)).body.versions).toEqual(['2026-01-01T00:00:00.000000Z']);
    expect((await owner.delete(path)).status).toBe(200);
    expectTaxiiError(await owner.get(path), 404);
    expectTaxiiError(await owner.delete(path), 404);
    const audit = await node.db.query<{ action: string; target_id: string }>(
      `SELECT action, target_id FROM audit_log WHERE action = 'taxii.delete_object' AND target_id = $1 ORDER BY seq`,
      [mine.id],
    );
    expect(audit).toHaveLength(2);
  });

  it('lets node admins delete what they can read', async () => {
    const o = indicator({ tlp: 'clear' });
    await jpWriter.post(objectsPath(feed), { objects: [o] });
    expect((await admin.delete(`${objectsPath(feed)}${o.id}/`)).status).toBe(200);
  });
});

describe('paging through thousands of objects added together', () => {
  it('never skips or repeats, whether the filters are sent again or not', async () => {
    const col = (await ownerWeb.post('/api/v1/intel/collections', { title: 'Bulk' })).body.id;
    const indicators = Array.from({ length: 2500 }, (_, i) => indicator({ value: `10.1.${i >> 8}.${i & 255}`, tlp: 'green' }));
    const others = Array.from({ length: 120 }, () => malware({ tlp: 'green' }));
    const posted = await owner.post(objectsPath(col), { objects: [...indicators.slice(0, 1300), ...others, ...indicators.slice(1300)] });
    expect(posted.body).toMatchObject({ success_count: 2620, failure_count: 0 });

    for (const resend of [false, true]) {
      const seen: string[] = [];
      const dates = new Set<string>();
      let next: string | undefined;
      let pages = 0;
      do {
        const filters = 'match[type]=indicator&limit=100';
        const query = next ? (resend ? `?${filters}&next=${next}` : `?next=${next}`) : `?${filters}`;
        const res = await owner.get(objectsPath(col) + query);
        expect(res.status).toBe(200);
        for (const o of res.body.objects) seen.push(o.id);
        dates.add(res.headers.get('x-taxii-date-added-first') as string);
        dates.add(res.headers.get('x-taxii-date-added-last') as string);
        next = res.body.more ? res.body.next : undefined;
        pages++;
      } while (next);
      expect(pages).toBe(25);
      expect(seen).toHaveLength(2500);
      expect(new Set(seen).size).toBe(2500);
      expect(new Set(seen)).toEqual(new Set(indicators.map((o) => o.id)));
      expect(dates.size).toBe(1);
    }

    // The manifest pages the same way, and limit is capped at the server's maximum.
    const big = await owner.get(`/taxii2/real/collections/${col}/manifest/?limit=5000`);
    expect(big.body.objects).toHaveLength(1000);
    expect(big.body.more).toBe(true);
    let count = big.body.objects.length;
    let next = big.body.next;
    while (next) {
      const res = await owner.get(`/taxii2/real/collections/${col}/manifest/?next=${next}&limit=1000`);
      count += res.body.objects.length;
      next = res.body.more ? res.body.next : undefined;
    }
    expect(count).toBe(2620);
  });
});
