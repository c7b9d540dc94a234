/**
 * Misinformation reports over a real store and real HTTP: filing one stores a STIX report that
 * cites DISARM techniques (which must exist and be readable) and URL observables, marked and owned
 * like any intelligence; listing by technique obeys TLP; the Fastify plugin answers 201/200/400/401/404.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromRoot } from '../../../lib/paths.js';
import { buildApp } from '../../../server/app.js';
import { HOME_COUNTRY } from '../../../server/node.js';
import { type TestDb, freshDb } from '../../../test/db.js';
import { Client, testConfig } from '../../../test/http.js';
import { ensureHomeOrganisation } from '../../directory/organisations.service.js';
import { systemActor, type UserActor } from '../../identity/actor.js';
import * as collections from '../collections.service.js';
import { importFile } from '../importers/import.service.js';
import { collectionOf, orgId, storedRows, userActor, userWithToken } from '../importers/test-support.js';
import { tlpMarkingId } from '../tlp.js';
import * as misinformation from './misinformation.service.js';

const T0002 = 'attack-pattern--70717452-f7e3-4ce8-956f-39a4d34c5cfb'; // Facilitate State Propaganda
const T0023 = 'attack-pattern--45dae307-ba74-4038-90ef-2282a32e38b9'; // Distort Facts
const T0049 = 'attack-pattern--0c765d19-99b2-4703-af48-e20a677c4bfc'; // Flood Information Space

let store: TestDb;
let app: FastifyInstance;
let vn: UserActor;
let jp: UserActor;
let jpToken: string;
let vnReports: string;

const narrative = (over: Record<string, unknown> = {}) => ({
  collectionId: vnReports,
  claim: 'The regional power outage was caused by a cyber-attack from a neighbouring state; officials are hiding it.',
  seenAt: [
    { platform: 'Telegram', channel: '@breaking_news_example', url: 'https://t.example/breaking_news_example/4512' },
    { platform: 'Facebook', channel: 'Concerned Citizens group', url: 'https://social.example/groups/citizens/posts/99' },
    { platform: 'Messaging apps', channel: 'forwarded chain message' },
  ],
  firstSeen: '2025-06-02T06:30:00Z',
  reach: { estimatedAudience: 250000, shares: 4100, description: 'Top trending topic in two provinces for six hours' },
  techniques: [T0023, T0049],
  counterMessage: 'The outage was a transformer fault at one substation; the grid operator published the incident log.',
  factCheckUrl: 'https://factcheck.example/2025/06/outage',
  ...over,
});

beforeAll(async () => {
  store = await freshDb();
  const homeOrganisationId = await ensureHomeOrganisation(store.db, systemActor('test'), HOME_COUNTRY);
  vn = await userActor(store.db, 'cert:VN');
  ({ actor: jp, token: jpToken } = await userWithToken(store.db, 'cert:JP'));
  // The DISARM framework, public (CLEAR), in a VN collection: anyone may cite it, no grant needed.
  const framework = await collectionOf(store.db, vn, 'DISARM');
  const imported = await importFile(store.db, vn, {
    collectionId: framework,
    content: readFileSync(fromRoot('..', 'shared', 'data', 'disarm', 'DISARM.json')),
    defaultTlp: 'clear',
  });
  expect(imported.failures).toEqual([]);
  vnReports = await collectionOf(store.db, vn, 'Misinformation');
  const jpOrg = await orgId(store.db, 'cert:JP');
  await collections.grant(store.db, systemActor('test'), vnReports, jpOrg, { canRead: true, canWrite: false });

  app = await buildApp({ db: store.db, config: testConfig, homeOrganisationId, logger: false });
  // The app registers the misinformation routes itself (src/server/app.ts).
  await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await app?.close();
  await store?.drop();
});

describe('filing a misinformation report', () => {
  it('stores a STIX report citing the DISARM techniques and the URLs, owned and marked like any intelligence', async () => {
    const filed = await misinformation.report(store.db, vn, narrative());
    expect(filed).toMatchObject({
      name: 'The regional power outage was caused by a cyber-attack from a neighbouring state; officials are hiding it.',
      tlp: 'amber',
      firstSeen: '2025-06-02T06:30:00.000Z',
      reach: { estimatedAudience: 250000, shares: 4100 },
      techniques: [
        { id: T0023, name: 'Distort Facts', externalId: 'T0023' },
        { id: T0049, name: 'Flood Information Space', externalId: 'T0049' },
      ],
      factCheckUrl: 'https://factcheck.example/2025/06/outage',
    });
    const rows = await storedRows(store.db, vnReports);
    const report = rows.find((r) => r.stix_id === filed.id)!;
    expect(report.object).toMatchObject({ type: 'report', report_types: ['misinformation'], x_kizuna_claim: narrative().claim });
    const urls = rows.filter((r) => r.type === 'url');
    expect(urls.map((u) => u.object.value).sort()).toEqual([
      'https://social.example/groups/citizens/posts/99',
      'https://t.example/breaking_news_example/4512',
    ]);
    expect(report.object.object_refs).toEqual([T0023, T0049, ...urls.map((u) => u.stix_id)]);
    expect(new Set(rows.map((r) => r.tlp))).toEqual(new Set(['amber']));
    const vnOrg = await orgId(store.db, 'cert:VN');
    expect(new Set(rows.map((r) => r.owner_organisation_id))).toEqual(new Set([vnOrg]));
    const [identity] = await store.db.query<{ stix_identity_id: string }>('SELECT stix_identity_id FROM organisations WHERE id = $1', [
      vnOrg,
    ]);
    expect(report.object.created_by_ref).toBe(identity.stix_identity_id);
  });

  it('refuses techniques that do not exist or that the reporter may not read, and writes nothing', async () => {
    const before = (await storedRows(store.db, vnReports)).length;
    const unknown = 'attack-pattern--00000000-0000-4000-8000-000000000000';
    await expect(misinformation.report(store.db, vn, narrative({ techniques: [T0023, unknown] }))).rejects.toMatchObject({
      code: 'validation_failed',
      details: [{ path: 'techniques.1', message: expect.stringContaining(unknown) }],
    });
    // An AMBER copy of the framework that only VN may read is no help to a JP analyst.
    const vnOnly = await collectionOf(store.db, vn, 'DISARM (VN only)');
    const jpOwn = await collectionOf(store.db, jp, 'JP misinformation');
    const bundle = {
      type: 'bundle',
      objects: [
        {
          type: 'attack-pattern',
          spec_version: '2.1',
          id: 'attack-pattern--11111111-1111-4111-8111-111111111111',
          created: '2024-01-01T00:00:00.000Z',
          modified: '2024-01-01T00:00:00.000Z',
          name: 'Private technique',
        },
      ],
    };
    await importFile(store.db, vn, { collectionId: vnOnly, content: JSON.stringify(bundle) });
    await expect(
      misinformation.report(
        store.db,
        jp,
        narrative({ collectionId: jpOwn, techniques: ['attack-pattern--11111111-1111-4111-8111-111111111111'] }),
      ),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(misinformation.report(store.db, vn, narrative({ seenAt: [] }))).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(misinformation.report(store.db, vn, narrative({ factCheckUrl: 'javascript:alert(1)' }))).rejects.toMatchObject({
      code: 'validation_failed',
    });
    // JP may read the VN collection but not write to it.
    await expect(misinformation.report(store.db, jp, narrative())).rejects.toMatchObject({ code: 'forbidden' });
    expect((await storedRows(store.db, vnReports)).length).toBe(before);
  });
});

describe('techniques marked stricter than the report', () => {
  it('refuses to name them, so no reader of the report learns the id of something they may not read', async () => {
    const internal = {
      type: 'attack-pattern',
      spec_version: '2.1',
      id: 'attack-pattern--9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
      created: '2025-01-01T00:00:00.000Z',
      modified: '2025-01-01T00:00:00.000Z',
      name: 'Internal technique',
      object_marking_refs: [tlpMarkingId.amber],
    };
    const imported = await importFile(store.db, vn, {
      collectionId: vnReports,
      content: JSON.stringify({ type: 'bundle', id: 'bundle--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', objects: [internal] }),
    });
    expect(imported.failures).toEqual([]);
    const before = (await storedRows(store.db, vnReports)).length;
    await expect(misinformation.report(store.db, vn, narrative({ techniques: [T0023, internal.id], tlp: 'green' }))).rejects.toMatchObject({
      code: 'validation_failed',
      details: [{ path: 'techniques.1', message: expect.stringMatching(/TLP:AMBER/) }],
    });
    expect((await storedRows(store.db, vnReports)).length).toBe(before);
    const amber = await misinformation.report(store.db, vn, narrative({ techniques: [T0023, internal.id], tlp: 'amber' }));
    expect(amber.techniques.map((t) => t.id)).toEqual([T0023, internal.id]);
  });
});

describe('finding reports by technique', () => {
  it('lists what the reader may read, newest first', async () => {
    const amber = await misinformation.report(store.db, vn, narrative({ title: 'Amber narrative', techniques: [T0002] }));
    const clear = await misinformation.report(
      store.db,
      vn,
      narrative({ title: 'Public narrative', techniques: [T0002, T0049], tlp: 'clear' }),
    );
    const byVn = await misinformation.listByTechnique(store.db, vn, T0002);
    expect(byVn.map((r) => r.id)).toEqual([clear.id, amber.id]);
    const byJp = await misinformation.listByTechnique(store.db, jp, T0002);
    expect(byJp.map((r) => r.id)).toEqual([clear.id]);
    expect((await misinformation.listByTechnique(store.db, vn, T0049)).map((r) => r.name)).toContain('Public narrative');
    await expect(misinformation.get(store.db, jp, amber.id)).rejects.toMatchObject({ code: 'not_found' });
    expect((await misinformation.get(store.db, jp, clear.id)).name).toBe('Public narrative');
  });

  it('finds reports by TLP as every search does, whatever collection they are in, and by DISARM id', async () => {
    // JP files a GREEN report in its own collection, which VN has no grant on: GREEN reaches JP's
    // communities (ASEAN-Japan), VN among them.
    const jpOwn = await collectionOf(store.db, jp, 'JP narratives');
    const green = await misinformation.report(
      store.db,
      jp,
      narrative({ collectionId: jpOwn, title: 'Shared with the community', techniques: [T0049], tlp: 'green' }),
    );
    expect((await misinformation.listByTechnique(store.db, vn, T0049)).map((r) => r.id)).toContain(green.id);
    expect((await misinformation.get(store.db, vn, green.id)).techniques).toEqual([
      { id: T0049, name: expect.any(String), externalId: 'T0049' },
    ]);
    const byDisarmId = await misinformation.listByTechnique(store.db, vn, 'T0049');
    expect(byDisarmId.map((r) => r.id)).toContain(green.id);
    expect(byDisarmId.map((r) => r.id)).toEqual((await misinformation.listByTechnique(store.db, vn, T0049)).map((r) => r.id));
    expect(await misinformation.listByTechnique(store.db, vn, 'T9999')).toEqual([]);
    // Someone outside JP's communities finds nothing of it.
    const outsider = await userActor(store.db, 'mod:US');
    expect((await misinformation.listByTechnique(store.db, outsider, 'T0049')).map((r) => r.id)).not.toContain(green.id);
    await expect(misinformation.get(store.db, outsider, green.id)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('HTTP', () => {
  it('files, lists and reads reports; rejects bad input and anonymous callers', async () => {
    const api = new Client(`http://127.0.0.1:${(app.server.address() as { port: number }).port}`).withToken(jpToken);
    const jpCollection = await collectionOf(store.db, jp, 'JP reports');
    const created = await api.post(
      '/api/v1/intel/misinformation',
      narrative({ collectionId: jpCollection, techniques: [T0002], tlp: 'green' }),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ tlp: 'green', techniques: [{ id: T0002, externalId: 'T0002' }] });
    const listed = await api.get(`/api/v1/intel/misinformation?technique=${T0002}`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((r: { id: string }) => r.id)).toContain(created.body.id);
    expect((await api.get(`/api/v1/intel/misinformation/${created.body.id}`)).body.id).toBe(created.body.id);
    expect((await api.get('/api/v1/intel/misinformation/report--00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const bad = await api.post('/api/v1/intel/misinformation', { ...narrative({ collectionId: jpCollection }), claim: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect((await api.get('/api/v1/intel/misinformation?technique=nope')).status).toBe(400);
    const anonymous = new Client(api.url);
    expect((await anonymous.get(`/api/v1/intel/misinformation?technique=${T0002}`)).status).toBe(401);
  });
});
