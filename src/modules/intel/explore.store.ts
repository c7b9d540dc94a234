/**
 * SQL behind the console's intelligence explorer: search, an object's versions, relationships,
 * sharing, correlation hits and sightings. Every query filters by the TLP rule in the database
 * (readerFilterSql, parameters $1–$5) and by API root, so drill data stays out of real answers and
 * nothing the reader may not receive ever leaves the database.
 */
import type { Db } from '../../db/index.js';
import { likePattern, orderBy } from '../../lib/list.js';
import { isoMicros } from './objects.store.js';
import { type Reader, readerFilterSql, readerParams, type Tlp } from './tlp.js';

/** Objects of one API root ($6): every query here starts from these... */
const inRoot = (a: string) => `intel_objects ${a} JOIN intel_collections ${a}c ON ${a}c.id = ${a}.collection_id AND ${a}c.api_root = $6`;
/** ...and keeps only those the reader may receive. */
const visible = (a: string) => readerFilterSql(1, a);

export interface SearchFilters {
  apiRoot: string;
  q?: string;
  type?: string;
  tlp?: Tlp;
  community?: string;
  organisation?: string;
  from?: string;
  to?: string;
  sort?: string;
  limit: number;
  offset: number;
}

export interface SummaryRow {
  stix_id: string;
  type: string;
  name: string | null;
  tlp: Tlp;
  version: string;
  date_added: string;
  owner_organisation_id: string | null;
  collection_id: string;
  total: number;
}

const sortColumns = { modified: 'l.version', added: 'l.date_added', type: 'l.type', name: "lower(l.object->>'name')" };
export const searchSorts = Object.keys(sortColumns);

/**
 * The latest version the reader may receive of each object, then the filters on it; one row per
 * STIX id however many collections hold it.
 */
export async function search(db: Db, reader: Reader, f: SearchFilters): Promise<SummaryRow[]> {
  const params: unknown[] = [...readerParams(reader), f.apiRoot];
  const add = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const inner = f.type ? ` AND o.type = ${add(f.type)}` : '';
  const where: string[] = [];
  if (f.tlp) where.push(`l.tlp = ${add(f.tlp)}`);
  if (f.organisation) where.push(`l.owner_organisation_id = ${add(f.organisation)}::uuid`);
  if (f.community)
    where.push(
      `EXISTS (SELECT 1 FROM intel_sharing s WHERE s.stix_id = l.stix_id
          AND s.owner_organisation_id IS NOT DISTINCT FROM l.owner_organisation_id AND s.community_id = ${add(f.community)}::uuid)`,
    );
  if (f.from) where.push(`l.version >= ${add(f.from)}::timestamptz`);
  if (f.to) where.push(`l.version <= ${add(f.to)}::timestamptz`);
  const like = likePattern(f.q);
  if (like) {
    const p = add(like);
    where.push(`(l.object->>'name' ILIKE ${p} OR l.object->>'description' ILIKE ${p} OR l.object->>'pattern' ILIKE ${p})`);
  }
  const order = orderBy(f.sort, sortColumns, '-modified', 'l.stix_id');
  return db.query<SummaryRow>(
    `WITH latest AS (
       SELECT DISTINCT ON (o.stix_id) o.stix_id, o.type, o.tlp, o.version, o.date_added, o.owner_organisation_id, o.collection_id, o.object
         FROM ${inRoot('o')}
        WHERE ${visible('o')}${inner}
        ORDER BY o.stix_id, o.version DESC, o.date_added DESC, o.pk DESC
     )
     SELECT l.stix_id, l.type, l.object->>'name' AS name, l.tlp, ${isoMicros('l.version')} AS version,
            ${isoMicros('l.date_added')} AS date_added, l.owner_organisation_id, l.collection_id, (count(*) OVER ())::int AS total
       FROM latest l
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ${order}
      LIMIT ${add(f.limit)} OFFSET ${add(f.offset)}`,
    params,
  );
}

export interface VersionRow {
  version: string;
  date_added: string;
  collection_id: string;
  tlp: Tlp;
  owner_organisation_id: string | null;
  object: Record<string, unknown>;
}

/** Every version of an object the reader may receive, newest first; one row per version. */
export async function versions(db: Db, reader: Reader, apiRoot: string, stixId: string): Promise<VersionRow[]> {
  return db.query<VersionRow>(
    `SELECT DISTINCT ON (o.version) ${isoMicros('o.version')} AS version, ${isoMicros('o.date_added')} AS date_added, o.collection_id, o.tlp,
            o.owner_organisation_id, o.object
       FROM ${inRoot('o')}
      WHERE o.stix_id = $7 AND ${visible('o')}
      ORDER BY o.version DESC, o.date_added, o.pk`,
    [...readerParams(reader), apiRoot, stixId],
    { prepare: true },
  );
}

export interface RelationshipRow {
  stix_id: string;
  tlp: Tlp;
  object: Record<string, unknown>;
}

/** Relationships from or to an object: the latest version of each the reader may receive. */
export async function relationships(db: Db, reader: Reader, apiRoot: string, stixId: string, limit = 500): Promise<RelationshipRow[]> {
  return db.query<RelationshipRow>(
    `SELECT DISTINCT ON (o.stix_id) o.stix_id, o.tlp, o.object
       FROM ${inRoot('o')}
      WHERE o.type = 'relationship' AND (o.object->>'source_ref' = $7 OR o.object->>'target_ref' = $7) AND ${visible('o')}
      ORDER BY o.stix_id, o.version DESC
      LIMIT $8`,
    [...readerParams(reader), apiRoot, stixId, limit],
    { prepare: true },
  );
}

