/**
 * Communication checks over real HTTP, with a real SMTP server receiving the messages and the
 * drill worker sending them: the link in each e-mail acknowledges through the public page (POST
 * only, once), the response time is recorded, and bad or unauthorised requests change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestNode, startTestNode } from '../../test/http.js';
import { type Cast, cast, type Mailbox, startMailbox, until } from './test/fixtures.js';
import * as checkStore from './checks.store.js';
import { type Worker, startWorker } from './worker.js';

let node: TestNode;
let c: Cast;
let worker: Worker;
let mailbox: Mailbox;
let admin: Client;
let player: Awaited<ReturnType<TestNode['userWith']>>;
let exerciseId: string;
let otherExerciseId: string;
let vnOrg: { id: string; name: string };
let jpOrg: { id: string; name: string };
let check: any;
const hostile = '<script>alert("x")</script> & Co';

const userId = async (client: { email: string }) =>
  (await node.db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [client.email]))[0].id;

async function orgByKey(key: string) {
  const [row] = await node.db.query<{ id: string; name: string }>('SELECT id, name FROM organisations WHERE external_key = $1', [key]);
  return row;
}

const auditCount = async (action: string) =>
  (await node.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE action = $1', [action]))[0].n;

/** The acknowledgement path in a received e-mail (quoted-printable soft breaks undone). */
function ackPathIn(raw: string): string {
  const m = /\/ack\/([A-Za-z0-9_-]{43})/.exec(raw.replace(/=\r?\n/g, ''));
  if (!m) throw new Error(`no acknowledgement link in ${raw}`);
  return m[0];
}

const form = (path: string) =>
  fetch(node.url + path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });

