/**
 * importFile against a real store (PGlite, or PostgreSQL with TEST_DATABASE_URL): the shared
 * reference files import completely and re-import as exact duplicates, a MISP event lands with its
 * uuid, creator and markings, invalid objects inside a file are reported one by one, and refused
 * files leave nothing behind. Prints the measured throughput.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromRoot } from '../../../lib/paths.js';
import { type TestDb, freshDb } from '../../../test/db.js';
import { systemActor, type UserActor } from '../../identity/actor.js';
import { ensureHomeOrganisation } from '../../directory/organisations.service.js';
import { HOME_COUNTRY } from '../../../server/node.js';
import { tlpMarkingId } from '../tlp.js';
import { importFile } from './import.service.js';
import { MAX_IMPORT_BYTES } from './input.js';
import { collectionOf, storedRows, userActor } from './test-support.js';

const shared = (...p: string[]) => fromRoot('..', 'shared', 'data', ...p);
const disarm = readFileSync(shared('disarm', 'DISARM.json'));
const kev = readFileSync(shared('kev', 'known_exploited_vulnerabilities.json'));
const misp = readFileSync(new URL('./fixtures/misp-event.json', import.meta.url));

let store: TestDb;
let analyst: UserActor;
const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);

beforeAll(async () => {
  store = await freshDb();
  await ensureHomeOrganisation(store.db, systemActor('test'), HOME_COUNTRY);
  analyst = await userActor(store.db, 'cert:VN');
});
afterAll(async () => store?.drop());

describe('importing the reference data', () => {
  it('imports the DISARM framework completely, custom types included, and again as duplicates', async () => {
    const collectionId = await collectionOf(store.db, analyst);
    const progress: number[] = [];
    const t0 = performance.now();
    const first = await importFile(store.db, analyst, { collectionId, content: disarm, onProgress: (p) => progress.push(p.done) });
    const ms = performance.now() - t0;
    expect(first).toMatchObject({ kind: 'stix-bundle', total: 698, added: 698, duplicates: 0, failures: [] });
    expect(progress).toEqual([0, 698]);
    const rows = await storedRows(store.db, collectionId);
    expect(rows).toHaveLength(698);
    expect(rows.filter((r) => r.type === 'x-mitre-tactic')).toHaveLength(16);
    expect(rows.filter((r) => r.type === 'x-mitre-matrix')).toHaveLength(1);
    const again = await importFile(store.db, analyst, { collectionId, content: disarm });
    expect(again).toMatchObject({ added: 0, duplicates: 698, failures: [] });
    console.log(`[bench] DISARM import (${store.db.kind}): ${rate(698, ms)} objects/s (${ms.toFixed(0)} ms)`);
  });

  it('imports the KEV catalogue as 1,404 vulnerabilities; the same catalogue again changes nothing; a newer one adds versions', async () => {
    const collectionId = await collectionOf(store.db, analyst);
    const t0 = performance.now();
    const first = await importFile(store.db, analyst, { collectionId, content: kev });
    const ms = performance.now() - t0;
    expect(first).toMatchObject({ kind: 'kev-catalogue', total: 1405, added: 1405, failures: [] });
    const rows = await storedRows(store.db, collectionId);
    expect(rows.filter((r) => r.type === 'vulnerability')).toHaveLength(1404);
    expect(new Set(rows.map((r) => r.tlp))).toEqual(new Set(['clear']));
    const [{ n: auditBefore }] = await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
    const again = await importFile(store.db, analyst, { collectionId, content: kev });
    expect(again).toMatchObject({ added: 0, duplicates: 1405, failures: [] });
    expect(await storedRows(store.db, collectionId)).toHaveLength(1405);
    const [{ n: auditAfter }] = await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
    expect(auditAfter).toBe(auditBefore);

    const catalogue = JSON.parse(kev.toString('utf8'));
    const newer = { ...catalogue, dateReleased: '2025-09-01T12:00:00.000Z', vulnerabilities: catalogue.vulnerabilities.slice(0, 3) };
    const next = await importFile(store.db, analyst, { collectionId, content: JSON.stringify(newer) });
    // Three new versions; the CISA identity is unchanged.
    expect(next).toMatchObject({ added: 3, duplicates: 1, failures: [] });
    console.log(`[bench] KEV import (${store.db.kind}): ${rate(1405, ms)} objects/s (${ms.toFixed(0)} ms)`);
  });
});

describe('importing a MISP event', () => {
  it('stores the report with the event uuid, the creator identity, and the TLP of each part', async () => {
    const collectionId = await collectionOf(store.db, analyst);
    const outcome = await importFile(store.db, analyst, { collectionId, content: misp });
    // 16 objects from the event, and the RED link from the report to its RED attribute.
    expect(outcome).toMatchObject({ kind: 'misp-event', total: 17, added: 17, failures: [] });
    expect(outcome.warnings).toHaveLength(2);
    const rows = await storedRows(store.db, collectionId);
    const report = rows.find((r) => r.type === 'report')!;
    expect(report.stix_id).toBe('report--59be7cbb-2f0f-4968-81df-522fc87b52fe');
    expect(report.object.created_by_ref).toBe('identity--1a8c29f1-f1eb-426c-9999-cadaf0b9c17a');
    expect(rows.find((r) => r.type === 'identity')).toMatchObject({
      stix_id: 'identity--1a8c29f1-f1eb-426c-9999-cadaf0b9c17a',
      tlp: 'amber',
    });
    const red = rows.filter((r) => r.tlp === 'red' && r.type === 'indicator');
    expect(red.map((r) => r.object.pattern)).toEqual(["[ipv4-addr:value = '192.0.2.66']"]);
    // The AMBER report does not name the RED indicator; a RED relationship does, for its readers alone.
    expect(report.object.object_refs).not.toContain(red[0].stix_id);
    expect(rows.filter((r) => r.tlp === 'red' && r.type === 'relationship').map((r) => [r.object.source_ref, r.object.target_ref])).toEqual(
      [[report.stix_id, red[0].stix_id]],
    );
    expect(rows.filter((r) => r.tlp === 'amber')).toHaveLength(15);
    // No directory organisation stands for the MISP creator, so the importing analyst's organisation owns them.
    expect(new Set(rows.map((r) => r.owner_organisation_id))).toEqual(new Set([analyst.memberships[0].organisationId]));
    // The RED indicator is addressed to the person who imported it.
    const sharing = await store.db.query<{ user_id: string }>('SELECT user_id FROM intel_sharing WHERE stix_id = $1', [red[0].stix_id]);
    expect(sharing).toEqual([{ user_id: analyst.userId }]);
    const again = await importFile(store.db, analyst, { collectionId, content: misp });
    expect(again).toMatchObject({ added: 0, duplicates: 17 });
  });
});

describe('partly invalid and refused files', () => {
  const valid = (n: number) => ({
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${['6b7ad4f3-5d4f-4c6d-9d8e-0f1a2b3c4d5e', '7c8be504-6e50-4d7e-8e9f-1a2b3c4d5e6f'][n]}`,
    created: '2024-01-01T00:00:00.000Z',
    modified: '2024-01-01T00:00:00.000Z',
    pattern: `[ipv4-addr:value = '198.51.100.${n + 1}']`,
    pattern_type: 'stix',
    valid_from: '2024-01-01T00:00:00.000Z',
    object_marking_refs: [tlpMarkingId.green],
  });

  it('stores the valid objects of a bundle and reports each invalid one with its reason', async () => {
    const collectionId = await collectionOf(store.db, analyst);
    const bundle = {
      type: 'bundle',
      id: 'bundle--0b6f3c2a-1d4e-4f5a-8b6c-7d8e9f0a1b2c',
      objects: [
        valid(0),
        { ...valid(1), id: 'indicator--8d9cf615-7f61-4e8f-9fa0-2b3c4d5e6f70', modified: '2023-01-01T00:00:00.000Z' },
        { ...valid(1), id: 'indicator--9eadf726-8072-4f90-a0b1-3c4d5e6f7081', pattern: "[ipv4-addr:value = '198.51.100.9'" },
        'not an object',
        valid(1),
      ],
    };
    const outcome = await importFile(store.db, analyst, { collectionId, content: JSON.stringify(bundle) });
    expect(outcome).toMatchObject({ total: 5, added: 2 });
    expect(outcome.failures).toHaveLength(3);
    expect(outcome.failures[0]).toMatchObject({
      id: 'indicator--8d9cf615-7f61-4e8f-9fa0-2b3c4d5e6f70',
      message: expect.stringMatching(/modified/),
    });
    expect(outcome.failures[1]).toMatchObject({
      id: 'indicator--9eadf726-8072-4f90-a0b1-3c4d5e6f7081',
      message: expect.stringMatching(/pattern/),
    });
    expect(outcome.failures[2]).toMatchObject({ id: null, message: expect.stringMatching(/object/) });
    expect((await storedRows(store.db, collectionId)).map((r) => r.stix_id)).toEqual([valid(0).id, valid(1).id]);
  });

  it('refuses malformed, oversize, hostile and unrecognised files with nothing written', async () => {
    const collectionId = await collectionOf(store.db, analyst);
    const count = async () =>
      (await store.db.query<{ n: number }>('SELECT (SELECT count(*) FROM intel_objects) + (SELECT count(*) FROM audit_log) AS n'))[0].n;
    const before = await count();
    const refusals: [string | Buffer, RegExp][] = [
      ['{"type": "bundle", "objects": [', /not valid JSON/],
      [Buffer.alloc(MAX_IMPORT_BYTES + 1, 0x20), /imports are limited to 200 MB/],
      [`{"type":"bundle","objects":[${JSON.stringify(valid(0))},{"__proto__":{"isAdmin":true}}]}`, /forbidden key "__proto__"/],
      // A bundle's deep object is that object's failure (stix/ingest.test.ts); other kinds are refused whole.
      [`{"Event":{"Attribute":[${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}]}}`, /nests deeper than 64/],
      ['{"type":"bundle","objects":{"0":{}}}', /"objects" must be a list/],
      [JSON.stringify({ Event: { ...JSON.parse(misp.toString()).Event, Object: 'oops' } }), /Event.Object must be a list/],
      ['{"catalogVersion":"1","vulnerabilities":[]}', /dateReleased/],
      ['{"rows":[1,2,3]}', /Unrecognised file.*expected a STIX 2.1 bundle/],
      ['', /empty/],
    ];
    for (const [content, message] of refusals) {
      await expect(importFile(store.db, analyst, { collectionId, content })).rejects.toThrow(message);
    }
    expect(await count()).toBe(before);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('rolls the whole file back when storing fails half-way', async () => {
    const collectionId = await collectionOf(store.db, analyst);
    // 1,500 objects: two batches. The second batch breaks a database constraint (an owner that does
    // not exist cannot happen through ingest, so a trigger stands in for a database failure).
    const objects = Array.from({ length: 1500 }, (_, i) => ({
      ...valid(0),
      id: `indicator--${uuidAt(i)}`,
      pattern: `[ipv4-addr:value = '10.0.${i >> 8}.${i & 255}']`,
    }));
    await store.db.exec(`CREATE FUNCTION fail_late() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        IF NEW.stix_id = 'indicator--${uuidAt(1200)}' THEN RAISE EXCEPTION 'simulated failure'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER fail_late BEFORE INSERT ON intel_objects FOR EACH ROW EXECUTE FUNCTION fail_late();`);
    try {
      await expect(importFile(store.db, analyst, { collectionId, content: JSON.stringify({ type: 'bundle', objects }) })).rejects.toThrow(
        /simulated failure/,
      );
    } finally {
      await store.db.exec('DROP TRIGGER fail_late ON intel_objects; DROP FUNCTION fail_late();');
    }
    expect(await storedRows(store.db, collectionId)).toHaveLength(0);
  });

  it('needs write access to the collection', async () => {
    const collectionId = await collectionOf(store.db, analyst);
    const outsider = await userActor(store.db, 'cert:JP');
    await expect(importFile(store.db, outsider, { collectionId, content: kev })).rejects.toThrow(/Collection not found/);
    await expect(importFile(store.db, analyst, { collectionId: '00000000-0000-4000-8000-000000000000', content: kev })).rejects.toThrow(
      /Collection not found/,
    );
  });
});

function uuidAt(i: number): string {
  return `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
}
