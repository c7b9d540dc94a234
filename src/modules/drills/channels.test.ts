/**
 * External channels against real receivers on 127.0.0.1: e-mail to a real SMTP server (the
 * smtp-server package) and webhooks to a real HTTP server that checks the HMAC-SHA256 signature,
 * including receivers that fail and the worker's retries with backoff.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestNode, startTestNode } from '../../test/http.js';
import { type Cast, cast, type Mailbox, siteOf, startMailbox, until } from './test/fixtures.js';
import { type Worker, startWorker } from './worker.js';

let node: TestNode;
let c: Cast;
let worker: Worker;
let mailbox: Mailbox;

let hooks: Server;
let hookUrl: string;
interface Hit {
  path: string;
  body: string;
  signature: string;
  delivery: string;
  at: number;
}
const hits: Hit[] = [];
/** Per path: how many more requests to answer with 500 (Infinity: always). */
const failures = new Map<string, number>();

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => resolve(body));
  });

beforeAll(async () => {
  mailbox = await startMailbox();

  hooks = createServer(async (req, res) => {
    const body = await readBody(req);
    const path = req.url ?? '/';
    hits.push({
      path,
      body,
      signature: String(req.headers['x-kizuna-signature'] ?? ''),
      delivery: String(req.headers['x-kizuna-delivery'] ?? ''),
      at: Date.now(),
    });
    const left = failures.get(path) ?? 0;
    if (left > 0) {
      failures.set(path, left - 1);
      res.writeHead(500).end('receiver down');
      return;
    }
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => hooks.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}`;

  node = await startTestNode();
  c = await cast(node);
  worker = await startWorker(node.db, {
    pollMs: 50,
    retryBaseMs: 150,
    maxAttempts: 4,
    email: { url: mailbox.url, from: 'Kizuna drills <drills@kizuna.example>' },
  });
});

afterAll(async () => {
  await worker?.stop();
  await node?.close();
  await mailbox?.close();
  await new Promise<void>((resolve) => hooks?.close(() => resolve()));
});

async function exerciseWith(teams: Record<string, unknown>[], injects: Record<string, unknown>[]) {
  const ex = await c.lead.post('/api/v1/exercises', { name: 'Channels', leadOrganisationId: c.vn });
  const made = [];
  for (const t of teams) {
    const res = await c.lead.post(`/api/v1/exercises/${ex.body.id}/teams`, t);
    expect(res.status).toBe(201);
    made.push(res.body);
  }
  expect((await c.lead.request('PUT', `/api/v1/exercises/${ex.body.id}/injects`, { injects })).status).toBe(200);
  expect((await c.lead.post(`/api/v1/exercises/${ex.body.id}/clock/start`)).status).toBe(200);
  return { id: ex.body.id as string, teams: made };
}

const deliveries = async (id: string) => (await c.lead.get(`/api/v1/exercises/${id}/deliveries`)).body.items as Record<string, any>[];

function verify(secret: string, hit: Hit): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(hit.body).digest('hex')}`);
  const given = Buffer.from(hit.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

describe('e-mail', () => {
  it('sends an e-mail inject to the team over SMTP, marked EXERCISE, and records it delivered', async () => {
    const jp = await siteOf(node, 'cert:JP');
    const { id } = await exerciseWith(
      [{ name: 'JPCERT duty desk', organisationId: jp.organisationId, siteId: jp.siteId, email: 'duty@jpcert.example' }],
      [{ ref: 'MAIL-1', offsetMs: 300, channel: 'email', title: 'Notification for {team}', content: 'Local time {local_time}.' }],
    );
    const [d] = await until(async () => {
      const list = await deliveries(id);
      return list[0]?.state === 'delivered' && list;
    });
    expect(d).toMatchObject({ channel: 'email', state: 'delivered', attempts: 1 });
    const mail = mailbox.mails.find((m) => m.raw.includes(d.idempotencyKey));
    expect(mail?.to).toEqual(['duty@jpcert.example']);
    expect(mail?.raw).toMatch(/Subject: \[EXERCISE\] Notification for JPCERT duty desk/);
    // Header lines longer than 78 characters are folded; unfold before matching.
    expect(mail?.raw.replace(/\r?\n[ \t]+/g, ' ')).toMatch(new RegExp(`Message-ID: <${d.idempotencyKey}@kizuna.drill>`, 'i'));
    expect(mail?.raw).toContain('EXERCISE EXERCISE EXERCISE');
    expect(mail?.raw).toContain('Asia/Tokyo');
  });

  it('retries when the mail server refuses for a while, then delivers once', async () => {
    const vn = await siteOf(node, 'cert:VN');
    mailbox.refuseNext(2);
    const before = mailbox.mails.length;
    const { id } = await exerciseWith(
      [{ name: 'VNCERT duty desk', organisationId: vn.organisationId, siteId: vn.siteId, email: 'duty@vncert.example' }],
      [{ ref: 'MAIL-2', offsetMs: 100, channel: 'email', title: 'Busy mailbox' }],
    );
    const [d] = await until(async () => {
      const list = await deliveries(id);
      return list[0]?.state === 'delivered' && list;
    });
    expect(d.attempts).toBe(3);
    expect(mailbox.mails.length - before).toBe(1);
    const events = (await c.lead.get(`/api/v1/exercises/${id}/events?limit=100`)).body.items.map((e: { kind: string }) => e.kind);
    expect(events.filter((k: string) => k === 'delivery.retrying')).toHaveLength(2);
  });
});

describe('webhooks', () => {
  it('signs the exact body with the team secret (HMAC-SHA256) and carries the idempotency key', async () => {
    const sg = await siteOf(node, 'cert:SG');
    const { id, teams } = await exerciseWith(
      [{ name: 'SingCERT SOC', organisationId: sg.organisationId, siteId: sg.siteId, webhookUrl: `${hookUrl}/sg` }],
      [{ ref: 'HOOK-1', offsetMs: 200, channel: 'webhook', title: 'Webhook for {team}', content: 'Body', tags: ['KEV'] }],
    );
    const secret = teams[0].webhookSecret as string;
    expect(secret).toMatch(/^whsec_/);
    expect(teams[0].webhookSecretSet).toBe(true);
    // The secret is shown once: reading the team again does not reveal it.
    expect(JSON.stringify((await c.lead.get(`/api/v1/exercises/${id}/teams/${teams[0].id}`)).body)).not.toContain(secret);
    const [d] = await until(async () => {
      const list = await deliveries(id);
      return list[0]?.state === 'delivered' && list;
    });
    const hit = hits.find((h) => h.delivery === d.idempotencyKey) as Hit;
    expect(verify(secret, hit)).toBe(true);
    expect(verify('whsec_wrong', hit)).toBe(false);
    expect(verify(secret, { ...hit, body: hit.body.replace('Body', 'B0dy') })).toBe(false);
    const payload = JSON.parse(hit.body);
    expect(payload).toMatchObject({
      banner: 'EXERCISE',
      idempotencyKey: d.idempotencyKey,
      team: { name: 'SingCERT SOC' },
      inject: { ref: 'HOOK-1', title: 'Webhook for SingCERT SOC', tags: ['KEV'] },
    });
  });

  it('retries a failing receiver with growing backoff until it answers, delivering exactly one accepted request', async () => {
    const th = await siteOf(node, 'cert:TH');
    failures.set('/th', 2);
    const { id, teams } = await exerciseWith(
      [{ name: 'ThaiCERT SOC', organisationId: th.organisationId, siteId: th.siteId, webhookUrl: `${hookUrl}/th` }],
      [{ ref: 'HOOK-2', offsetMs: 100, channel: 'webhook', title: 'Flaky receiver' }],
    );
    const [d] = await until(async () => {
      const list = await deliveries(id);
      return list[0]?.state === 'delivered' && list;
    });
    const tries = hits.filter((h) => h.path === '/th');
    expect(tries).toHaveLength(3);
    expect(new Set(tries.map((h) => h.delivery))).toEqual(new Set([d.idempotencyKey]));
    for (const t of tries) expect(verify(teams[0].webhookSecret, t)).toBe(true);
    // Backoff: 150 ms, then 300 ms (plus polling).
    expect(tries[1].at - tries[0].at).toBeGreaterThanOrEqual(140);
    expect(tries[2].at - tries[1].at).toBeGreaterThanOrEqual(290);
    expect(d.attempts).toBe(3);
  });

  it('gives up after the last attempt and shows controllers why', async () => {
    const my = await siteOf(node, 'cert:MY');
    failures.set('/my', Number.POSITIVE_INFINITY);
    const { id } = await exerciseWith(
      [{ name: 'MyCERT SOC', organisationId: my.organisationId, siteId: my.siteId, webhookUrl: `${hookUrl}/my` }],
      [{ ref: 'HOOK-3', offsetMs: 100, channel: 'webhook', title: 'Dead receiver' }],
    );
    const [d] = await until(async () => {
      const list = await deliveries(id);
      return list[0]?.state === 'failed' && list;
    }, 15_000);
    expect(d).toMatchObject({ state: 'failed', attempts: 4, lastError: 'The webhook answered HTTP 500' });
    expect(hits.filter((h) => h.path === '/my')).toHaveLength(4);
    const timeline = (await c.lead.get(`/api/v1/exercises/${id}/timeline`)).body.items[0];
    expect(timeline.deliveries).toMatchObject({ failed: 1, delivered: 0 });
  });
});