export interface SharingRow {
  community_id: string | null;
  organisation_id: string | null;
  user_id: string | null;
}

/** Whom one owner shares its versions of an object with. */
export async function sharing(db: Db, stixId: string, ownerOrganisationId: string | null): Promise<SharingRow[]> {
  return db.query<SharingRow>(
    'SELECT community_id, organisation_id, user_id FROM intel_sharing WHERE stix_id = $1 AND owner_organisation_id IS NOT DISTINCT FROM $2::uuid',
    [stixId, ownerOrganisationId],
  );
}

export interface CorrelationRow {
  stix_id: string;
  type: string;
  name: string | null;
  tlp: Tlp;
  matches: { kind: string; value: string }[];
}

/**
 * Other objects the reader may receive that carry an observable value found in a version of this
 * one the reader may receive: the same value, or for IP addresses and ranges one that holds it or
 * lies in it (198.51.100.7 and 198.51.100.0/24 hit each other). `matches` are the other object's
 * values that hit. Both sides go through the TLP rule, so a hit never reveals an object (or a
 * value) the reader could not read anyway.
 *
 * Exact values are found through the (kind, value) index as they always were. Ranges go through
 * the SP-GiST index on `net` (0009): `&&` is "contains or is contained by", so one probe per
 * address or range finds both directions (different families never overlap). A wide range can
 * hold a great many values (0.0.0.0/0 holds them all), so each range probe stops after as many
 * readable hits as the page shows: the lookup stays fast, and what is cut is only more of the same.
 */
export async function correlations(db: Db, reader: Reader, apiRoot: string, stixId: string, limit = 200): Promise<CorrelationRow[]> {
  return db.query<CorrelationRow>(
    `WITH mine AS (
       SELECT DISTINCT ob.kind, ob.value, ob.net
         FROM ${inRoot('o')} JOIN intel_observables ob ON ob.object_pk = o.pk
        WHERE o.stix_id = $7 AND ${visible('o')}
     ), hits AS (
       SELECT h.stix_id, h.type, h.object->>'name' AS name, h.tlp, h.version, hob.kind, hob.value
         FROM mine m
         JOIN intel_observables hob ON hob.kind = m.kind AND hob.value = m.value
         JOIN intel_objects h ON h.pk = hob.object_pk
         JOIN intel_collections hc ON hc.id = h.collection_id AND hc.api_root = $6
        WHERE h.stix_id <> $7 AND ${visible('h')}
       UNION ALL
       SELECT r.* FROM mine m CROSS JOIN LATERAL (
         SELECT h.stix_id, h.type, h.object->>'name' AS name, h.tlp, h.version, hob.kind, hob.value
           FROM intel_observables hob
           JOIN intel_objects h ON h.pk = hob.object_pk
           JOIN intel_collections hc ON hc.id = h.collection_id AND hc.api_root = $6
          WHERE hob.net && m.net AND hob.net <> m.net AND h.stix_id <> $7 AND ${visible('h')}
          LIMIT $8
       ) r
        WHERE m.net IS NOT NULL
     )
     SELECT stix_id, (array_agg(type ORDER BY version DESC))[1] AS type,
            (array_agg(name ORDER BY version DESC))[1] AS name,
            (array_agg(tlp ORDER BY version DESC))[1] AS tlp,
            jsonb_agg(DISTINCT jsonb_build_object('kind', kind, 'value', value)) AS matches
       FROM hits
      GROUP BY stix_id
      ORDER BY stix_id
      LIMIT $8`,
    [...readerParams(reader), apiRoot, stixId, limit],
    { prepare: true },
  );
}

export interface SightingCountRow {
  owner_organisation_id: string | null;
  sightings: number;
  count: number;
}

/**
 * Sightings of an object the reader may receive (latest version of each), counted per reporting
 * organisation: how many sightings and the sum of their `count` (1 when absent).
 */
export async function sightingCounts(db: Db, reader: Reader, apiRoot: string, stixId: string): Promise<SightingCountRow[]> {
  return db.query<SightingCountRow>(
    `SELECT s.owner_organisation_id, count(*)::int AS sightings, sum(s.n)::int AS count
       FROM (SELECT DISTINCT ON (o.stix_id) o.owner_organisation_id,
                    CASE WHEN jsonb_typeof(o.object->'count') = 'number' THEN (o.object->>'count')::numeric::bigint ELSE 1 END AS n
               FROM ${inRoot('o')}
              WHERE o.type = 'sighting' AND o.object->>'sighting_of_ref' = $7 AND ${visible('o')}
              ORDER BY o.stix_id, o.version DESC) s
      GROUP BY s.owner_organisation_id`,
    [...readerParams(reader), apiRoot, stixId],
    { prepare: true },
  );
}

/**
 * The owners of the versions of an object the reader may receive, in any API root, the owner of the
 * latest version first; none when the reader may receive no version.
 */
export async function readableOwners(db: Db, reader: Reader, stixId: string): Promise<(string | null)[]> {
  const rows = await db.query<{ owner_organisation_id: string | null }>(
    `SELECT o.owner_organisation_id FROM intel_objects o WHERE o.stix_id = $6 AND ${visible('o')}
      GROUP BY o.owner_organisation_id ORDER BY max(o.version) DESC`,
    [...readerParams(reader), stixId],
  );
  return rows.map((r) => r.owner_organisation_id);
}
