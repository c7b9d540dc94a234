/**
 * Correlation lookups on a store holding 1,000,000 indexed observable values (`--quick`: 100,000).
 *
 * Loading: indicators and their intel_observables rows are written with set-based SQL
 * (generate_series, in chunks), not through ingest: pattern parsing and validation are what
 * `bench taxii` measures, and a million values through TAXII would take minutes per store. The
 * mix of value ids is IPv4 addresses 27.5 %, IPv4 ranges 2.5 % (/24s, and one in 4,000 values a
 * /16), domains 25 %, file hashes (SHA-256) 20 %, URLs 15 %, IPv6 5 % (addresses, and one in 400
 * values a /64), e-mail 2.5 %, CVE ids 2.5 %, written as observables.ts writes them (checked; the inet column and its index
 * come with the table); an object carries 1 to 4 values (2.5 on average) and a value is carried by
 * about 4 objects, so each lookup finds a few other objects per value, and for an address also
 * those carrying a range that holds it.
 * Sharing follows the TLP rule's cases: a quarter CLEAR, half GREEN from another organisation
 * shared with a community the reader's organisation belongs to, an eighth AMBER of the reader's
 * own organisation, and an eighth AMBER of the other organisation, never shared: the reader may
 * not receive those, and no lookup may return one (checked).
 *
 * Measured, one after another, for objects the reader may receive: `lookup_p99_ms`, the query
 * behind the object page's correlation panel (explore.store `correlations`, TLP applied in the
 * database) with the reader as a request has it (where the user stands in the directory is read
 * while authenticating); `range_lookup_p99_ms`, the same for objects that carry an IP range, and
 * `wide_range_lookup_p99_ms` for those that carry a /16; `object_page_p99_ms`, the whole object page as the console fetches it (GET /api/v1/intel/objects/:id over HTTP with
 * a Bearer token: versions, relationships, sharing, correlations, sightings). `load_ms` says how
 * long the load took. Each series starts after 20 unmeasured runs: the first runs of a statement on
 * a connection are planned in full, as they are once on any node that has been up for a minute.
 */
import { loadConfig } from '../../src/config.js';
import type { Db } from '../../src/db/index.js';
import * as communities from '../../src/modules/directory/communities.service.js';
import * as organisations from '../../src/modules/directory/organisations.service.js';
import { systemActor } from '../../src/modules/identity/actor.js';
import * as identity from '../../src/modules/identity/service.js';
import * as collections from '../../src/modules/intel/collections.service.js';
import { correlations } from '../../src/modules/intel/explore.store.js';
import { normalise } from '../../src/modules/intel/observables.js';
import { readerFor } from '../../src/modules/intel/reader.js';
import { buildApp } from '../../src/server/app.js';
import { prepareNode } from '../../src/server/node.js';
import { figure, onEachStore, percentile, quick } from '../lib.js';

const VALUES = quick ? 100_000 : 1_000_000;
/** Objects carry 1, 2, 3, 4, 1, 2, … values: 2.5 on average. */
const OBJECTS = (VALUES * 2) / 5;
/** About four observable rows per distinct value. */
const DISTINCT = VALUES / 4;
const CHUNK = 50_000;
const LOOKUPS = quick ? 500 : 2_000;
const PAGES = quick ? 200 : 500;
const WARMUP = 20;

const stixId = (i: string) => `'indicator--' || md5('bench-correlation-' || ${i})::uuid`;

/**
 * The value for a value id, by kind (vid % 40 decides; vid % 400 and % 4000 for the rarer ranges),
 * written as observables.ts would. (Value ids ≡ 5 mod 8 never occur, as objects pick them.) A
 * range is built around the address of a value id just before it, so that it holds one: a /24
 * holds one or two stored addresses, an IPv6 /64 a handful, and a /16 (as the addresses are laid
 * out, 1 + vid % 223 first) about 70 at full size, carried by some 280 objects: more than a page
 * shows, the case the per-range limit in `correlations` is for.
 */
const KIND = `CASE WHEN v % 40 < 12 THEN 'ipv4' WHEN v % 40 < 22 THEN 'domain' WHEN v % 40 < 28 THEN 'url'
                   WHEN v % 40 < 35 OR v % 40 = 37 THEN 'file-hash' WHEN v % 40 < 37 THEN 'ipv6' WHEN v % 40 = 38 THEN 'email' ELSE 'cve' END`;
