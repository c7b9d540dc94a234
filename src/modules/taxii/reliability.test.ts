/**
 * Crash safety of TAXII POST, with the real `kizuna serve` process: several clients stream envelopes
 * (new objects, repeats of objects already stored, new versions of them) while the process is killed
 * with SIGKILL. After a restart on the same store, every object a status reported as a success is
 * there exactly once per (id, version), every answered status can still be read, nothing is stored
 * twice, and each POST that never got an answer is wholly there or wholly absent (one POST, one
 * transaction). On a PGlite data folder, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDb } from '../../db/index.js';
import { type TestDb, freshDb, storeKind } from '../../test/db.js';
import { Client } from '../../test/http.js';
import { type Served, serveKizuna } from '../../test/process.js';
import { toMicros } from '../intel/objects.service.js';
import { TaxiiClient, indicator } from './testing.js';

// Building the command when sources changed, starting a store and two boots: slow on a loaded machine.
const SLOW = 420_000;
const CLIENTS = 4;
const ENVELOPE = 40;
/** Answered POSTs before the kill: enough that every client is mid-stream when it comes. */
const ANSWERED_BEFORE_KILL = 20;
const ROUNDS = 2;

let dir: string;
let pgStore: TestDb | undefined;
let env: Record<string, string>;
const adminEmail = 'reliability@test.example';
const adminPassword = randomBytes(18).toString('base64url');

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kizuna-reliability-'));
  const base = { KIZUNA_NO_DEMO: '1', KIZUNA_NO_WORKER: '1', KIZUNA_ADMIN_EMAIL: adminEmail, KIZUNA_ADMIN_PASSWORD: adminPassword };
  if (storeKind === 'postgres') {
    pgStore = await freshDb();
    env = { ...base, DATABASE_URL: pgStore.url as string };
  } else {
    env = { ...base, KIZUNA_DATA_DIR: path.join(dir, 'data') };
  }
});
afterAll(async () => {
  await pgStore?.drop();
  await rm(dir, { recursive: true, force: true });
});

type Stix = Record<string, unknown>;
const key = (id: string, version: string) => `${id}|${toMicros(version)}`;

interface Post {
  client: number;
  objects: Stix[];
  /** Objects first sent in this POST (neither repeats nor new versions of earlier ones). */
  fresh: Stix[];
  answer?: { status: number; body: any };
  error?: string;
}

/** Signs in through the API and makes a token, so TAXII requests skip the password hash. */
async function tokenFor(url: string): Promise<string> {
  const web = new Client(url);
  const login = await web.login(adminEmail, adminPassword);
  if (login.status !== 200) throw new Error(`login: ${login.status} ${JSON.stringify(login.body)}`);
  const made = await web.post('/api/v1/tokens', { name: 'reliability' });
  if (made.status !== 201 && made.status !== 200) throw new Error(`token: ${made.status} ${JSON.stringify(made.body)}`);
  return made.body.token;
}

/**
 * One client's stream: each envelope holds new indicators, a few objects another POST already had
 * answered (exact duplicates) and a new version of one of them, until the connection dies.
 */
async function stream(client: number, taxii: TaxiiClient, objectsPath: string, posts: Post[], stored: Stix[]): Promise<void> {
  for (let n = 0; ; n++) {
    const fresh = Array.from({ length: ENVELOPE }, () => indicator({ tlp: 'clear', name: `c${client} p${n}` }));
    const repeats = stored.length ? Array.from({ length: 5 }, () => stored[(Math.random() * stored.length) | 0]) : [];
    const base = stored.length ? stored[(Math.random() * stored.length) | 0] : undefined;
    // A later `modified` on an object already stored: a new version of it.
    const newer: Stix[] = base
      ? [{ ...base, modified: new Date(Date.parse(String(base.modified)) + 1000 + n + client * 100_000).toISOString() }]
      : [];
    // One copy of each (id, version) per envelope, so the status counts are known in advance.
    const others = new Map([...repeats, ...newer].map((o) => [key(String(o.id), String(o.modified)), o]));
    const post: Post = { client, objects: [...fresh, ...others.values()], fresh };
    posts.push(post);
    try {
      const res = await taxii.post(objectsPath, { objects: post.objects });
      post.answer = { status: res.status, body: res.body };
      if (res.status !== 202) return;
      stored.push(...fresh);
    } catch (err) {
      post.error = String((err as Error).cause ?? err);
      return;
    }
  }
}

async function readManifest(taxii: TaxiiClient, collectionPath: string): Promise<{ id: string; version: string }[]> {
  const out: { id: string; version: string }[] = [];
  let next: string | undefined;
  for (;;) {
    const q = new URLSearchParams({ 'match[version]': 'all', limit: '1000', ...(next ? { next } : {}) });
    const res = await taxii.get(`${collectionPath}manifest/?${q}`);
    expect(res.status, res.text).toBe(200);
    out.push(...(res.body.objects ?? []).map((o: any) => ({ id: o.id, version: o.version })));
    if (!res.body.more) return out;
    next = res.body.next;
  }
}

