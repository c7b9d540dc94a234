/**
 * Exports over a real store: a STIX export re-imports into the same objects, TLP decides what each
 * reader gets, RED never leaves in an export (even for the person it is addressed to), CSV is
 * RFC 4180 with spreadsheet formulas neutralised, and the MISP export gives the event back with
 * its uuid, creator, types and markings.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDb, freshDb } from '../../../test/db.js';
import { HOME_COUNTRY } from '../../../server/node.js';
import { systemActor, type UserActor } from '../../identity/actor.js';
import { ensureHomeOrganisation } from '../../directory/organisations.service.js';
import * as collections from '../collections.service.js';
import { importFile } from '../importers/import.service.js';
import { collectionOf, orgId, storedRows, userActor } from '../importers/test-support.js';
import { queryObjects } from '../objects.store.js';
import { readerFor } from '../reader.js';
import { tlpMarkingId } from '../tlp.js';
import { csvCell, exportCsv } from './csv.js';
import { exportMispEvent } from './misp.js';
import { exportStixBundle } from './stix.js';

const misp = readFileSync(new URL('../importers/fixtures/misp-event.json', import.meta.url));
const RED_INDICATOR_VALUE = '192.0.2.66';

let store: TestDb;
let vn: UserActor;
let jp: UserActor;
let collectionId: string;

/** CLEAR objects whose text would be formulas or break naive CSV. */
const hostileClear = {
  type: 'bundle',
  id: 'bundle--5a0f6c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b',
  objects: [
    {
      type: 'identity',
      spec_version: '2.1',
      id: 'identity--4c2a8e51-0b7d-4f3e-9a6c-1d2e3f4a5b6c',
      created: '2024-02-01T00:00:00.000Z',
      modified: '2024-02-01T00:00:00.000Z',
      name: '=HYPERLINK("http://evil.example","x")',
      identity_class: 'organization',
      object_marking_refs: [tlpMarkingId.clear],
    },
    {
      type: 'vulnerability',
      spec_version: '2.1',
      id: 'vulnerability--7d3b9f62-1c8e-4a4f-8b7d-2e3f4a5b6c7d',
      created_by_ref: 'identity--4c2a8e51-0b7d-4f3e-9a6c-1d2e3f4a5b6c',
      created: '2024-02-01T00:00:00.000Z',
      modified: '2024-02-02T00:00:00.000Z',
      name: 'Phish, "urgent"\r\nreply',
      external_references: [{ source_name: 'cve', external_id: 'CVE-2024-0001' }],
      object_marking_refs: [tlpMarkingId.clear],
    },
    {
      type: 'indicator',
      spec_version: '2.1',
      id: 'indicator--8e4c0a73-2d9f-4b5a-9c8e-3f4a5b6c7d8e',
      created: '2024-02-01T00:00:00.000Z',
      modified: '2024-02-01T00:00:00.000Z',
      name: '@SUM(A1:A9)',
      pattern: "[url:value = 'http://cmd.example/a,b']",
      pattern_type: 'stix',
      valid_from: '2024-02-01T00:00:00.000Z',
      object_marking_refs: [tlpMarkingId.clear],
    },
  ],
};

beforeAll(async () => {
  store = await freshDb();
  await ensureHomeOrganisation(store.db, systemActor('test'), HOME_COUNTRY);
  vn = await userActor(store.db, 'cert:VN');
  jp = await userActor(store.db, 'cert:JP');
  collectionId = await collectionOf(store.db, vn, 'shared with JP');
  await collections.grant(store.db, systemActor('test'), collectionId, await orgId(store.db, 'cert:JP'), {
    canRead: true,
    canWrite: false,
  });
  for (const content of [misp, JSON.stringify(hostileClear)]) {
    const outcome = await importFile(store.db, vn, { collectionId, content });
    expect(outcome.failures).toEqual([]);
  }
});
afterAll(async () => store?.drop());

const byId = (a: { id?: unknown }, b: { id?: unknown }) => String(a.id).localeCompare(String(b.id));
const uuidOf = (id: string) => id.slice(id.indexOf('--') + 2);

