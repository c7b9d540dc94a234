/**
 * SQL for STIX objects. Writes are batched through unnest() (one round trip per batch); reads
 * filter by the TLP rule in the database (tlp.ts) and page by (date_added, pk), which is unique, so
 * a page never skips or repeats an object even when thousands share one date_added.
 */
import type { Db } from '../../db/index.js';
import { readerFilterSql, readerParams, type Reader, type Tlp } from './tlp.js';

export interface NewObjectRow {
  stixId: string;
  type: string;
  specVersion: string;
  version: string;
  ownerOrganisationId: string | null;
  tlp: Tlp;
  object: unknown;
  /** Values indexed for correlation, stored with the object when it is new. */
  observables: { kind: string; value: string }[];
}

export interface InsertedRow {
  pk: string;
  stix_id: string;
  version: string;
  date_added: string;
}

/** The version stored for objects with neither `modified` nor `created` (most cyber-observables). */
export const UNVERSIONED = '1970-01-01T00:00:00.000Z';

/**
 * Takes the collection's writer lock and the date_added for what this transaction adds.
 *
 * Writers to one collection take turns (a transaction-scoped advisory lock) and stamp date_added
 * after taking their turn, later than anything already in the collection. So date_added order is
 * commit order: a reader paging by (date_added, pk) can never have passed the place where a
 * transaction still in flight will appear, and `added_after` cursors never skip a late commit.
 */
export async function lockAndStamp(tx: Db, collectionId: string): Promise<{ at: string; apiRoot: string }> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('intel_objects'), hashtext($1::text))`, [collectionId]);
  const [row] = await tx.query<{ at: string; api_root: string }>(
    `SELECT ${isoMicros(`GREATEST(clock_timestamp(), (SELECT max(date_added) + interval '1 microsecond' FROM intel_objects WHERE collection_id = $1))`)} AS at,
            (SELECT api_root FROM intel_collections WHERE id = $1) AS api_root`,
    [collectionId],
  );
  return { at: row.at, apiRoot: row.api_root };
}

/**
 * Inserts the rows that are new; an exact (id, version) already in the collection is left alone.
 * Rows carry the date_added from lockAndStamp (one per call of ingest, as TAXII allows for one POST).
 */
export async function insertObjects(
  tx: Db,
  collectionId: string,
  exerciseId: string | null,
  rows: NewObjectRow[],
  dateAdded: string,
): Promise<InsertedRow[]> {
  // The same version twice in one batch goes in once (the second would only conflict).
  const unique = new Map<string, NewObjectRow>();
  const versionsOf = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.stixId}|${r.version}`;
    if (unique.has(key)) continue;
    unique.set(key, r);
    versionsOf.set(r.stixId, (versionsOf.get(r.stixId) ?? 0) + 1);
  }
  if (!unique.size) return [];
  // One statement for the objects and their observables, with one JSON parameter rather than an
  // array per column: PostgreSQL parses it in one pass, where text[] parameters cost an escaping
  // pass per element in the driver and an unescaping pass in the server. Observables go only with
  // objects actually added (an exact duplicate is left alone, ON CONFLICT).
  const inserted = await tx.query<InsertedRow & { other_versions: boolean }>(
    `WITH r AS (
       SELECT * FROM jsonb_to_recordset($4::jsonb) AS r(i text, t text, s text, v timestamptz, w uuid, l text, o jsonb, m boolean, b jsonb)
     ), added AS (
       INSERT INTO intel_objects (collection_id, exercise_id, stix_id, type, spec_version, version, date_added, owner_organisation_id, tlp, object, other_versions)
       SELECT $1, $2, r.i, r.t, r.s, r.v, $3::timestamptz, r.w, r.l, r.o,
              r.m OR EXISTS (SELECT 1 FROM intel_objects y WHERE y.collection_id = $1 AND y.stix_id = r.i)
         FROM r
       ON CONFLICT (collection_id, stix_id, version) DO NOTHING
       RETURNING pk, stix_id, version, date_added, other_versions
     ), observables AS (
       INSERT INTO intel_observables (object_pk, kind, value)
       SELECT a.pk, x.k, x.v FROM added a JOIN r ON r.i = a.stix_id AND r.v = a.version, jsonb_to_recordset(r.b) AS x(k text, v text)
     )
     SELECT pk::text, stix_id, ${utc('version')} AS version, ${utc('date_added')} AS date_added, other_versions FROM added`,
    [
      collectionId,
      exerciseId,
      dateAdded,
      JSON.stringify(
        [...unique.values()].map((r) => ({
          i: r.stixId,
          t: r.type,
          s: r.specVersion,
          v: r.version,
          w: r.ownerOrganisationId,
          l: r.tlp,
          o: r.object,
          m: versionsOf.get(r.stixId)! > 1,
          b: r.observables.map((o) => ({ k: o.kind, v: o.value })),
        })),
      ),
    ],
  );
  // A second version of an object already here: the earlier versions get the flag too.
  const versioned = [...new Set(inserted.filter((r) => r.other_versions).map((r) => r.stix_id))];
  if (versioned.length) {
    await tx.query(
      'UPDATE intel_objects SET other_versions = true WHERE collection_id = $1 AND stix_id = ANY($2::text[]) AND NOT other_versions',
      [collectionId, versioned],
    );
  }
  return inserted.map((r) => ({
    pk: r.pk,
    stix_id: r.stix_id,
    version: microsFromUtc(r.version),
    date_added: microsFromUtc(r.date_added),
  }));
}

