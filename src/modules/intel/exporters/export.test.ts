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
import { collectionOf, orgId, userActor } from '../importers/test-support.js';
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

describe('STIX export', () => {
  it('round-trips: exporting and importing into another collection gives the same objects', async () => {
    const { bundle, withheldRed } = await exportStixBundle(store.db, vn, { collectionId });
    expect(bundle.type).toBe('bundle');
    expect(bundle.objects).toHaveLength(15 + 3);
    expect(withheldRed).toBe(1);
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
    expect(withheldRed).toBe(1);
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