describe('STIX export', () => {
  it('round-trips: exporting and importing into another collection gives the same objects', async () => {
    const { bundle, withheldRed } = await exportStixBundle(store.db, vn, { collectionId });
    expect(bundle.type).toBe('bundle');
    expect(bundle.objects).toHaveLength(15 + 3);
    // The RED indicator and the RED link from the report to it.
    expect(withheldRed).toBe(2);
    const other = await collectionOf(store.db, vn);
    const outcome = await importFile(store.db, vn, { collectionId: other, content: JSON.stringify(bundle) });
    expect(outcome).toMatchObject({ added: 18, failures: [] });
    const again = await exportStixBundle(store.db, vn, { collectionId: other });
    expect([...again.bundle.objects].sort(byId)).toEqual([...bundle.objects].sort(byId));
  });

  it('never carries RED, even for the person it is addressed to', async () => {
    const rows = await queryObjects(store.db, { collectionId, reader: await readerFor(store.db, vn), types: ['indicator'], limit: 100 });
    expect(rows.some((r) => (r.object as string).includes(RED_INDICATOR_VALUE))).toBe(true);
    const { bundle } = await exportStixBundle(store.db, vn, { collectionId });
    expect(JSON.stringify(bundle)).not.toContain(RED_INDICATOR_VALUE);
    const { csv } = await exportCsv(store.db, vn, { collectionId });
    expect(csv).not.toContain(RED_INDICATOR_VALUE);
    const { event } = await exportMispEvent(store.db, vn, { collectionId });
    expect(JSON.stringify(event)).not.toContain(RED_INDICATOR_VALUE);
  });

  it("names no RED object: the MISP event's report refers to its RED attribute only through a RED link", async () => {
    const red = (await storedRows(store.db, collectionId)).filter((r) => r.tlp === 'red');
    expect(red.map((r) => r.type).sort()).toEqual(['indicator', 'relationship']);
    for (const reader of [vn, jp]) {
      const { bundle } = await exportStixBundle(store.db, reader, { collectionId });
      for (const r of red) expect(JSON.stringify(bundle)).not.toContain(r.stix_id);
      const { csv } = await exportCsv(store.db, reader, { collectionId });
      for (const r of red) expect(csv).not.toContain(r.stix_id);
      const { event } = await exportMispEvent(store.db, reader, { collectionId });
      for (const r of red) expect(JSON.stringify(event)).not.toContain(uuidOf(r.stix_id));
    }
    // The report as stored names it no more either.
    const report = (await storedRows(store.db, collectionId)).find((r) => r.type === 'report')!;
    expect(JSON.stringify(report.object)).not.toContain(red.find((r) => r.type === 'indicator')!.stix_id);
  });

  it('gives a reader of another organisation only what TLP lets them have', async () => {
    const { bundle, withheldRed } = await exportStixBundle(store.db, jp, { collectionId });
    expect(bundle.objects.map((o) => o.id).sort()).toEqual(hostileClear.objects.map((o) => o.id).sort());
    expect(withheldRed).toBe(0);
    const asked = await exportStixBundle(store.db, jp, { collectionId, ids: ['report--59be7cbb-2f0f-4968-81df-522fc87b52fe'] });
    expect(asked.bundle.objects).toEqual([]);
    const stranger = await userActor(store.db, 'cert:TH');
    await expect(exportStixBundle(store.db, stranger, { collectionId })).rejects.toThrow(/Collection not found/);
  });

  it('selects by type and id', async () => {
    const { bundle } = await exportStixBundle(store.db, vn, { collectionId, types: ['vulnerability'] });
    expect(bundle.objects.map((o) => o.name).sort()).toEqual(['CVE-2023-46805', 'Phish, "urgent"\r\nreply']);
  });
});

