/**
 * Correlation over real HTTP, as the console's object page shows it: objects stored through TAXII
 * by analysts of three national CERTs, and each page's hits. An address hits the ranges that hold
 * it and a range the addresses inside it; IPv6 addresses and URLs hit however they were written;
 * and range hits obey TLP exactly as exact hits do.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestNode, startTestNode } from '../../test/http.js';
import { TaxiiClient, indicator } from '../taxii/testing.js';
import { type Tlp, tlpMarkingId } from './tlp.js';

type User = Client & { email: string; password: string };
let node: TestNode;
let vnAnalyst: User;
let jpAnalyst: User;
let thAnalyst: User;
let collection: string;

beforeAll(async () => {
  node = await startTestNode();
  const [vn, jp, th] = [await node.orgId('cert:VN'), await node.orgId('cert:JP'), await node.orgId('cert:TH')];
  vnAnalyst = await node.userWith([{ organisationId: vn, role: 'analyst' }]);
  jpAnalyst = await node.userWith([{ organisationId: jp, role: 'analyst' }]);
  thAnalyst = await node.userWith([{ organisationId: th, role: 'analyst' }]);
  const admin = await node.userWith([{ organisationId: vn, role: 'node_admin' }]);
  collection = (await vnAnalyst.post('/api/v1/intel/collections', { title: 'Correlation feed' })).body.id;
  for (const org of [jp, th]) {
    await admin.request('PUT', `/api/v1/intel/collections/${collection}/access/${org}`, { canRead: true, canWrite: true });
  }
});
afterAll(() => node?.close());

/** Stores objects as the user's organisation (the writer owns what it stores). */
async function post(u: User, ...objects: Record<string, unknown>[]) {
  const res = await TaxiiClient.basic(node.url, u.email, u.password).post(`/taxii2/real/collections/${collection}/objects/`, { objects });
  expect(res.body.failures ?? [], JSON.stringify(res.body)).toEqual([]);
}

const withPattern = (pattern: string, tlp: Tlp, name: string): Record<string, unknown> => ({ ...indicator({ tlp, name }), pattern });

function observable(type: string, value: string, tlp: Tlp): Record<string, unknown> {
  return { type, spec_version: '2.1', id: `${type}--${randomUUID()}`, value, object_marking_refs: [tlpMarkingId[tlp]] };
}

/** The page's hits as id → the values that hit. */
async function hits(u: User, id: unknown): Promise<Record<string, string[]>> {
  const page = await u.get(`/api/v1/intel/objects/${id}`);
  expect(page.status).toBe(200);
  return Object.fromEntries(
    page.body.correlations.map((c: { id: string; matches: { kind: string; value: string }[] }) => [
      c.id,
      c.matches.map((m) => `${m.kind} ${m.value}`).sort(),
    ]),
  );
}

