/**
 * The console's view of intelligence: search across the collections of one API root, and an
 * object's page (its versions, relationships, marking, sharing, correlation hits and sightings).
 * What a reader receives is decided by TLP alone (tlp.ts): collections are TAXII's distribution
 * channels, while sharing under TLP is the rule of who may know what. Drill data (the exercise API
 * root) only appears when asked for.
 */
import type { Db } from '../../db/index.js';
import { notFound } from '../../errors.js';
import type { Page } from '../../lib/list.js';
import { get as getCommunity } from '../directory/communities.service.js';
import { get as getOrganisation } from '../directory/organisations.service.js';
import { type Actor, hasRoleIn } from '../identity/actor.js';
import { namesOf } from '../identity/service.js';
import * as store from './explore.store.js';
import { readerFor } from './reader.js';
import type { ObjectDetail, ObjectSearchQuery, ObjectSummary, Sharing } from './schema.js';

/** Organisation names and countries for a page of results, one lookup per distinct organisation. */
async function organisationsById(db: Db, actor: Actor, ids: (string | null)[]) {
  const found = new Map<string, { name: string; countryCode: string }>();
  for (const id of new Set(ids)) {
    if (!id) continue;
    const o = await getOrganisation(db, actor, id).catch(() => null);
    if (o) found.set(id, { name: o.name, countryCode: o.countryCode });
  }
  return found;
}

export async function search(db: Db, actor: Actor, q: ObjectSearchQuery): Promise<Page<ObjectSummary>> {
  const reader = await readerFor(db, actor);
  const filters = { ...q, from: q.from ? new Date(q.from).toISOString() : undefined, to: q.to ? new Date(q.to).toISOString() : undefined };
  const rows = await store.search(db, reader, filters);
  const total = rows[0]?.total ?? (q.offset ? ((await store.search(db, reader, { ...filters, offset: 0, limit: 1 }))[0]?.total ?? 0) : 0);
  const orgs = await organisationsById(
    db,
    actor,
    rows.map((r) => r.owner_organisation_id),
  );
  return {
    items: rows.map((r) => ({
      id: r.stix_id,
      type: r.type,
      name: r.name,
      tlp: r.tlp,
      modified: r.version,
      dateAdded: r.date_added,
      ownerOrganisationId: r.owner_organisation_id,
      ownerOrganisationName: (r.owner_organisation_id && orgs.get(r.owner_organisation_id)?.name) || null,
      collectionId: r.collection_id,
      exercise: q.apiRoot === 'exercise',
    })),
    total,
    limit: q.limit,
    offset: q.offset,
  };
}

/** Sharing is managed by the owning organisation's analysts and admins. */
export function canShare(actor: Actor, ownerOrganisationId: string | null): boolean {
  if (actor.kind === 'system') return true;
  return ownerOrganisationId !== null && hasRoleIn(actor, [ownerOrganisationId], ['analyst', 'org_admin', 'node_admin']);
}

/** Whom the owner of some versions of an object shares them with. */
export async function presentSharing(db: Db, actor: Actor, stixId: string, ownerOrganisationId: string | null): Promise<Sharing> {
  const rows = await store.sharing(db, stixId, ownerOrganisationId);
  const communities: Sharing['communities'] = [];
  for (const r of rows) {
    if (!r.community_id) continue;
    const c = await getCommunity(db, actor, r.community_id).catch(() => null);
    communities.push({ id: r.community_id, name: c?.name ?? '' });
  }
  const orgs = await organisationsById(
    db,
    actor,
    rows.map((r) => r.organisation_id),
  );
  const userIds = rows.flatMap((r) => (r.user_id ? [r.user_id] : []));
  const names = await namesOf(db, userIds);
  return {
    communities,
    organisations: rows
      .filter((r) => r.organisation_id)
      .map((r) => ({ id: r.organisation_id as string, name: orgs.get(r.organisation_id as string)?.name ?? '' })),
    people: userIds.map((id) => ({ id, name: names.get(id) ?? '' })),
  };
}

/** An object's page; 404 when the reader may receive no version of it. */
export async function detail(db: Db, actor: Actor, stixId: string, apiRoot: string): Promise<ObjectDetail> {
  const reader = await readerFor(db, actor);
  const versions = await store.versions(db, reader, apiRoot, stixId);
  if (!versions.length) throw notFound('Object');
  const latest = versions[0];
  const [relationships, correlations, sightings] = [
    await store.relationships(db, reader, apiRoot, stixId),
    await store.correlations(db, reader, apiRoot, stixId),
    await store.sightingCounts(db, reader, apiRoot, stixId),
  ];
  const orgs = await organisationsById(db, actor, [latest.owner_organisation_id, ...sightings.map((s) => s.owner_organisation_id)]);
  const byCountry = new Map<string | null, { sightings: number; count: number }>();
  for (const s of sightings) {
    const country = (s.owner_organisation_id && orgs.get(s.owner_organisation_id)?.countryCode) || null;
    const c = byCountry.get(country) ?? { sightings: 0, count: 0 };
    byCountry.set(country, { sightings: c.sightings + s.sightings, count: c.count + s.count });
  }
  const refs = latest.object.object_marking_refs;
  return {
    id: stixId,
    type: String(latest.object.type),
    name: typeof latest.object.name === 'string' ? latest.object.name : null,
    exercise: apiRoot === 'exercise',
    tlp: latest.tlp,
    markingRefs: Array.isArray(refs) ? refs.filter((r): r is string => typeof r === 'string') : [],
    ownerOrganisationId: latest.owner_organisation_id,
    ownerOrganisationName: (latest.owner_organisation_id && orgs.get(latest.owner_organisation_id)?.name) || null,
    canShare: canShare(actor, latest.owner_organisation_id),
    versions: versions.map((v) => ({
      version: v.version,
      dateAdded: v.date_added,
      collectionId: v.collection_id,
      tlp: v.tlp,
      object: v.object,
    })),
    relationships: relationships.map((r) => ({
      id: r.stix_id,
      relationshipType: typeof r.object.relationship_type === 'string' ? r.object.relationship_type : null,
      sourceRef: String(r.object.source_ref),
      targetRef: String(r.object.target_ref),
      tlp: r.tlp,
      object: r.object,
    })),
    sharing: await presentSharing(db, actor, stixId, latest.owner_organisation_id),
    correlations: correlations.map((c) => ({ id: c.stix_id, type: c.type, name: c.name, tlp: c.tlp, matches: c.matches })),
    sightings: {
      total: sightings.reduce((n, s) => n + s.sightings, 0),
      byOrganisation: sightings.map((s) => ({
        organisationId: s.owner_organisation_id,
        organisationName: (s.owner_organisation_id && orgs.get(s.owner_organisation_id)?.name) || null,
        countryCode: (s.owner_organisation_id && orgs.get(s.owner_organisation_id)?.countryCode) || null,
        sightings: s.sightings,
        count: s.count,
      })),
      byCountry: [...byCountry].map(([countryCode, c]) => ({ countryCode, ...c })),
    },
  };
}