beforeAll(async () => {
  mailbox = await startMailbox();
  node = await startTestNode();
  c = await cast(node);
  admin = await node.userWith([{ organisationId: c.vn, role: 'node_admin' }]);
  vnOrg = await orgByKey('cert:VN');
  jpOrg = await orgByKey('cert:JP');
  // Contacts of our own, one with a name that must never reach the page as markup.
  for (const [org, label, email] of [
    [vnOrg.id, hostile, 'soc-duty@vncert.example'],
    [vnOrg.id, 'Trực ban 24/7', 'truc-ban@vncert.example'],
    [jpOrg.id, 'JPCERT duty desk', 'duty@jpcert.example'],
  ]) {
    const res = await admin.post('/api/v1/points-of-contact', { organisationId: org, label, email });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  const site = (await node.db.query<{ id: string }>('SELECT id FROM sites WHERE organisation_id = $1 LIMIT 1', [vnOrg.id]))[0];
  player = await node.userWith([{ organisationId: vnOrg.id, role: 'player' }]);
  exerciseId = (await c.lead.post('/api/v1/exercises', { name: 'Comms drill', leadOrganisationId: c.vn })).body.id;
  otherExerciseId = (await c.lead.post('/api/v1/exercises', { name: 'Another drill', leadOrganisationId: c.vn })).body.id;
  const team = await c.lead.post(`/api/v1/exercises/${exerciseId}/teams`, {
    name: 'VNCERT room',
    organisationId: vnOrg.id,
    siteId: site?.id ?? null,
    playerIds: [await userId(player)],
  });
  expect(team.status).toBe(201);
  worker = await startTheWorker();
}, 60_000);

const startTheWorker = () =>
  startWorker(node.db, {
    pollMs: 50,
    leaseMs: 1_000,
    email: { url: mailbox.url, from: 'Kizuna drills <drills@kizuna.example>' },
  });

afterAll(async () => {
  await worker?.stop();
  await node?.close();
  await mailbox?.close();
});

describe('communication checks', () => {
  it('sends one e-mail per point of contact and records who acknowledged and how fast', async () => {
    const contacts = await admin.get(`/api/v1/points-of-contact?organisationId=${vnOrg.id}&limit=200`);
    const expected = contacts.body.items.length;
    expect(expected).toBeGreaterThanOrEqual(2);
    const before = await auditCount('drill.communication_check.create');
    const res = await c.lead.post(`/api/v1/exercises/${exerciseId}/communication-checks`, {
      title: 'Kiểm tra liên lạc — communication check',
      message: 'Please confirm you receive drill traffic. Xin xác nhận.',
      organisationIds: [vnOrg.id],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    check = res.body;
    expect(check.summary).toEqual({ total: expected, acknowledged: 0, pending: expected, failed: 0 });
    expect(check.contacts).toHaveLength(expected);
    expect(await auditCount('drill.communication_check.create')).toBe(before + 1);

    const sent = await until(async () => {
      const g = await c.lead.get(`/api/v1/exercises/${exerciseId}/communication-checks/${check.id}`);
      return g.body.contacts.every((x: any) => x.deliveryState === 'sent') && g.body;
    }, 20_000);
    for (const x of sent.contacts) expect(x.sentAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    await until(async () => mailbox.mails.length >= expected, 10_000);
    const addresses = mailbox.mails.flatMap((m) => m.to).sort();
    expect(addresses).toEqual(sent.contacts.map((x: any) => x.email).sort());
    // Exactly one message per contact, each with its own link.
    expect(new Set(mailbox.mails.map((m) => ackPathIn(m.raw))).size).toBe(expected);
    expect(mailbox.mails[0].raw).toMatch(/Subject: .*EXERCISE/);

    const mine = mailbox.mails.find((m) => m.to.includes('soc-duty@vncert.example'));
    const path = ackPathIn(mine?.raw ?? '');
    // Opening the link (as a mail scanner would) shows the page and acknowledges nothing.
    const page = await fetch(node.url + path);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    const html = await page.text();
    expect(html).toContain('EXERCISE');
    expect(html).toContain('method="post"');
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    const still = await c.lead.get(`/api/v1/exercises/${exerciseId}/communication-checks/${check.id}`);
    expect(still.body.summary.acknowledged).toBe(0);

    await new Promise((r) => setTimeout(r, 50));
    const acked = await form(path);
    expect(acked.status).toBe(200);
    expect(await acked.text()).toMatch(/Thank you/);
    const after = await c.lead.get(`/api/v1/exercises/${exerciseId}/communication-checks/${check.id}`);
    const row = after.body.contacts.find((x: any) => x.email === 'soc-duty@vncert.example');
    expect(row.acknowledgedAt).toMatch(/^\d{4}-/);
    expect(row.responseMs).toBeGreaterThanOrEqual(50);
    // Stored to the microsecond, shown to the millisecond: the two may differ by one in rounding.
    expect(Math.abs(row.responseMs - (Date.parse(row.acknowledgedAt) - Date.parse(row.sentAt)))).toBeLessThanOrEqual(1);
    expect(after.body.summary).toEqual({ total: expected, acknowledged: 1, pending: expected - 1, failed: 0 });
    for (const other of after.body.contacts.filter((x: any) => x.id !== row.id)) expect(other.acknowledgedAt).toBeNull();
    expect(await auditCount('drill.communication_check.acknowledge')).toBe(1);

    // A second acknowledgement changes nothing and says so.
    const again = await form(path);
    expect(again.status).toBe(200);
    expect(await again.text()).toMatch(/already acknowledged/);
    const same = (await c.lead.get(`/api/v1/exercises/${exerciseId}/communication-checks/${check.id}`)).body.contacts.find(
      (x: any) => x.id === row.id,
    );
    expect(same).toEqual(row);
    expect(await auditCount('drill.communication_check.acknowledge')).toBe(1);
    expect(await (await fetch(node.url + path)).text()).toMatch(/Already acknowledged/);

    const listed = await c.lead.get(`/api/v1/exercises/${exerciseId}/communication-checks`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((x: any) => x.id)).toEqual([check.id]);
    expect(listed.body.items[0].contacts).toBeUndefined();
    expect(listed.body.items[0].summary.acknowledged).toBe(1);
    // Evaluators of the lead organisation read it too.
    expect((await c.evaluator.get(`/api/v1/exercises/${exerciseId}/communication-checks/${check.id}`)).status).toBe(200);
  }, 60_000);

  it('loses no message when a worker dies holding its claim, and sends none twice', async () => {
    await worker.stop();
    const res = await c.lead.post(`/api/v1/exercises/${exerciseId}/communication-checks`, {
      title: 'After the crash',
      message: 'Please acknowledge.',
      organisationIds: [jpOrg.id],
    });
    expect(res.status).toBe(201);
    const n = res.body.summary.total;
    // A worker claims every message and dies before sending any.
    const claimed = await checkStore.claimSends(node.db, 'dead-worker', 1_000, 500);
    expect(claimed.length).toBe(n);
    const before = mailbox.mails.length;
    worker = await startTheWorker();
    const done = await until(async () => {
      const g = await c.lead.get(`/api/v1/exercises/${exerciseId}/communication-checks/${res.body.id}`);
      return g.body.contacts.every((x: any) => x.deliveryState === 'sent') && g.body;
    }, 20_000);
    await new Promise((r) => setTimeout(r, 500));
    const sent = mailbox.mails.slice(before).filter((m) => /After the crash/.test(m.raw));
    expect(sent.length).toBe(n);
    expect(sent.flatMap((m) => m.to).sort()).toEqual(done.contacts.map((x: any) => x.email).sort());
    const rows = await node.db.query<{ attempts: number; outbox_token: string | null }>(
      'SELECT attempts, outbox_token FROM drill_comm_check_contacts WHERE check_id = $1',
      [res.body.id],
    );
    // The dead worker's attempt counts; once sent, the plain token is gone from the store.
    for (const r of rows) {
      expect(r.attempts).toBe(2);
      expect(r.outbox_token).toBeNull();
    }
  }, 60_000);

  it('answers 404 for unknown and garbage tokens, on GET and POST', async () => {
    for (const token of ['A'.repeat(43), 'not-a-token', '..%2F..%2Fetc%2Fpasswd', '%3Cscript%3E']) {
      const get = await fetch(`${node.url}/ack/${token}`);
      expect(get.status, token).toBe(404);
      expect(await get.text()).not.toContain('<script>');
      expect((await form(`/ack/${token}`)).status, token).toBe(404);
    }
    // Fastify refuses path parameters over 100 characters before any handler runs.
    expect((await fetch(`${node.url}/ack/${'x'.repeat(5000)}`)).status).toBe(414);
    expect(await auditCount('drill.communication_check.acknowledge')).toBe(1);
  });

  it('lets a national controller check only their own country, and hides other checks from them', async () => {
    const refused = await c.jpController.post(`/api/v1/exercises/${exerciseId}/communication-checks`, {
      title: 'JP tries VN',
      message: 'x',
      organisationIds: [vnOrg.id],
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    expect((await c.jpController.get(`/api/v1/exercises/${exerciseId}/communication-checks/${check.id}`)).status).toBe(404);
    const own = await c.jpController.post(`/api/v1/exercises/${exerciseId}/communication-checks`, {
      title: 'JP check',
      message: 'Please acknowledge.',
      organisationIds: [jpOrg.id],
    });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    const theirs = await c.jpController.get(`/api/v1/exercises/${exerciseId}/communication-checks`);
    // Theirs and the Japanese one the lead sent earlier; never the Vietnamese one.
    const ids = theirs.body.items.map((x: any) => x.id);
    expect(ids).toContain(own.body.id);
    expect(ids).not.toContain(check.id);
    expect(ids).toHaveLength(2);
    const lead = await c.lead.get(`/api/v1/exercises/${exerciseId}/communication-checks`);
    expect(lead.body.items.map((x: any) => x.id)).toEqual(expect.arrayContaining([check.id, own.body.id]));
    expect(lead.body.items).toHaveLength(3);
  });

  it('refuses the wrong exercise, players, strangers and anonymous callers', async () => {
    expect((await c.lead.get(`/api/v1/exercises/${otherExerciseId}/communication-checks/${check.id}`)).status).toBe(404);
    expect((await player.get(`/api/v1/exercises/${exerciseId}/communication-checks`)).status).toBe(403);
    expect((await player.get(`/api/v1/exercises/${exerciseId}/communication-checks/${check.id}`)).status).toBe(403);
    const byPlayer = await player.post(`/api/v1/exercises/${exerciseId}/communication-checks`, {
      title: 'x',
      message: 'x',
      organisationIds: [vnOrg.id],
    });
    expect(byPlayer.status).toBe(403);
    const stranger = await node.userWith([{ organisationId: jpOrg.id, role: 'analyst' }]);
    expect((await stranger.get(`/api/v1/exercises/${exerciseId}/communication-checks`)).status).toBe(404);
    const anonymous = await fetch(`${node.url}/api/v1/exercises/${exerciseId}/communication-checks`);
    expect(anonymous.status).toBe(401);
  });

  it('refuses malformed and oversize input with 400 and writes nothing', async () => {
    const count = async () => (await node.db.query<{ n: number }>('SELECT count(*)::int AS n FROM drill_comm_checks'))[0].n;
    const before = await count();
    const url = `/api/v1/exercises/${exerciseId}/communication-checks`;
    const good = { title: 'T', message: 'M', organisationIds: [vnOrg.id] };
    for (const body of [
      {},
      { ...good, title: '' },
      { ...good, title: 'x'.repeat(201) },
      { ...good, message: 'x'.repeat(10_001) },
      { ...good, organisationIds: [] },
      { ...good, organisationIds: ['not-a-uuid'] },
      { ...good, organisationIds: [vnOrg.id, vnOrg.id] },
      { ...good, organisationIds: Array.from({ length: 501 }, () => crypto.randomUUID()) },
      { ...good, organisationIds: [crypto.randomUUID()] },
      { ...good, extra: true },
      { ...good, title: 42 },
    ]) {
      const res = await c.lead.post(url, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.error.code).toMatch(/bad_request|validation_failed/);
      expect(typeof res.body.error.message).toBe('string');
    }
    expect((await c.lead.request('POST', url, '{"title": "broken', { 'content-type': 'application/json' })).status).toBe(400);
    expect((await c.lead.request('POST', url, { ...good, message: 'x'.repeat(2 * 1024 * 1024) })).status).toBe(413);
    expect((await c.lead.post(`/api/v1/exercises/not-a-uuid/communication-checks`, good)).status).toBe(400);
    expect((await c.lead.get(`${url}/not-a-uuid`)).status).toBe(400);
    expect(await count()).toBe(before);
  });
});