describe('correlation by IP range', () => {
  it('lets an address hit the ranges that hold it and a range the addresses in it, within TLP', async () => {
    // Viet Nam's AMBER indicator on a /24; Japan's GREEN address (an indicator and an observed
    // address) inside it, another just outside, and a GREEN /16 holding all of them; Thailand's
    // RED /25 holding the address.
    const vnRange = withPattern("[ipv4-addr:value ISSUBSET '198.51.100.0/24']", 'amber', 'VN /24');
    const jpIndicator = indicator({ value: '198.51.100.7', tlp: 'green', name: 'JP address' });
    const jpObserved = observable('ipv4-addr', '198.51.100.7', 'green');
    const jpOutside = indicator({ value: '198.51.101.7', tlp: 'green', name: 'JP outside' });
    const jpWide = withPattern("[ipv4-addr:value ISSUBSET '198.51.0.0/16']", 'green', 'JP /16');
    const thRange = withPattern("[network-traffic:dst_ref.value ISSUBSET '198.51.100.0/25']", 'red', 'TH /25');
    await post(vnAnalyst, vnRange);
    await post(jpAnalyst, jpIndicator, jpObserved, jpOutside, jpWide);
    await post(thAnalyst, thRange);

    // From the range, the addresses inside it and the range around it; Thailand's RED range is
    // not Viet Nam's to see.
    expect(await hits(vnAnalyst, vnRange.id)).toEqual({
      [jpIndicator.id as string]: ['ipv4 198.51.100.7'],
      [jpObserved.id as string]: ['ipv4 198.51.100.7'],
      [jpWide.id as string]: ['ipv4 198.51.0.0/16'],
    });
    // From the address, the ranges holding it (and the same address, exactly).
    expect(await hits(vnAnalyst, jpIndicator.id)).toEqual({
      [vnRange.id as string]: ['ipv4 198.51.100.0/24'],
      [jpObserved.id as string]: ['ipv4 198.51.100.7'],
      [jpWide.id as string]: ['ipv4 198.51.0.0/16'],
    });
    expect(await hits(vnAnalyst, jpOutside.id)).toEqual({ [jpWide.id as string]: ['ipv4 198.51.0.0/16'] });
    expect(await hits(vnAnalyst, jpWide.id)).toEqual({
      [vnRange.id as string]: ['ipv4 198.51.100.0/24'],
      [jpIndicator.id as string]: ['ipv4 198.51.100.7'],
      [jpObserved.id as string]: ['ipv4 198.51.100.7'],
      [jpOutside.id as string]: ['ipv4 198.51.101.7'],
    });

    // Japan may read neither Viet Nam's AMBER nor Thailand's RED range: no hit from either.
    expect(await hits(jpAnalyst, jpIndicator.id)).toEqual({
      [jpObserved.id as string]: ['ipv4 198.51.100.7'],
      [jpWide.id as string]: ['ipv4 198.51.0.0/16'],
    });
    expect(await hits(jpAnalyst, jpWide.id)).toEqual({
      [jpIndicator.id as string]: ['ipv4 198.51.100.7'],
      [jpObserved.id as string]: ['ipv4 198.51.100.7'],
      [jpOutside.id as string]: ['ipv4 198.51.101.7'],
    });
    // Thailand reads its own RED range: the GREEN addresses and range around it, never Viet Nam's
    // AMBER /24 (which holds the /25 too).
    expect(await hits(thAnalyst, thRange.id)).toEqual({
      [jpIndicator.id as string]: ['ipv4 198.51.100.7'],
      [jpObserved.id as string]: ['ipv4 198.51.100.7'],
      [jpWide.id as string]: ['ipv4 198.51.0.0/16'],
    });
    expect((await thAnalyst.get(`/api/v1/intel/objects/${vnRange.id}`)).status).toBe(404);
  });

  it('correlates IPv6 addresses however they are written, and their ranges', async () => {
    const vnLong = withPattern("[ipv6-addr:value = '2001:0DB8:0:0:0:0:0:1']", 'green', 'VN long form');
    const jpShort = observable('ipv6-addr', '2001:db8::1', 'green');
    const jpRange = withPattern("[ipv6-addr:value ISSUBSET '2001:db8::/32']", 'green', 'JP /32');
    const jpElsewhere = withPattern("[ipv6-addr:value = '2001:db9::1']", 'green', 'JP elsewhere');
    await post(vnAnalyst, vnLong);
    await post(jpAnalyst, jpShort, jpRange, jpElsewhere);

    expect(await hits(vnAnalyst, vnLong.id)).toEqual({
      [jpShort.id as string]: ['ipv6 2001:db8::1'],
      [jpRange.id as string]: ['ipv6 2001:db8::/32'],
    });
    expect(await hits(jpAnalyst, jpRange.id)).toEqual({
      [vnLong.id as string]: ['ipv6 2001:db8::1'],
      [jpShort.id as string]: ['ipv6 2001:db8::1'],
    });
  });

  it('correlates URLs whose scheme and host differ only in case, and not when the path does', async () => {
    const vnUrl = withPattern("[url:value = 'HTTP://Evil.Example/Gate.php?ID=7']", 'green', 'VN URL');
    const jpUrl = observable('url', 'http://evil.example/Gate.php?ID=7', 'green');
    const jpOtherPath = observable('url', 'http://evil.example/gate.php?id=7', 'green');
    await post(vnAnalyst, vnUrl);
    await post(jpAnalyst, jpUrl, jpOtherPath);

    expect(await hits(vnAnalyst, vnUrl.id)).toEqual({ [jpUrl.id as string]: ['url http://evil.example/Gate.php?ID=7'] });
  });

  it('does not index an address that is none', async () => {
    const vnBad = withPattern("[ipv4-addr:value = '999.2.3.4']", 'green', 'VN typo');
    const jpBad = withPattern("[ipv4-addr:value = '999.2.3.4']", 'green', 'JP typo');
    await post(vnAnalyst, vnBad);
    await post(jpAnalyst, jpBad);

    expect(await hits(vnAnalyst, vnBad.id)).toEqual({});
    const rows = await node.db.query(
      `SELECT ob.kind FROM intel_observables ob JOIN intel_objects o ON o.pk = ob.object_pk WHERE o.stix_id = ANY($1::text[])`,
      [[vnBad.id, jpBad.id]],
    );
    expect(rows).toEqual([]);
  });
});