/** A strict RFC 4180 reader for checking the export. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (text[i] === '"' && text[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else cell += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') cell += text[i++];
    }
    row.push(cell);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else if (i < text.length) throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`);
  }
  return rows;
}

describe('CSV export', () => {
  it('quotes as RFC 4180 and neutralises formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('=HYPERLINK("x","y")')).toBe('"\'=HYPERLINK(""x"",""y"")"');
    expect(csvCell(undefined)).toBe('');
  });

  it('writes one row per object with the agreed columns, readable back by a strict parser', async () => {
    const { csv, rows, withheldRed } = await exportCsv(store.db, jp, { collectionId });
    expect(csv.endsWith('\r\n')).toBe(true);
    const table = parseCsv(csv);
    expect(table[0]).toEqual(['id', 'type', 'name', 'created', 'modified', 'tlp', 'value', 'owner']);
    expect(table).toHaveLength(rows + 1);
    expect(withheldRed).toBe(0);
    const row = (id: string) => table.find((r) => r[0] === id)!;
    expect(row('identity--4c2a8e51-0b7d-4f3e-9a6c-1d2e3f4a5b6c')[2]).toBe('\'=HYPERLINK("http://evil.example","x")');
    const vulnerability = row('vulnerability--7d3b9f62-1c8e-4a4f-8b7d-2e3f4a5b6c7d');
    expect(vulnerability.slice(1, 7)).toEqual([
      'vulnerability',
      'Phish, "urgent"\r\nreply',
      '2024-02-01T00:00:00.000Z',
      '2024-02-02T00:00:00.000Z',
      'clear',
      'CVE-2024-0001',
    ]);
    // The owning organisation is the importer's (no directory organisation stands for the creator identity).
    expect(vulnerability[7]).toMatch(/VNCERT|Viet/i);
    expect(row('indicator--8e4c0a73-2d9f-4b5a-9c8e-3f4a5b6c7d8e').slice(2, 7)).toEqual([
      "'@SUM(A1:A9)",
      '2024-02-01T00:00:00.000Z',
      '2024-02-01T00:00:00.000Z',
      'clear',
      "[url:value = 'http://cmd.example/a,b']",
    ]);
    for (const cells of table.slice(1)) for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@]/);
  });
});

describe('MISP export', () => {
  it('gives the event back: uuid, creator, TLP tag, typed attributes with their uuids, no RED', async () => {
    const { event, skipped, withheldRed } = await exportMispEvent(store.db, vn, { collectionId });
    const source = JSON.parse(misp.toString()).Event;
    expect(withheldRed).toBe(2);
    expect(event.Event).toMatchObject({
      uuid: source.uuid,
      info: source.info,
      date: '2024-03-12',
      Orgc: { uuid: source.Orgc.uuid, name: 'VNCERT/CC' },
    });
    expect(event.Event.Tag[0]).toEqual({ name: 'tlp:amber' });
    expect(event.Event.Tag.map((t) => t.name)).toContain('misp-galaxy:threat-actor="UNC5221"');
    const attr = (uuid: string) => event.Event.Attribute.find((a) => a.uuid === uuid);
    for (const a of source.Attribute.filter(
      (x: { type: string; value: string; deleted?: boolean }) => x.type !== 'text' && !x.deleted && x.value !== RED_INDICATOR_VALUE,
    )) {
      expect(attr(a.uuid), a.type).toMatchObject({ type: a.type, value: a.value, to_ids: a.to_ids, category: a.category });
    }
    expect(event.Event.Attribute.find((a) => a.value === 'cdn-mirror.example.com|198.51.100.99')).toMatchObject({
      type: 'domain|ip',
      to_ids: false,
    });
    expect(event.Event.Attribute.find((a) => a.type === 'stix2-pattern')?.value).toMatch(/^\[file:name = 'compcheckresult.cgi' AND/);
    // The CLEAR extras of the collection come along with their own TLP tag; the identities stay out.
    expect(event.Event.Attribute.find((a) => a.value === 'CVE-2024-0001')?.Tag).toEqual([{ name: 'tlp:clear' }]);
    expect(skipped.map((s) => s.type).sort()).toEqual(['identity', 'identity']);
    expect(JSON.stringify(event)).not.toContain(RED_INDICATOR_VALUE);
  });

  it('imports back into the same STIX ids', async () => {
    const { event } = await exportMispEvent(store.db, vn, { collectionId, types: ['report', 'indicator', 'identity'] });
    const other = await collectionOf(store.db, vn);
    const outcome = await importFile(store.db, vn, { collectionId: other, content: JSON.stringify(event) });
    expect(outcome.failures).toEqual([]);
    const ids = async (c: string) =>
      (await exportStixBundle(store.db, vn, { collectionId: c, types: ['indicator', 'report'] })).bundle.objects.map((o) => o.id);
    const original = await ids(collectionId);
    const reimported = await ids(other);
    expect(reimported).toContain('report--59be7cbb-2f0f-4968-81df-522fc87b52fe');
    // Every indicator made from a single MISP attribute comes back under the same id.
    const fromAttributes = original.filter(
      (id) =>
        String(id).startsWith('indicator--') &&
        id !== 'indicator--852102bd-6552-535f-b03f-ad1762b00abf' &&
        id !== 'indicator--8e4c0a73-2d9f-4b5a-9c8e-3f4a5b6c7d8e',
    );
    for (const id of fromAttributes) expect(reimported).toContain(id);
  });
});

describe('references in exports', () => {
  const t = '2024-04-01T00:00:00.000Z';
  const base = (type: string, id: string, tlp: keyof typeof tlpMarkingId, extra: Record<string, unknown>) => ({
    type,
    spec_version: '2.1',
    id: `${type}--${id}`,
    created: t,
    modified: t,
    object_marking_refs: [tlpMarkingId[tlp]],
    ...extra,
  });
  const pattern = (n: number) => ({ pattern: `[ipv4-addr:value = '203.0.113.${n}']`, pattern_type: 'stix', valid_from: t });
  const amberIdentity = base('identity', '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e', 'amber', {
    name: 'Internal team',
    identity_class: 'group',
  });
  const green = base('indicator', '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f', 'green', { ...pattern(1), created_by_ref: amberIdentity.id });
  const amber = base('indicator', '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a', 'amber', pattern(2));
  const red = base('indicator', '3e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6a7b', 'red', pattern(3));
  const report = base('report', '4f5a6b7c-8d9e-4f0a-9b2c-3d4e5f6a7b8c', 'green', {
    name: 'Mixed report',
    published: t,
    object_refs: [green.id, amber.id, red.id, 'malware--5a6b7c8d-9e0f-4a1b-8c3d-4e5f6a7b8c9d'],
  });
  const link = base('relationship', '6b7c8d9e-0f1a-4b2c-9d4e-5f6a7b8c9d0e', 'green', {
    relationship_type: 'related-to',
    source_ref: green.id,
    target_ref: amber.id,
  });
  const onlyAmber = base('report', '7c8d9e0f-1a2b-4c3d-8e5f-6a7b8c9d0e1f', 'green', {
    name: 'About amber',
    published: t,
    object_refs: [amber.id],
  });
  const sightingOfAmber = base('sighting', '8d9e0f1a-2b3c-4d4e-9f6a-7b8c9d0e1f2a', 'green', { sighting_of_ref: amber.id });
  const hiddenIds = [amberIdentity.id, amber.id, red.id];
  let mixed: string;

  beforeAll(async () => {
    mixed = await collectionOf(store.db, vn, 'mixed markings');
    await collections.grant(store.db, systemActor('test'), mixed, await orgId(store.db, 'cert:JP'), { canRead: true, canWrite: false });
    const objects = [amberIdentity, green, amber, red, report, link, onlyAmber, sightingOfAmber];
    const outcome = await importFile(store.db, vn, {
      collectionId: mixed,
      content: JSON.stringify({ type: 'bundle', id: `bundle--${uuidOf(report.id)}`, objects }),
    });
    expect(outcome.failures).toEqual([]);
  });

  it('never names, in any format, an object the exporting reader may not read', async () => {
    const stix = await exportStixBundle(store.db, jp, { collectionId: mixed });
    const got = new Map(stix.bundle.objects.map((o) => [o.id, o]));
    expect([...got.keys()].sort()).toEqual([green.id, report.id].sort());
    // Refs to objects the node does not hold stay: there is nothing behind them to protect.
    expect(got.get(report.id)?.object_refs).toEqual([green.id, 'malware--5a6b7c8d-9e0f-4a1b-8c3d-4e5f6a7b8c9d']);
    expect(got.get(green.id)).not.toHaveProperty('created_by_ref');
    expect(got.get(green.id)?.object_marking_refs).toEqual([tlpMarkingId.green]);
    expect(stix).toMatchObject({ withheldRed: 0, withheldLinks: 3, removedRefs: 3 });
    const csv = await exportCsv(store.db, jp, { collectionId: mixed });
    const misp = await exportMispEvent(store.db, jp, { collectionId: mixed });
    for (const id of hiddenIds) {
      expect(JSON.stringify(stix.bundle)).not.toContain(id);
      expect(csv.csv).not.toContain(id);
      expect(JSON.stringify(misp.event)).not.toContain(uuidOf(id));
    }
  });

  it('keeps what the reader may read, and never names RED even to its addressee', async () => {
    const stix = await exportStixBundle(store.db, vn, { collectionId: mixed });
    const got = new Map(stix.bundle.objects.map((o) => [o.id, o]));
    expect(got.get(report.id)?.object_refs).toEqual([green.id, amber.id, 'malware--5a6b7c8d-9e0f-4a1b-8c3d-4e5f6a7b8c9d']);
    expect(got.get(green.id)?.created_by_ref).toBe(amberIdentity.id);
    expect(got.get(link.id)).toEqual(link);
    expect(got.has(sightingOfAmber.id)).toBe(true);
    expect(stix).toMatchObject({ withheldRed: 1, withheldLinks: 0, removedRefs: 1 });
    expect(JSON.stringify(stix.bundle)).not.toContain(red.id);
  });
});
