/**
 * TAXII 2.1 throughput on a fresh store, through the real app over HTTP (in process): ingest
 * indicators by POSTing envelopes of 1,000, read them all back page by page with limit=1000 and
 * `next`, then fetch single objects by id. Figures per store (PGlite in a temporary folder, and
 * PostgreSQL when reachable): ingest_objects_per_s, paged_read_objects_per_s, get_p99_ms.
 * Targets (issue 3), PostgreSQL on 2 cores: ingest ≥ 10,000/s, paged read ≥ 30,000/s, GET p99
 * < 10 ms; PGlite at least a third of each. `--quick` uses 10,000 objects instead of 100,000.
 */
import { createHash, randomUUID } from 'node:crypto';
import { loadConfig } from '../../src/config.js';
import type { Db } from '../../src/db/index.js';
import { systemActor } from '../../src/modules/identity/actor.js';
import * as identity from '../../src/modules/identity/service.js';
import * as collections from '../../src/modules/intel/collections.service.js';
import { tlpMarkingId } from '../../src/modules/intel/tlp.js';
import { TAXII_MEDIA } from '../../src/modules/taxii/media.js';
import { buildApp } from '../../src/server/app.js';
import { prepareNode } from '../../src/server/node.js';
import { figure, onEachStore, percentile, quick } from '../lib.js';

const TOTAL = quick ? 10_000 : 100_000;
const ENVELOPE = 1_000;
const PAGE = 1_000;
const GETS = quick ? 300 : 2_000;

/**
 * A feed's mix: one IPv4 address, domain, URL or SHA-256 per indicator, and one in ten a compound
 * pattern (two observation expressions, which the pattern parser's one-comparison shortcut leaves
 * to the full grammar).
 */
function pattern(i: number): string {
  const ip = `[ipv4-addr:value = '10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}']`;
  const domain = `[domain-name:value = 'host-${i}.bench.example']`;
  if (i % 10 === 9) return `(${ip} AND ${domain}) WITHIN 600 SECONDS`;
  switch (i % 4) {
    case 0:
      return ip;
    case 1:
      return domain;
    case 2:
      return `[url:value = 'https://cdn-${i}.bench.example/payload/${i.toString(36)}.bin']`;
    default:
      return `[file:hashes.'SHA-256' = '${createHash('sha256').update(String(i)).digest('hex')}']`;
  }
}

function indicator(i: number) {
  const at = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${randomUUID()}`,
    created: at,
    modified: at,
    name: `Bench indicator ${i}`,
    indicator_types: ['malicious-activity'],
    pattern: pattern(i),
    pattern_type: 'stix',
    valid_from: at,
    object_marking_refs: [tlpMarkingId.green],
  };
}

async function measure(store: string, db: Db) {
  const { homeOrganisationId } = await prepareNode(db, { loadDemo: false }, { fresh: true });
  const operator = systemActor('bench');
  await identity.createUser(db, operator, {
    email: 'bench@kizuna.example',
    fullName: 'Bench',
    password: 'bench passphrase long enough',
    memberships: [{ organisationId: homeOrganisationId, role: 'analyst' }],
  });
  const { token } = await identity.createToken(db, operator, { name: 'bench', expiresInMs: null, userEmail: 'bench@kizuna.example' });
  const collection = await collections.create(db, operator, { title: 'Bench', apiRoot: 'real', organisationId: homeOrganisationId });
  const config = { ...loadConfig({}), logLevel: 'silent' as const };
  const app = await buildApp({ db, config, homeOrganisationId, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/taxii2/real/collections/${collection.id}`;
  const headers = { authorization: `Bearer ${token}`, accept: TAXII_MEDIA, 'content-type': TAXII_MEDIA };
  try {
    // Ingest. The envelopes are made before the clock starts.
    const envelopes: { body: string; count: number }[] = [];
    const ids: string[] = [];
    for (let i = 0; i < TOTAL; i += ENVELOPE) {
      const objects = Array.from({ length: Math.min(ENVELOPE, TOTAL - i) }, (_, k) => indicator(i + k));
      for (const o of objects) ids.push(o.id);
      envelopes.push({ body: JSON.stringify({ objects }), count: objects.length });
    }
    let t0 = performance.now();
    for (const { body, count } of envelopes) {
      const res = await fetch(`${base}/objects/`, { method: 'POST', headers, body });
      const status = (await res.json()) as { success_count?: number };
      if (res.status !== 202 || status.success_count !== count)
        throw new Error(`POST failed: ${res.status} ${JSON.stringify(status).slice(0, 300)}`);
    }
    // The client shares this process with the server: what it no longer needs goes before the reads.
    envelopes.length = 0;
    figure('taxii', 'ingest_objects_per_s', TOTAL / ((performance.now() - t0) / 1000), store, { objects: TOTAL, envelope: ENVELOPE });

    // Paged read of everything, limit=1000, following `next`.
    t0 = performance.now();
    let read = 0;
    const seen = new Set<string>();
    let next: string | undefined;
    do {
      const res = await fetch(`${base}/objects/?limit=${PAGE}${next ? `&next=${encodeURIComponent(next)}` : ''}`, { headers });
      const page = (await res.json()) as { objects?: { id: string }[]; more?: boolean; next?: string };
      if (res.status !== 200) throw new Error(`GET page: ${res.status}`);
      for (const o of page.objects ?? []) seen.add(o.id);
      read += page.objects?.length ?? 0;
      next = page.more ? page.next : undefined;
    } while (next);
    const readMs = performance.now() - t0;
    // Every object once: nothing skipped, nothing repeated.
    if (read !== TOTAL || seen.size !== TOTAL || ids.some((id) => !seen.has(id))) {
      throw new Error(`paged read returned ${read} objects, ${seen.size} distinct, of ${TOTAL}`);
    }
    seen.clear();
    figure('taxii', 'paged_read_objects_per_s', read / (readMs / 1000), store, { objects: read, limit: PAGE });

    // Single objects by id, one after another, ids spread over the whole collection, after 20
    // unmeasured ones (the first runs of a statement on a connection are planned in full).
    for (const id of ids.slice(0, 20)) await (await fetch(`${base}/objects/${id}/`, { headers })).arrayBuffer();
    const latencies: number[] = [];
    for (let i = 0; i < GETS; i++) {
      const id = ids[Math.floor(Math.random() * ids.length)];
      const t = performance.now();
      const res = await fetch(`${base}/objects/${id}/`, { headers });
      const body = await res.text();
      latencies.push(performance.now() - t);
      if (res.status !== 200 || !body.includes(id)) throw new Error(`GET ${id}: ${res.status}`);
    }
    figure('taxii', 'get_p99_ms', percentile(latencies, 99), store, {
      gets: GETS,
      p50_ms: Math.round(percentile(latencies, 50) * 100) / 100,
    });
  } finally {
    await app.close();
  }
}

await onEachStore('taxii', measure);
