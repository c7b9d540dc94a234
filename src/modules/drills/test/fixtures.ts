/**
 * Drill test fixtures: a node with lead, national and evaluator controllers, players, and helpers
 * that build exercises with teams over the real API, plus an SSE client over real HTTP.
 */
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { Client, TestNode } from '../../../test/http.js';

export type Person = Client & { email: string; password: string };

export interface Cast {
  vn: string;
  jp: string;
  lead: Client;
  jpController: Client;
  evaluator: Client;
}

export async function cast(node: TestNode): Promise<Cast> {
  const vn = await node.orgId('cert:VN');
  const jp = await node.orgId('cert:JP');
  return {
    vn,
    jp,
    lead: await node.userWith([{ organisationId: vn, role: 'controller' }]),
    jpController: await node.userWith([{ organisationId: jp, role: 'controller' }]),
    evaluator: await node.userWith([{ organisationId: vn, role: 'evaluator' }]),
  };
}

export async function siteOf(node: TestNode, orgKey: string): Promise<{ organisationId: string; siteId: string; timeZone: string }> {
  const [row] = await node.db.query<{ organisation_id: string; id: string; time_zone: string }>(
    `SELECT s.organisation_id, s.id, s.time_zone FROM sites s JOIN organisations o ON o.id = s.organisation_id WHERE o.external_key = $1 ORDER BY s.name LIMIT 1`,
    [orgKey],
  );
  return { organisationId: row.organisation_id, siteId: row.id, timeZone: row.time_zone };
}

export interface SseMessage {
  event: string;
  id?: number;
  data: any;
  at: number;
}

/** An EventSource-like client over node:http that records every message with its arrival time. */
export function sse(url: string, headers: Record<string, string>) {
  const messages: SseMessage[] = [];
  const waiters: { test: (m: SseMessage) => boolean; resolve: (m: SseMessage) => void }[] = [];
  let status = 0;
  let buffer = '';
  const req = request(url, { headers: { accept: 'text/event-stream', ...headers } });
  const opened = new Promise<number>((resolve, reject) => {
    req.on('response', (res) => {
      status = res.statusCode ?? 0;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          const m: SseMessage = { event: 'message', data: undefined, at: Date.now() };
          let data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith('event: ')) m.event = line.slice(7);
            else if (line.startsWith('id: ')) m.id = Number(line.slice(4));
            else if (line.startsWith('data: ')) data += line.slice(6);
          }
          if (!data) continue;
          try {
            m.data = JSON.parse(data);
          } catch {
            m.data = data;
          }
          messages.push(m);
          for (const w of [...waiters]) {
            if (w.test(m)) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve(m);
            }
          }
        }
      });
      resolve(status);
    });
    req.on('error', reject);
  });
  req.end();
  return {
    messages,
    opened,
    get status() {
      return status;
    },
    next(test: (m: SseMessage) => boolean, timeoutMs = 10_000): Promise<SseMessage> {
      const found = messages.find(test);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const t = setTimeout(
          () => reject(new Error(`no matching SSE message within ${timeoutMs} ms; got ${messages.map((m) => m.event).join(',')}`)),
          timeoutMs,
        );
        waiters.push({
          test,
          resolve: (m) => {
            clearTimeout(t);
            resolve(m);
          },
        });
      });
    },
    close() {
      req.destroy();
    },
  };
}

export const authHeaders = (c: Client): Record<string, string> =>
  c.token ? { authorization: `Bearer ${c.token}` } : c.cookie ? { cookie: c.cookie } : {};

export async function until<T>(fn: () => Promise<T | undefined | false>, timeoutMs = 10_000, stepMs = 50): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

export interface Mailbox {
  /** Every message received, in order, with its envelope recipients. */
  mails: { to: string[]; raw: string }[];
  /** `smtp://127.0.0.1:PORT` for the worker's e-mail settings. */
  url: string;
  /** Answers the next `n` recipients with 451 (mailbox busy), as a real server under load might. */
  refuseNext(n: number): void;
  close(): Promise<void>;
}

/** A real SMTP server (the smtp-server package) on a free local port. */
export async function startMailbox(): Promise<Mailbox> {
  const mails: Mailbox['mails'] = [];
  let refuse = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (refuse > 0) {
        refuse--;
        return callback(Object.assign(new Error('Mailbox busy, try later'), { responseCode: 451 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (d: string) => {
        raw += d;
      });
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  return {
    mails,
    url: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    refuseNext: (n) => {
      refuse = n;
    },
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}
