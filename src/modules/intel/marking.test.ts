/**
 * POST /api/v1/intel/objects/:id/marking over real HTTP: a new version under the new TLP (same id,
 * later `modified`, the TLP 2.0 marking in place of the old one, everything else kept), for the
 * owning organisation's writers only, audited, default sharing following the new marking, drill
 * objects kept in the exercise root; and bad, hostile and unauthorised requests refused with
 * nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestNode, startTestNode } from '../../test/http.js';
import { TaxiiClient, indicator } from '../taxii/testing.js';
import { tlpMarkingId } from './tlp.js';

type User = Client & { email: string; password: string };
let node: TestNode;
let vn: string;
let jp: string;
let vnAnalyst: User;
let vnAnalyst2: User;
let vnObserver: User;
let jpAnalyst: User;
let collection: string;
let drillCollection: string;
let vnIdentity: string;
const statement = 'marking-definition--7d9d1f7c-8b1e-4f3b-9d2a-5b6a1c2d3e4f';

const objectPath = (id: string) => `/api/v1/intel/objects/${id}`;
const create = (u: User, tlp: string, c = collection, extra: Record<string, unknown> = {}) =>
  u.post('/api/v1/intel/objects', {
    collectionId: c,
    tlp,
    object: {
      type: 'indicator',
      name: 'Gateway exploit source',
      description: 'Seen against three ministries',
      pattern: "[ipv4-addr:value = '198.51.100.23']",
      pattern_type: 'stix',
      valid_from: '2026-03-01T00:00:00Z',
      labels: ['vpn'],
      ...extra,
    },
  });
const versionCount = async (id: string) =>
  (await node.db.query<{ n: number }>('SELECT count(*)::int AS n FROM intel_objects WHERE stix_id = $1', [id]))[0].n;
const auditCount = async (id: string) =>
  (await node.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'intel.mark' AND target_id = $1`, [id]))[0]
    .n;

beforeAll(async () => {
  node = await startTestNode();
  [vn, jp] = [await node.orgId('cert:VN'), await node.orgId('cert:JP')];
  vnAnalyst = await node.userWith([{ organisationId: vn, role: 'analyst' }]);
  vnAnalyst2 = await node.userWith([{ organisationId: vn, role: 'analyst' }]);
  vnObserver = await node.userWith([{ organisationId: vn, role: 'observer' }]);
  jpAnalyst = await node.userWith([{ organisationId: jp, role: 'analyst' }]);
  collection = (await vnAnalyst.post('/api/v1/intel/collections', { title: 'VN feed' })).body.id;
  drillCollection = (await vnAnalyst.post('/api/v1/intel/collections', { title: 'Drill feed', apiRoot: 'exercise' })).body.id;
  vnIdentity = (await vnAnalyst.get(`/api/v1/organisations/${vn}`)).body.stixIdentityId;
});
afterAll(() => node?.close());

describe('marking an object anew', () => {
  it('stores a new version with the new marking and everything else kept, shared as the marking implies', async () => {
    const made = await create(vnAnalyst, 'green', collection, { object_marking_refs: [statement] });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const id = made.body.id;
    const first = made.body.versions[0].object;
    expect(first.object_marking_refs).toEqual([statement, tlpMarkingId.green]);
    // GREEN reached Japan through the ASEAN-Japan community.
    expect((await jpAnalyst.get(objectPath(id))).status).toBe(200);

    const red = await vnAnalyst.post(`${objectPath(id)}/marking`, { tlp: 'red' });
    expect(red.status, JSON.stringify(red.body)).toBe(200);
    expect(red.body).toMatchObject({ id, tlp: 'red', ownerOrganisationId: vn, exercise: false });
    expect(red.body.versions).toHaveLength(2);
    const latest = red.body.versions[0].object;
    expect(latest.id).toBe(id);
    expect(Date.parse(latest.modified)).toBeGreaterThan(Date.parse(first.modified));
    expect(latest.object_marking_refs).toEqual([statement, tlpMarkingId.red]);
    const { modified: _m, object_marking_refs: _r, ...rest } = latest;
    const { modified: _m1, object_marking_refs: _r1, ...restFirst } = first;
    expect(rest).toEqual(restFirst);
    expect(latest.created_by_ref).toBe(vnIdentity);
    expect(red.body.versions[0].collectionId).toBe(collection);
    // Earlier versions keep their marking.
    expect(red.body.versions[1]).toMatchObject({ tlp: 'green', object: first });
    // RED goes to the person who marked it: not to Japan, nor to the rest of the organisation.
    const marker = (await vnAnalyst.get('/api/v1/auth/me')).body.user;
    expect(red.body.sharing.people).toEqual(expect.arrayContaining([{ id: marker.id, name: marker.fullName }]));
    const jpView = await jpAnalyst.get(objectPath(id));
    expect(jpView.body.versions.map((v: any) => v.tlp)).toEqual(['green']);
    expect((await vnObserver.get(objectPath(id))).body.versions.map((v: any) => v.tlp)).toEqual(['green']);
    const viaTaxii = await TaxiiClient.basic(node.url, vnAnalyst.email, vnAnalyst.password).get(
      `/taxii2/real/collections/${collection}/objects/${id}/`,
    );
    expect(viaTaxii.body.objects.map((o: any) => o.object_marking_refs)).toEqual([[statement, tlpMarkingId.red]]);
    expect(await auditCount(id)).toBe(1);
    const [entry] = await node.db.query<{ summary: any }>(`SELECT summary FROM audit_log WHERE action = 'intel.mark' AND target_id = $1`, [
      id,
    ]);
    expect(entry.summary).toMatchObject({ from: 'green', to: 'red', apiRoot: 'real', collectionIds: [collection] });

    // Marked back to GREEN: a third version, which reaches the owner's communities again.
    const green = await vnAnalyst.post(`${objectPath(id)}/marking`, { tlp: 'green' });
    expect(green.status).toBe(200);
    expect(green.body.versions.map((v: any) => v.tlp)).toEqual(['green', 'red', 'green']);
    const jpAgain = await jpAnalyst.get(objectPath(id));
    expect(jpAgain.body.versions.map((v: any) => v.version)).toEqual([green.body.versions[0].version, green.body.versions[2].version]);

    // The same marking again is no new version.
    const same = await vnAnalyst.post(`${objectPath(id)}/marking`, { tlp: 'green' });
    expect(same.status).toBe(200);
    expect(await versionCount(id)).toBe(3);
    expect(await auditCount(id)).toBe(2);
  });

  it('gives an unmarked object an explicit marking, and keeps its owner when an admin of another organisation marks it', async () => {
    const admin = await node.userWith([
      { organisationId: jp, role: 'analyst' },
      { organisationId: vn, role: 'node_admin' },
    ]);
    // No creator identity: the object is its poster's organisation's, which ingest alone would not keep.
    const bare = indicator();
    const posted = await TaxiiClient.basic(node.url, vnAnalyst.email, vnAnalyst.password).post(
      `/taxii2/real/collections/${collection}/objects/`,
      { objects: [bare] },
    );
    expect(posted.status).toBe(202);
    const res = await admin.post(`${objectPath(bare.id as string)}/marking`, { tlp: 'amber+strict' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ tlp: 'amber+strict', ownerOrganisationId: vn });
    expect(res.body.versions[0].object.object_marking_refs).toEqual([tlpMarkingId['amber+strict']]);
    // Unmarked counts as AMBER; asked for AMBER, it is marked so explicitly.
    const other = indicator({ createdBy: vnIdentity });
    await TaxiiClient.basic(node.url, vnAnalyst.email, vnAnalyst.password).post(`/taxii2/real/collections/${collection}/objects/`, {
      objects: [other],
    });
    const amber = await vnAnalyst.post(`${objectPath(other.id as string)}/marking`, { tlp: 'amber' });
    expect(amber.body.versions.map((v: any) => v.object.object_marking_refs ?? null)).toEqual([[tlpMarkingId.amber], null]);
  });

  it('keeps drill objects in the exercise root', async () => {
    const made = await create(vnAnalyst, 'amber', drillCollection);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const id = made.body.id;
    expect((await vnAnalyst.post(`${objectPath(id)}/marking?apiRoot=real`, { tlp: 'clear' })).status).toBe(404);
    const res = await vnAnalyst.post(`${objectPath(id)}/marking`, { tlp: 'clear' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ exercise: true, tlp: 'clear' });
    expect(res.body.versions.map((v: any) => v.collectionId)).toEqual([drillCollection, drillCollection]);
    const rows = await node.db.query<{ exercise_id: string | null; api_root: string }>(
      `SELECT o.exercise_id, c.api_root FROM intel_objects o JOIN intel_collections c ON c.id = o.collection_id WHERE o.stix_id = $1`,
      [id],
    );
    expect(rows.map((r) => r.api_root)).toEqual(['exercise', 'exercise']);
    // CLEAR, yet still not real data.
    expect((await jpAnalyst.get(objectPath(id))).status).toBe(404);
    expect((await jpAnalyst.get(`${objectPath(id)}?apiRoot=exercise`)).status).toBe(200);
    const search = await vnAnalyst.get(`/api/v1/intel/objects?q=${encodeURIComponent('Gateway exploit')}&limit=200`);
    expect(search.body.items.map((o: any) => o.id)).not.toContain(id);
  });

  it('refuses callers who may not mark, with nothing written', async () => {
    const made = await create(vnAnalyst, 'green');
    const id = made.body.id;
    const path = `${objectPath(id)}/marking`;
    expect(
      (await fetch(node.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"tlp":"red"}' })).status,
    ).toBe(401);
    const observer = await vnObserver.post(path, { tlp: 'red' });
    expect(observer.status).toBe(403);
    expect(observer.body.error.code).toBe('forbidden');
    // Japan reads it (GREEN) but does not own it.
    expect((await jpAnalyst.post(path, { tlp: 'clear' })).status).toBe(403);
    // An object the caller may not read is not confirmed to exist.
    const amber = await create(vnAnalyst, 'amber');
    const hidden = await jpAnalyst.post(`${objectPath(amber.body.id)}/marking`, { tlp: 'clear' });
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.code).toBe('not_found');
    expect(
      (await jpAnalyst.post(`${objectPath('indicator--00000000-0000-4000-8000-000000000000')}/marking`, { tlp: 'clear' })).status,
    ).toBe(404);
    expect(await versionCount(id)).toBe(1);
    expect(await versionCount(amber.body.id)).toBe(1);
    expect(await auditCount(id)).toBe(0);
  });

  it('refuses malformed, oversize and hostile input with the standard error shape', async () => {
    const id = (await create(vnAnalyst, 'green')).body.id;
    const path = `${objectPath(id)}/marking`;
    for (const body of [
      {},
      { tlp: 'purple' },
      { tlp: 'RED' },
      { tlp: null },
      { tlp: ['red'] },
      { tlp: 'red', apiRoot: 'real' },
      { tlp: 'red', object_marking_refs: [tlpMarkingId.clear] },
      { tlp: `red${'x'.repeat(100_000)}` },
    ]) {
      const res = await vnAnalyst.post(path, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    }
    expect((await vnAnalyst.request('POST', path, '{"tlp": "red"', { 'content-type': 'application/json' })).status).toBe(400);
    expect([400, 415]).toContain((await vnAnalyst.request('POST', path, 'tlp=red', { 'content-type': 'text/plain' })).status);
    expect((await vnAnalyst.post(`${path}?apiRoot=imaginary`, { tlp: 'red' })).status).toBe(400);
    expect(
      (await vnAnalyst.post(`/api/v1/intel/objects/${encodeURIComponent("indicator--x' OR 1=1 --")}/marking`, { tlp: 'red' })).status,
    ).toBe(400);
    // Something without versions (a cyber-observable) cannot be given a new one.
    const address = { type: 'ipv4-addr', spec_version: '2.1', id: 'ipv4-addr--1d3c9a6e-4b8f-5c2a-9e7d-3f6b8a2c1e5d', value: '192.0.2.44' };
    const taxii = TaxiiClient.basic(node.url, vnAnalyst.email, vnAnalyst.password);
    expect((await taxii.post(`/taxii2/real/collections/${collection}/objects/`, { objects: [address] })).body.success_count).toBe(1);
    const sco = await vnAnalyst.post(`${objectPath(address.id)}/marking`, { tlp: 'clear' });
    expect(sco.status).toBe(400);
    expect(sco.body.error.message).toMatch(/no versions/);
    expect(await versionCount(id)).toBe(1);
    expect(await versionCount(address.id)).toBe(1);
  });

  it('will not mark from an older version when a newer one is hidden from the caller', async () => {
    const made = await create(vnAnalyst, 'green');
    const id = made.body.id;
    const newer = {
      ...made.body.versions[0].object,
      modified: new Date(Date.now() + 60_000).toISOString(),
      object_marking_refs: [tlpMarkingId.red],
    };
    const posted = await TaxiiClient.basic(node.url, vnAnalyst2.email, vnAnalyst2.password).post(
      `/taxii2/real/collections/${collection}/objects/`,
      { objects: [newer] },
    );
    expect(posted.body.success_count).toBe(1);
    // The RED version went to vnAnalyst2 alone.
    const res = await vnAnalyst.post(`${objectPath(id)}/marking`, { tlp: 'amber' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
    expect(await versionCount(id)).toBe(2);
    // Its reader marks it: the new version comes after the one dated a minute ahead.
    const ok = await vnAnalyst2.post(`${objectPath(id)}/marking`, { tlp: 'amber' });
    expect(ok.status).toBe(200);
    expect(Date.parse(ok.body.versions[0].version)).toBeGreaterThan(Date.parse(newer.modified));
  });
});