/**
 * Planner statistics for the intel tables. PGlite runs no autovacuum, so without this the planner
 * never learns how big a collection is and pages a large one with a bitmap scan and a sort of
 * every row instead of walking the (collection_id, date_added, pk) index; PostgreSQL's autovacuum
 * also lags behind a bulk load. After enough new rows (as many again as the last ANALYZE saw, at
 * least 500) the tables are analysed in the writer's transaction, so the next reader plans well.
 * Only the columns queries filter and sort on: statistics of the JSON objects cost more than the
 * rest together (measured: 184 against 76 ms for 20,000 objects) and no plan uses them.
 */
const statistics = { added: 0, seen: 0 };

export async function keepStatistics(tx: Db, added: number): Promise<void> {
  statistics.added += added;
  if (statistics.added < Math.max(500, statistics.seen)) return;
  await tx.exec(
    'ANALYZE intel_objects (collection_id, stix_id, version, type, tlp, date_added, owner_organisation_id, exercise_id, other_versions); ANALYZE intel_observables; ANALYZE intel_sharing',
  );
  const [row] = await tx.query<{ n: number }>(`SELECT reltuples::float8 AS n FROM pg_class WHERE relname = 'intel_objects'`);
  statistics.added = 0;
  statistics.seen = Math.max(0, Number(row?.n ?? 0));
}

/**
 * Which of these objects differ from the version already stored in the collection under the same
 * (id, version): the indexes of those that do. jsonb equality, so key order and spacing do not count.
 */
export async function differingFromStored(
  tx: Db,
  collectionId: string,
  objects: { stixId: string; version: string; object: Record<string, unknown> }[],
): Promise<Set<number>> {
  if (!objects.length) return new Set();
  const rows = await tx.query<{ n: number }>(
    `SELECT c.n FROM jsonb_to_recordset($2::jsonb) AS c(n int, i text, v timestamptz, o jsonb)
       JOIN intel_objects x ON x.collection_id = $1 AND x.stix_id = c.i AND x.version = c.v
      WHERE x.object <> c.o`,
    [collectionId, JSON.stringify(objects.map((o, n) => ({ n, i: o.stixId, v: o.version, o: o.object })))],
  );
  return new Set(rows.map((r) => r.n));
}

/** One addressee of the versions of an object that one organisation owns. */
export interface SharingEntry {
  stixId: string;
  ownerOrganisationId: string | null;
  communityId?: string | null;
  organisationId?: string | null;
  userId?: string | null;
}

export async function insertSharing(tx: Db, entries: SharingEntry[]): Promise<void> {
  if (!entries.length) return;
  await tx.query(
    `INSERT INTO intel_sharing (stix_id, owner_organisation_id, community_id, organisation_id, user_id)
     SELECT * FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[]) ON CONFLICT DO NOTHING`,
    [
      entries.map((e) => e.stixId),
      entries.map((e) => e.ownerOrganisationId),
      entries.map((e) => e.communityId ?? null),
      entries.map((e) => e.organisationId ?? null),
      entries.map((e) => e.userId ?? null),
    ],
  );
}

/** Time format used for every TAXII timestamp: microsecond precision, UTC, `Z`. */
export const isoMicros = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * The same format for hot paths (a page of 1,000 objects has 2,000 timestamps): the database sends
 * the UTC `timestamp` as text ('2026-01-01 10:00:00.5', ISO DateStyle), about three times cheaper
 * for it than to_char, and this completes it to '2026-01-01T10:00:00.500000Z'.
 */
const utc = (column: string) => `(${column}) AT TIME ZONE 'UTC'`;

export function microsFromUtc(text: string): string {
  const space = text.indexOf(' ');
  const dot = text.indexOf('.', space);
  if (dot < 0) return `${text.slice(0, space)}T${text.slice(space + 1)}.000000Z`;
  return `${text.slice(0, space)}T${text.slice(space + 1, dot)}.${text.slice(dot + 1).padEnd(6, '0')}Z`;
}

/**
 * The version TAXII shows: `modified`, else `created`, else (unversioned observables) the time the
 * object was added, as the TAXII spec has it for objects without either.
 */
const taxiiVersion = (a: string) => `(CASE WHEN ${a}.version = '${UNVERSIONED}'::timestamptz THEN ${a}.date_added ELSE ${a}.version END)`;

export interface ObjectQuery {
  collectionId: string;
  reader: Reader;
  addedAfter?: string;
  ids?: string[];
  types?: string[];
  specVersions?: string[];
  /** 'last' (default), 'first', 'all', or explicit version timestamps. */
  versions?: string[];
  after?: { dateAdded: string; pk: string };
  limit: number;
}