const ipv4 = (v: string) => `(1 + (${v}) % 223) || '.' || (((${v}) >> 16) & 255) || '.' || (((${v}) >> 8) & 255) || '.' || ((${v}) & 255)`;
const ipv6 = (v: string) => `'2001:db8:' || to_hex(((${v}) >> 8) + 1) || '::' || to_hex(((${v}) & 255) + 1)`;
const VALUE = `CASE WHEN v % 40 = 10 THEN text(network(set_masklen((${ipv4('v - 1')})::inet, 24)))
                    WHEN v % 4000 = 11 THEN text(network(set_masklen((${ipv4('v - 2')})::inet, 16)))
                    WHEN v % 40 < 12 THEN ${ipv4('v')}
                    WHEN v % 40 < 22 THEN 'host' || v || '.example-' || (v % 97) || '.com'
                    WHEN v % 40 < 28 THEN 'http://site' || v || '.example.net/' || substr(md5(v::text), 1, 12) || '/index.php?id=' || v
                    WHEN v % 40 < 35 OR v % 40 = 37 THEN encode(sha256(convert_to('bench' || v, 'UTF8')), 'hex')
                    WHEN v % 400 = 36 THEN text(network(set_masklen((${ipv6('v - 1')})::inet, 64)))
                    WHEN v % 40 < 37 THEN ${ipv6('v')}
                    WHEN v % 40 = 38 THEN 'user' || v || '@mail' || (v % 50) || '.example.org'
                    ELSE 'CVE-' || (2000 + v % 26) || '-' || lpad((v / 26)::text, 5, '0') END`;

async function load(db: Db, collectionId: string, mine: string, other: string, communityId: string) {
  for (let first = 1; first <= OBJECTS; first += CHUNK) {
    const last = Math.min(OBJECTS, first + CHUNK - 1);
    await db.transaction(async (tx) => {
      // pk is set explicitly (the table is fresh) so that the observables can name their object.
      await tx.query(
        `INSERT INTO intel_objects (pk, collection_id, stix_id, type, spec_version, version, date_added, owner_organisation_id, tlp, object)
         OVERRIDING SYSTEM VALUE
         SELECT i, $1, ${stixId('i')}, 'indicator', '2.1', t, t, CASE WHEN i % 8 = 7 THEN $2::uuid ELSE $3::uuid END,
                CASE WHEN i % 8 < 2 THEN 'clear' WHEN i % 8 < 6 THEN 'green' ELSE 'amber' END,
                jsonb_build_object('type', 'indicator', 'spec_version', '2.1', 'id', ${stixId('i')},
                  'created', to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                  'modified', to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                  'name', 'Bench indicator ' || i, 'pattern_type', 'stix', 'indicator_types', jsonb_build_array('malicious-activity'))
           FROM generate_series($4::bigint, $5::bigint) AS i, LATERAL (SELECT timestamptz '2026-01-01' + i * interval '1 second' AS t) ts`,
        [collectionId, mine, other, first, last],
      );
      await tx.query(
        // A sharing row is the owner's (0010): these GREEN objects are the other organisation's.
        `INSERT INTO intel_sharing (stix_id, owner_organisation_id, community_id)
         SELECT ${stixId('i')}, $1, $2 FROM generate_series($3::bigint, $4::bigint) AS i WHERE i % 8 BETWEEN 2 AND 5`,
        [other, communityId, first, last],
      );
      await tx.query(
        `INSERT INTO intel_observables (object_pk, kind, value)
         SELECT i, ${KIND}, ${VALUE}
           FROM generate_series($1::bigint, $2::bigint) AS i, generate_series(0, (i % 4)::int) AS j,
                LATERAL (SELECT ((i * 4 + j) * 7919) % $3::bigint AS v) vid`,
        [first, last, DISTINCT],
      );
    });
  }
  await db.query(`SELECT setval(pg_get_serial_sequence('intel_objects', 'pk'), $1)`, [OBJECTS]);
  await db.exec('ANALYZE intel_objects; ANALYZE intel_observables; ANALYZE intel_sharing');
}

