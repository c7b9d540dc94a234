/**
 * GET /api/v1/intel/exports over real HTTP: each format as a download with what was left out in
 * headers, RED never in the file, the export on record in the audit log, and malformed, oversize
 * and unauthorised requests refused in the API's error shape with nothing recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, type TestNode, startTestNode } from '../../../test/http.js';

let node: TestNode;
let vnAnalyst: Client;
let jpAnalyst: Client;
let collection: string;
let green: string;
let red: string;

const exportsOf = (u: Client, query: string) => u.get(`/api/v1/intel/exports?${query}`);
const exportAudits = async () =>
  (await node.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'intel.export'`))[0].n;
const create = async (u: Client, tlp: string, name: string, value: string) => {
  const made = await u.post('/api/v1/intel/objects', {
    collectionId: collection,
    tlp,
    object: {
      type: 'indicator',
      name,
      pattern: `[ipv4-addr:value = '${value}']`,
      pattern_type: 'stix',
      valid_from: '2026-03-01T00:00:00Z',
    },
  });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  return made.body.id as string;
};

beforeAll(async () => {
  node = await startTestNode();
  const [vn, jp] = [await node.orgId('cert:VN'), await node.orgId('cert:JP')];
  vnAnalyst = await node.userWith([{ organisationId: vn, role: 'analyst' }]);
  jpAnalyst = await node.userWith([{ organisationId: jp, role: 'analyst' }]);
  collection = (await vnAnalyst.post('/api/v1/intel/collections', { title: 'Gateway feed' })).body.id;
  green = await create(vnAnalyst, 'green', 'Gateway scanner', '198.51.100.7');
  red = await create(vnAnalyst, 'red', 'Insider source', '203.0.113.99');
});
afterAll(() => node?.close());

describe('exports', () => {
  it('gives a STIX bundle without RED, saying in headers what was withheld, and records the export', async () => {
    const before = await exportAudits();
    const res = await exportsOf(vnAnalyst, `collection=${collection}&format=stix`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/stix\+json; ?version="?2\.1"?/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="kizuna-[0-9a-f]{8}-\d{8}T\d{6}\.stix\.json"$/);
    expect(res.body.type).toBe('bundle');
    const ids = res.body.objects.map((o: { id: string }) => o.id);
    expect(ids).toContain(green);
    expect(ids).not.toContain(red);
    expect(JSON.stringify(res.body)).not.toContain('203.0.113.99');
    expect(res.headers.get('x-kizuna-withheld-red')).toBe('1');
    expect(res.headers.get('x-kizuna-objects')).toBe(String(ids.length));
    expect(await exportAudits()).toBe(before + 1);
  });

  it('gives a MISP event and CSV, and narrows by id and type', async () => {
    const misp = await exportsOf(vnAnalyst, `collection=${collection}&format=misp`);
    expect(misp.status).toBe(200);
    expect(misp.body.Event.Attribute.map((a: { value: string }) => a.value)).toEqual(['198.51.100.7']);
    const csv = await exportsOf(vnAnalyst, `collection=${collection}&format=csv&types=indicator&ids=${green}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = String(csv.body).trim().split(/\r?\n/);
    expect(lines[0]).toBe('id,type,name,created,modified,tlp,value,owner');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(green);
    const none = await exportsOf(vnAnalyst, `collection=${collection}&format=csv&types=malware`);
    expect(String(none.body).trim().split(/\r?\n/)).toHaveLength(1);
  });

  it('refuses malformed, oversize and unauthorised requests, recording nothing', async () => {
    const before = await exportAudits();
    for (const q of [
      'format=stix',
      'collection=not-a-uuid',
      `collection=${collection}&format=xlsx`,
      `collection=${collection}&ids=indicator--nope`,
      `collection=${collection}&types=Indicator;DROP`,
      `collection=${collection}&addedAfter=yesterday`,
      `collection=${collection}&ids=${Array.from({ length: 201 }, () => green).join(',')}`,
    ]) {
      const res = await exportsOf(vnAnalyst, q);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code, q).toBe('validation_failed');
    }
    const anonymous = await new Client(node.url).get(`/api/v1/intel/exports?collection=${collection}`);
    expect(anonymous.status).toBe(401);
    // Japan has no right on Viet Nam's collection: to Japan it does not exist.
    const foreign = await exportsOf(jpAnalyst, `collection=${collection}`);
    expect([403, 404]).toContain(foreign.status);
    expect(JSON.stringify(foreign.body)).not.toContain('Gateway');
    const unknown = await exportsOf(vnAnalyst, 'collection=00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    expect(await exportAudits()).toBe(before);
  });
});