export interface ObjectRow {
  pk: string;
  stix_id: string;
  /** The TAXII version (see taxiiVersion), ISO with microseconds. */
  version: string;
  date_added: string;
  spec_version: string;
  owner_organisation_id: string | null;
  /** The object as JSON text, straight from the database (only when asked for). */
  object?: string;
}

/**
 * One page of objects (or manifest entries) of a collection the reader may see, oldest added first.
 * Returns limit + 1 rows at most so the caller knows whether more exist. `last` and `first` are
 * decided among the versions the reader may see that match the other filters (TAXII applies
 * match[version] after the other match parameters), with an index probe per row rather than a
 * window over the whole collection, so that every page costs the same. Objects come back as JSON
 * text: a page goes to the client without being parsed and serialised again.
 */
export async function queryObjects(db: Db, q: ObjectQuery, withObject = true): Promise<ObjectRow[]> {
  const params: unknown[] = [q.collectionId, ...readerParams(q.reader)];
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const idsParam = q.ids?.length ? add(q.ids) : '';
  const typesParam = q.types?.length ? add(q.types) : '';
  const specParam = q.specVersions?.length ? add(q.specVersions) : '';
  const matching = (a: string) => {
    const w = [`${a}.collection_id = $1`, readerFilterSql(2, a)];
    if (idsParam) w.push(`${a}.stix_id = ANY(${idsParam}::text[])`);
    if (typesParam) w.push(`${a}.type = ANY(${typesParam}::text[])`);
    if (specParam) w.push(`${a}.spec_version = ANY(${specParam}::text[])`);
    return w.join(' AND ');
  };
  // Whether another matching version of the same object comes before this row in some order. OFFSET 0
  // keeps the planner from turning it into an anti-join, whose plan depends on fresh statistics (PGlite
  // has no autovacuum): as a subplan it is one index probe on (stix_id, version) per row.
  // Rows of objects with a single version in the collection skip the probe (other_versions, 0007).
  const noneBefore = (cond: string) =>
    `(NOT o.other_versions OR NOT EXISTS (SELECT 1 FROM intel_objects n WHERE n.stix_id = o.stix_id AND (${cond}) AND ${matching('n')} OFFSET 0))`;
  // Without match[spec_version], TAXII serves each object in the latest STIX version it is stored in
  // (among the versions the reader may see); match[version] then chooses among those.
  const newerSpec = 'n.spec_version > o.spec_version';
  const sameSpec = (cmp: string) =>
    specParam ? `n.version ${cmp} o.version` : `${newerSpec} OR (n.spec_version = o.spec_version AND n.version ${cmp} o.version)`;
  const versions = q.versions?.length ? q.versions : ['last'];
  const explicit = versions.filter((v) => !['last', 'first', 'all'].includes(v));
  const tests: string[] = [];
  if (versions.includes('all')) tests.push('true');
  if (versions.includes('last')) tests.push(noneBefore(sameSpec('>')));
  if (versions.includes('first')) tests.push(noneBefore(sameSpec('<')));
  if (explicit.length) tests.push(`${taxiiVersion('o')} = ANY(${add(explicit)}::timestamptz[])`);
  // `last` and `first` alone already keep to the latest spec version; anything else needs it said.
  const onlyEnds = versions.every((v) => v === 'last' || v === 'first');
  if (!specParam && !onlyEnds) tests.splice(0, tests.length, `(${tests.join(' OR ')}) AND ${noneBefore(newerSpec)}`);
  const where = [matching('o'), `(${tests.join(' OR ')})`];
  if (q.addedAfter) where.push(`o.date_added > ${add(q.addedAfter)}::timestamptz`);
  if (q.after) where.push(`(o.date_added, o.pk) > (${add(q.after.dateAdded)}::timestamptz, ${add(q.after.pk)}::bigint)`);
  const limit = add(q.limit + 1);
  const rows = await db.query<ObjectRow>(
    `SELECT o.pk::text, o.stix_id, ${utc(taxiiVersion('o'))} AS version, ${utc('o.date_added')} AS date_added,
            o.spec_version, o.owner_organisation_id ${withObject ? ', o.object::text AS object' : ''}
       FROM intel_objects o
      WHERE ${where.join(' AND ')}
      ORDER BY o.date_added, o.pk
      LIMIT ${limit}`,
    params,
    { prepare: true },
  );
  for (const row of rows) {
    row.version = microsFromUtc(row.version);
    row.date_added = microsFromUtc(row.date_added);
  }
  return rows;
}

/** Removes stored versions by row, and their observables with them (no foreign key does it: 0007). */
export async function deleteRows(tx: Db, pks: string[]): Promise<number> {
  if (!pks.length) return 0;
  const rows = await tx.query(
    `WITH observables AS (DELETE FROM intel_observables WHERE object_pk = ANY($1::bigint[]))
     DELETE FROM intel_objects WHERE pk = ANY($1::bigint[]) RETURNING pk`,
    [pks],
  );
  return rows.length;
}