async function measure(store: string, db: Db) {
  const { homeOrganisationId } = await prepareNode(db, { loadDemo: false }, { fresh: true });
  const operator = systemActor('bench');
  const other = await organisations.create(db, operator, { name: 'Bench partner CERT', type: 'national_cert', countryCode: 'JP' });
  const community = await communities.create(db, operator, { name: 'Bench community', memberIds: [homeOrganisationId, other.id] });
  const email = 'bench-reader@kizuna.example';
  await identity.createUser(db, operator, {
    email,
    fullName: 'Bench reader',
    password: 'bench passphrase long enough',
    memberships: [{ organisationId: homeOrganisationId, role: 'analyst' }],
  });
  const { token } = await identity.createToken(db, operator, { name: 'bench', expiresInMs: null, userEmail: email });
  const authenticated = await identity.authenticateToken(db, token);
  if (!authenticated) throw new Error('bench token does not authenticate');
  const actor = authenticated;
  const collection = await collections.create(db, operator, {
    title: 'Bench correlation',
    apiRoot: 'real',
    organisationId: homeOrganisationId,
  });

  let t0 = performance.now();
  await load(db, collection.id, homeOrganisationId, other.id, community.id);
  const loadMs = performance.now() - t0;
  const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM intel_observables');
  if (n !== VALUES) throw new Error(`loaded ${n} observable values, expected ${VALUES}`);
  figure('correlation', 'load_ms', loadMs, store, { values: VALUES, objects: OBJECTS });

  // Objects the reader may receive (every class but the other organisation's unshared AMBER).
  const visible = (k: number) => {
    let i = 1 + ((k * 104_729) % OBJECTS);
    if (i % 8 === 6) i = i === OBJECTS ? i - 1 : i + 1;
    return i;
  };
  const idOf = async (i: number) => (await db.query<{ id: string }>(`SELECT ${stixId('$1::bigint')} AS id`, [i]))[0].id;

  // The values are written as ingest would write them (a sample of each kind).
  const sample = await db.query<{ kind: string; value: string }>(
    `SELECT kind, value FROM (SELECT kind, value, row_number() OVER (PARTITION BY kind ORDER BY object_pk) AS n FROM intel_observables) s WHERE n <= 500`,
  );
  const unlike = sample.find((o) => normalise(o.kind, o.value) !== o.value);
  if (unlike) throw new Error(`${unlike.kind} ${unlike.value} is not written as ingest writes it`);

  // The correlation query, with the reader built for each lookup as a request would.
  const hitIds = new Set<string>();
  async function lookups(ids: string[]) {
    for (const id of ids.slice(0, WARMUP)) await correlations(db, await readerFor(db, actor), 'real', id);
    const latencies: number[] = [];
    const queryLatencies: number[] = [];
    let hits = 0;
    for (const id of ids) {
      const t = performance.now();
      const reader = await readerFor(db, actor);
      const t1 = performance.now();
      const rows = await correlations(db, reader, 'real', id);
      latencies.push(performance.now() - t);
      queryLatencies.push(performance.now() - t1);
      hits += rows.length;
      for (const r of rows) hitIds.add(r.stix_id);
    }
    if (!hits) throw new Error('no correlation hits: the data set does not share values');
    return {
      value: percentile(latencies, 99),
      extra: {
        values: VALUES,
        lookups: ids.length,
        p50_ms: Math.round(percentile(latencies, 50) * 100) / 100,
        // The correlation query alone, without building the reader.
        query_p50_ms: Math.round(percentile(queryLatencies, 50) * 100) / 100,
        query_p99_ms: Math.round(percentile(queryLatencies, 99) * 100) / 100,
        hits_per_lookup: Math.round((hits / ids.length) * 10) / 10,
      },
    };
  }
  const lookupIds = await Promise.all(Array.from({ length: LOOKUPS }, (_, k) => idOf(visible(k))));
  const all = await lookups(lookupIds);
  // Objects the reader may receive that carry a range (or a /16), spread over the set.
  const carrying = async (widest: string) =>
    (
      await db.query<{ id: string }>(
        `SELECT o.stix_id AS id FROM intel_observables ob JOIN intel_objects o ON o.pk = ob.object_pk
          WHERE ob.net IS NOT NULL AND masklen(ob.net) < CASE family(ob.net) WHEN 4 THEN 32 ELSE 128 END
            AND masklen(ob.net) <= $2 AND o.pk % 8 <> 6
          GROUP BY o.stix_id ORDER BY md5(o.stix_id) LIMIT $1`,
        [LOOKUPS, widest],
      )
    ).map((r) => r.id);
  const ranges = await lookups(await carrying('128'));
  const wide = await lookups(await carrying('16'));
  // No hit may be an object the reader may not receive.
  const [{ leaked }] = await db.query<{ leaked: number }>(
    `SELECT count(*)::int AS leaked FROM intel_objects WHERE stix_id = ANY($1::text[]) AND tlp = 'amber' AND owner_organisation_id = $2`,
    [[...hitIds], other.id],
  );
  if (leaked) throw new Error(`${leaked} correlation hits the reader may not receive`);
  figure('correlation', 'lookup_p99_ms', all.value, store, all.extra);
  figure('correlation', 'range_lookup_p99_ms', ranges.value, store, ranges.extra);
  figure('correlation', 'wide_range_lookup_p99_ms', wide.value, store, wide.extra);

  // The whole object page over HTTP, as the console asks for it.
  const config = { ...loadConfig({}), logLevel: 'silent' as const };
  const app = await buildApp({ db, config, homeOrganisationId, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v1/intel/objects/`;
    const headers = { authorization: `Bearer ${token}` };
    const pageLatencies: number[] = [];
    let pageHits = 0;
    for (const id of lookupIds.slice(0, WARMUP)) await (await fetch(`${base}${id}?apiRoot=real`, { headers })).arrayBuffer();
    for (let k = 0; k < PAGES; k++) {
      const id = lookupIds[k % lookupIds.length];
      t0 = performance.now();
      const res = await fetch(`${base}${id}?apiRoot=real`, { headers });
      const body = (await res.json()) as { correlations?: unknown[] };
      pageLatencies.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`GET ${id}: ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
      pageHits += body.correlations?.length ?? 0;
    }
    if (!pageHits) throw new Error('object pages show no correlations');
    figure('correlation', 'object_page_p99_ms', percentile(pageLatencies, 99), store, {
      values: VALUES,
      pages: PAGES,
      p50_ms: Math.round(percentile(pageLatencies, 50) * 100) / 100,
    });
  } finally {
    await app.close();
  }
}

await onEachStore('correlation', measure);