describe('TAXII POST under SIGKILL', { timeout: SLOW }, () => {
  it('keeps every acknowledged object exactly once and each unanswered POST whole or absent', async () => {
    const posts: Post[] = [];
    const stored: Stix[] = [];
    let collectionId = '';
    let token = '';
    // Two crashes, the second on a store that already went through one, each at a slightly different moment.
    for (let round = 0; round < ROUNDS; round++) {
      const node: Served = await serveKizuna(env, 180_000);
      try {
        if (round === 0) {
          token = await tokenFor(node.url);
          const created = await new Client(node.url).withToken(token).post('/api/v1/intel/collections', { title: 'Crash feed' });
          expect(created.status, JSON.stringify(created.body)).toBe(201);
          collectionId = created.body.id;
        }
        const taxii = TaxiiClient.bearer(node.url, token);
        const objectsPath = `/taxii2/real/collections/${collectionId}/objects/`;
        const before = posts.filter((p) => p.answer).length;
        const running = Array.from({ length: CLIENTS }, (_, i) => stream(i + round * CLIENTS, taxii, objectsPath, posts, stored));
        // Kill once enough POSTs were answered; every client is then in the middle of another one.
        const deadline = Date.now() + 240_000;
        while (posts.filter((p) => p.answer).length - before < ANSWERED_BEFORE_KILL && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 5));
        }
        await new Promise((r) => setTimeout(r, Math.random() * 40));
        await node.stop('SIGKILL');
        await Promise.all(running);
      } catch (err) {
        await node.stop('SIGKILL');
        throw err;
      }
    }
    const answered = posts.filter((p) => p.answer);
    const unanswered = posts.filter((p) => !p.answer);
    expect(answered.length).toBeGreaterThanOrEqual(ANSWERED_BEFORE_KILL * ROUNDS);
    expect(unanswered.length, 'POSTs cut off by the kill').toBeGreaterThan(0);
    for (const p of answered) expect(p.answer?.status, JSON.stringify(p.answer?.body)).toBe(202);

    const node = await serveKizuna(env, 180_000);
    try {
      const taxii = TaxiiClient.bearer(node.url, token);
      const collectionPath = `/taxii2/real/collections/${collectionId}/`;

      // Statuses of answered POSTs read back as they were given, complete.
      for (const p of answered) {
        const given = p.answer?.body;
        const again = await taxii.get(`/taxii2/real/status/${given.id}/`);
        expect(again.status, again.text).toBe(200);
        expect(again.body).toMatchObject({
          id: given.id,
          status: 'complete',
          total_count: p.objects.length,
          success_count: p.objects.length,
          failure_count: 0,
        });
        expect(again.body.successes).toEqual(given.successes);
      }

      const manifest = await readManifest(taxii, collectionPath);
      const counts = new Map<string, number>();
      for (const m of manifest) counts.set(key(m.id, m.version), (counts.get(key(m.id, m.version)) ?? 0) + 1);
      const twice = [...counts].filter(([, n]) => n > 1);
      expect(twice, 'versions listed twice').toEqual([]);

      // Every success of every answered status is there once.
      const missing: string[] = [];
      for (const p of answered) {
        for (const s of p.answer?.body.successes ?? []) if (counts.get(key(s.id, s.version)) !== 1) missing.push(key(s.id, s.version));
      }
      expect(missing, 'acknowledged versions missing after the restart').toEqual([]);

      // A POST cut off by the kill is one transaction: all of its new objects, or none.
      const partial: string[] = [];
      let committedUnanswered = 0;
      for (const p of unanswered) {
        const present = p.fresh.filter((o) => counts.has(key(String(o.id), String(o.modified)))).length;
        if (present === p.fresh.length) committedUnanswered++;
        else if (present !== 0) partial.push(`client ${p.client}: ${present} of ${p.fresh.length}`);
      }
      expect(partial, 'POSTs half stored').toEqual([]);

      // Nothing but what the clients sent, and one object per answered fresh id.
      const sent = new Set(posts.flatMap((p) => p.objects.map((o) => key(String(o.id), String(o.modified)))));
      expect(manifest.filter((m) => !sent.has(key(m.id, m.version)))).toEqual([]);
      const expectedAtLeast = answered.reduce((n, p) => n + p.fresh.length, 0);
      expect(manifest.length).toBeGreaterThanOrEqual(expectedAtLeast);
      console.info(
        `reliability (${storeKind}): ${answered.length} POSTs answered, ${unanswered.length} cut off (${committedUnanswered} committed), ` +
          `${manifest.length} versions stored`,
      );

      // A POST after the restart works, and repeating an acknowledged envelope stores nothing new.
      const replay = await taxii.post(`${collectionPath}objects/`, { objects: answered[0].objects });
      expect(replay.status, replay.text).toBe(202);
      expect(replay.body.success_count).toBe(answered[0].objects.length);
      expect((await readManifest(taxii, collectionPath)).length).toBe(manifest.length);
    } finally {
      expect(await node.stop('SIGTERM')).toBe(0);
    }

    // The table itself, under the product: no (collection, id, version) twice.
    const db: Db = pgStore ? pgStore.db : await openDb({ dataDir: env.KIZUNA_DATA_DIR });
    try {
      const dupes = await db.query(
        `SELECT collection_id, stix_id, version, count(*)::int AS n FROM intel_objects GROUP BY 1, 2, 3 HAVING count(*) > 1`,
      );
      expect(dupes).toEqual([]);
    } finally {
      if (!pgStore) await db.close();
    }
  });
});
