/**
 * TLP 2.0 as a property, over real HTTP. fast-check generates an organisation tree, communities,
 * readers with memberships, and objects (one or two versions each, every marking including TLP 1.0
 * ids and none, the second version sometimes another organisation's, extra addressees given by the
 * owner of one of the versions), stores them through the directory and intel services, and then
 * asks every read path as every reader: TAXII objects, one object, versions and manifest, the
 * console's search, object page and correlation hits. What comes back must be exactly what `mayRead`
 * allows, computed in JavaScript from the generated model, never from the server's own SQL.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestNode, startTestNode } from '../../test/http.js';
import * as communities from '../directory/communities.service.js';
import * as organisations from '../directory/organisations.service.js';
import { systemActor } from '../identity/actor.js';
import * as collections from './collections.service.js';
import { ingest } from './objects.service.js';
import { insertSharing } from './objects.store.js';
import { type Reader, type Shared, type Tlp, mayRead, tlpLevels, tlpMarkingId } from './tlp.js';

const system = systemActor('property-test');
let node: TestNode;
let run = 0;

beforeAll(async () => {
  node = await startTestNode();
});
afterAll(() => node?.close());

const LEGACY: Record<string, string> = {
  'v1:white': 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
  'v1:green': 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
  'v1:amber': 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
  'v1:red': 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed',
};
const LEGACY_TLP: Record<string, Tlp> = { 'v1:white': 'clear', 'v1:green': 'green', 'v1:amber': 'amber', 'v1:red': 'red' };
const markings = [...tlpLevels, 'unmarked', ...Object.keys(LEGACY)] as const;
type Marking = (typeof markings)[number];
const tlpOfMarking = (m: Marking): Tlp => (m === 'unmarked' ? 'amber' : (LEGACY_TLP[m] ?? (m as Tlp)));
const refsOf = (m: Marking): string[] => (m === 'unmarked' ? [] : [LEGACY[m] ?? tlpMarkingId[m as Tlp]]);

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** A world: organisations (a forest: each names an earlier one as parent, or none), communities, readers, objects. */
const world = fc.integer({ min: 2, max: 5 }).chain((nOrgs) =>
  fc.record({
    parents: fc.tuple(...range(nOrgs).map((i) => fc.integer({ min: -1, max: i - 1 }))),
    communities: fc.array(fc.subarray(range(nOrgs)), { maxLength: 3 }),
    readers: fc.array(fc.subarray(range(nOrgs), { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 3 }),
    objects: fc.array(
      fc.record({
        owner: fc.integer({ min: 0, max: nOrgs - 1 }),
        // Another organisation storing its own version of the same STIX id: its sharing must not
        // reach the first owner's versions, nor the reverse.
        secondOwner: fc.option(fc.integer({ min: 0, max: nOrgs - 1 }), { freq: 2 }),
        sharer: fc.integer({ min: 0, max: 1 }),
        versions: fc.array(fc.constantFrom(...markings), { minLength: 1, maxLength: 2 }),
        address: fc.integer({ min: 0, max: 2 }),
        toCommunities: fc.subarray(range(3)),
        toOrganisations: fc.subarray(range(nOrgs), { maxLength: 2 }),
        toReaders: fc.subarray(range(3), { maxLength: 2 }),
      }),
      { minLength: 1, maxLength: 6 },
    ),
  }),
);
type World = typeof world extends fc.Arbitrary<infer T> ? T : never;

interface Version {
  id: string;
  version: string;
  tlp: Tlp;
  address: string;
  owner: string;
}

async function build(w: World) {
  const n = ++run;
  const orgIds: string[] = [];
  const identities: string[] = [];
  for (const [i, parent] of w.parents.entries()) {
    const o = await organisations.create(node.db, system, {
      name: `Property org ${n}.${i}`,
      type: 'agency',
      countryCode: 'VN',
      parentId: parent >= 0 ? orgIds[parent] : null,
    });
    orgIds.push(o.id);
    identities.push(o.stixIdentityId);
  }
  const communityIds: string[] = [];
  for (const [i, members] of w.communities.entries()) {
    const c = await communities.create(node.db, system, { name: `Property community ${n}.${i}`, memberIds: members.map((m) => orgIds[m]) });
    communityIds.push(c.id);
  }
  const readers: { client: Client; reader: Reader }[] = [];
  for (const orgs of w.readers) {
    const client = await node.userWith(orgs.map((o) => ({ organisationId: orgIds[o], role: 'analyst' as const })));
    const me = await client.get('/api/v1/auth/me');
    const organisationIds = orgs.map((o) => orgIds[o]);
    const tree = new Set<string>();
    for (const o of orgs) for (let at = o; at >= 0; at = w.parents[at]) tree.add(orgIds[at]);
    const inCommunities = w.communities.flatMap((members, i) => (members.some((m) => orgs.includes(m)) ? [communityIds[i]] : []));
    readers.push({
      client,
      reader: { userId: me.body.user.id, organisationIds, organisationTree: [...tree], communityIds: inCommunities },
    });
  }

  const collection = await collections.create(node.db, system, { title: `Property ${n}`, apiRoot: 'real', organisationId: orgIds[0] });
  for (const id of orgIds) await collections.grant(node.db, system, collection.id, id, { canRead: true, canWrite: false });

  const versions: Version[] = [];
  const objects: Record<string, unknown>[] = [];
  const objectIds = w.objects.map(() => `indicator--${crypto.randomUUID()}`);
  const ownerOfVersion = (o: World['objects'][number], v: number) => (v === 1 && o.secondOwner !== null ? o.secondOwner : o.owner);
  for (const [i, o] of w.objects.entries()) {
    const address = `10.${n % 250}.0.${o.address}`;
    for (const [v, marking] of o.versions.entries()) {
      const modified = `2026-0${v + 1}-01T00:00:00.000Z`;
      objects.push({
        type: 'indicator',
        spec_version: '2.1',
        id: objectIds[i],
        created: '2026-01-01T00:00:00.000Z',
        modified,
        name: `Property ${n}.${i}`,
        pattern: `[ipv4-addr:value = '${address}']`,
        pattern_type: 'stix',
        valid_from: '2026-01-01T00:00:00Z',
        created_by_ref: identities[ownerOfVersion(o, v)],
        ...(marking === 'unmarked' ? {} : { object_marking_refs: refsOf(marking) }),
      });
      versions.push({
        id: objectIds[i],
        version: modified.replace('.000Z', '.000000Z'),
        tlp: tlpOfMarking(marking),
        address,
        owner: orgIds[ownerOfVersion(o, v)],
      });
    }
  }
  const stored = await ingest(node.db, system, { collectionId: collection.id, action: 'test.property' }, objects);
  expect(stored.failures).toEqual([]);
  await insertSharing(
    node.db,
    w.objects.flatMap((o, i) => {
      const by = { stixId: objectIds[i], ownerOrganisationId: orgIds[ownerOfVersion(o, o.sharer % o.versions.length)] };
      return [
        ...o.toCommunities.filter((c) => c < communityIds.length).map((c) => ({ ...by, communityId: communityIds[c] })),
        ...o.toOrganisations.map((x) => ({ ...by, organisationId: orgIds[x] })),
        ...o.toReaders.filter((r) => r < readers.length).map((r) => ({ ...by, userId: readers[r].reader.userId })),
      ];
    }),
  );

  // The facts the rule needs, as stored: owner by version, addressees by STIX id and owner (ingest
  // adds the owner's communities to GREEN).
  const sharing = await node.db.query<{
    stix_id: string;
    owner_organisation_id: string | null;
    community_id: string | null;
    organisation_id: string | null;
    user_id: string | null;
  }>('SELECT stix_id, owner_organisation_id, community_id, organisation_id, user_id FROM intel_sharing WHERE stix_id = ANY($1::text[])', [
    objectIds,
  ]);
  const sharedOf = (v: Version): Shared => {
    const rows = sharing.filter((s) => s.stix_id === v.id && s.owner_organisation_id === v.owner);
    return {
      tlp: v.tlp,
      ownerOrganisationId: v.owner,
      communityIds: rows.flatMap((s) => (s.community_id ? [s.community_id] : [])),
      organisationIds: rows.flatMap((s) => (s.organisation_id ? [s.organisation_id] : [])),
      userIds: rows.flatMap((s) => (s.user_id ? [s.user_id] : [])),
    };
  };
  return { n, collection: collection.id, readers, versions, sharedOf };
}

const key = (id: string, version: string) => `${id}@${version}`;
const sorted = (xs: Iterable<string>) => [...xs].sort();

async function check(w: World) {
  const { n, collection, readers, versions, sharedOf } = await build(w);
  const base = `/taxii2/real/collections/${collection}`;
  const ids = [...new Set(versions.map((v) => v.id))];
  for (const { client, reader } of readers) {
    const allowed = versions.filter((v) => mayRead(reader, sharedOf(v)));
    const allowedIds = new Set(allowed.map((v) => v.id));
    const latest = new Map<string, Version>();
    for (const v of allowed) if (!latest.has(v.id) || (latest.get(v.id) as Version).version < v.version) latest.set(v.id, v);

    // TAXII: every version, the latest readable version, and the manifest.
    const all = await client.get(`${base}/objects/?match[version]=all&limit=1000`);
    expect(sorted((all.body.objects ?? []).map((o: any) => key(o.id, o.modified.replace('.000Z', '.000000Z'))))).toEqual(
      sorted(allowed.map((v) => key(v.id, v.version))),
    );
    const last = await client.get(`${base}/objects/?limit=1000`);
    expect(sorted((last.body.objects ?? []).map((o: any) => key(o.id, o.modified.replace('.000Z', '.000000Z'))))).toEqual(
      sorted([...latest.values()].map((v) => key(v.id, v.version))),
    );
    const manifest = await client.get(`${base}/manifest/?match[version]=all&limit=1000`);
    expect(sorted((manifest.body.objects ?? []).map((o: any) => key(o.id, o.version)))).toEqual(
      sorted(allowed.map((v) => key(v.id, v.version))),
    );

    for (const id of ids) {
      const mine = allowed.filter((v) => v.id === id);
      const one = await client.get(`${base}/objects/${id}/?match[version]=all`);
      const history = await client.get(`${base}/objects/${id}/versions/`);
      const page = await client.get(`/api/v1/intel/objects/${id}`);
      if (!mine.length) {
        expect([one.status, history.status, page.status]).toEqual([404, 404, 404]);
        continue;
      }
      expect(sorted(one.body.objects.map((o: any) => o.modified.replace('.000Z', '.000000Z')))).toEqual(sorted(mine.map((v) => v.version)));
      expect(sorted(history.body.versions)).toEqual(sorted(mine.map((v) => v.version)));
      expect(page.status).toBe(200);
      expect(sorted(page.body.versions.map((v: any) => v.version))).toEqual(sorted(mine.map((v) => v.version)));
      // Correlation: exactly the other objects with a readable version carrying a shared address.
      const addresses = new Set(mine.map((v) => v.address));
      const hits = new Set(allowed.filter((v) => v.id !== id && addresses.has(v.address)).map((v) => v.id));
      expect(sorted(page.body.correlations.map((c: any) => c.id))).toEqual(sorted(hits));
    }

    // Search: one row per readable object, showing its latest readable version's TLP.
    const search = await client.get(`/api/v1/intel/objects?q=${encodeURIComponent(`Property ${n}.`)}&limit=200`);
    expect(sorted(search.body.items.map((i: any) => `${i.id}:${i.tlp}`))).toEqual(
      sorted([...allowedIds].map((id) => `${id}:${(latest.get(id) as Version).tlp}`)),
    );
  }
}

describe('TLP 2.0 on every read path', () => {
  it('gives every reader exactly what mayRead allows, and nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        await check(w);
      }),
      {
        numRuns: Number(process.env.KIZUNA_PROPERTY_RUNS ?? 25),
        seed: process.env.KIZUNA_PROPERTY_SEED ? Number(process.env.KIZUNA_PROPERTY_SEED) : undefined,
        endOnFailure: true,
      },
    );
  }, 600_000);
});
