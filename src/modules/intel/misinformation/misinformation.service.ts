/**
 * Reports of misinformation, stored as STIX like any other intelligence: a `report` with
 * `report_types: ['misinformation']` whose `object_refs` name the DISARM techniques it uses
 * (attack patterns already in the store, which the reporter must be able to read) and a `url`
 * observable for every place it was seen; what STIX has no property for (the claim, channels,
 * first seen, reach, counter-message) travels as `x_kizuna_*` custom properties. Filing goes through
 * `ingest`, so marking, ownership, default sharing, validation and the audit entry are the same as
 * for every object; reading goes through the TLP filter, so a report is found by technique only by
 * those who may read it.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../../db/index.js';
import { AppError, notFound } from '../../../errors.js';
import * as organisations from '../../directory/organisations.service.js';
import { type Actor, homeOrganisation } from '../../identity/actor.js';
import * as collections from '../collections.service.js';
import { NAMESPACE, stixId } from '../importers/ids.js';
import { ingest } from '../objects.service.js';
import { readerFor } from '../reader.js';
import { isStricter, type Reader, tlpMarkingId, tlpOf } from '../tlp.js';
import { MisinformationInput, type MisinformationReport, type Reach, type SeenAt } from './schema.js';
import * as store from './misinformation.store.js';

export const REPORT_TYPE = 'misinformation';

type StixObject = Record<string, unknown>;

export async function report(db: Db, actor: Actor, raw: unknown): Promise<MisinformationReport> {
  const parsed = MisinformationInput.safeParse(raw);
  if (!parsed.success) {
    throw new AppError(
      'validation_failed',
      'The report is not valid',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  const input = parsed.data;
  await collections.requireWrite(db, actor, 'real', input.collectionId);
  const reader = await readerFor(db, actor);
  const techniques = [...new Set(input.techniques)];
  const known = await store.techniques(db, reader, techniques);
  const missing = techniques.filter((t) => !known.some((k) => k.stix_id === t));
  if (missing.length) {
    throw new AppError(
      'validation_failed',
      'Unknown DISARM techniques: import the DISARM framework, or choose techniques you may read',
      missing.map((id) => ({ path: `techniques.${input.techniques.indexOf(id)}`, message: `no attack pattern ${id} that you may read` })),
    );
  }
  // The report names its techniques to all its readers: none may be marked stricter than the report.
  const tooStrict = known.filter((k) => isStricter(k.tlp, input.tlp));
  if (tooStrict.length) {
    throw new AppError(
      'validation_failed',
      'Techniques marked stricter than the report: its readers could not read them',
      tooStrict.map((k) => ({
        path: `techniques.${input.techniques.indexOf(k.stix_id)}`,
        message: `${k.stix_id} is TLP:${k.tlp.toUpperCase()}; mark the report at least as strictly`,
      })),
    );
  }

  const now = new Date().toISOString();
  const id = `report--${randomUUID()}`;
  const marking = [tlpMarkingId[input.tlp]];
  const urls = [...new Set(input.seenAt.map((s) => s.url).filter((u): u is string => !!u))];
  // Observable ids derive from the report, so each report's URLs carry that report's marking.
  const observables: StixObject[] = urls.map((value) => ({
    type: 'url',
    spec_version: '2.1',
    id: stixId('url', NAMESPACE.kizuna, `${id}|${value}`),
    value,
    object_marking_refs: marking,
  }));
  const creator = await creatorIdentity(db, actor);
  const object: StixObject = {
    type: 'report',
    spec_version: '2.1',
    id,
    created: now,
    modified: now,
    published: now,
    name: input.title ?? shorten(input.claim, 120),
    description: input.claim,
    report_types: [REPORT_TYPE],
    object_refs: [...techniques, ...observables.map((o) => o.id as string)],
    object_marking_refs: marking,
    ...(creator ? { created_by_ref: creator } : {}),
    ...(input.factCheckUrl ? { external_references: [{ source_name: 'fact-check', url: input.factCheckUrl }] } : {}),
    x_kizuna_claim: input.claim,
    x_kizuna_seen_at: input.seenAt,
    x_kizuna_first_seen: new Date(input.firstSeen).toISOString(),
    ...(input.reach ? { x_kizuna_reach: input.reach } : {}),
    ...(input.counterMessage ? { x_kizuna_counter_message: input.counterMessage } : {}),
    ...(input.factCheckUrl ? { x_kizuna_fact_check_url: input.factCheckUrl } : {}),
  };
  const result = await ingest(db, actor, { collectionId: input.collectionId, action: 'intel.misinformation.report' }, [
    ...observables,
    object,
  ]);
  if (result.failures.length) {
    throw new AppError(
      'validation_failed',
      'The report is not valid STIX',
      result.failures.map((f) => ({ path: f.id ?? '', message: f.message })),
    );
  }
  return present(object, input.collectionId, known);
}

/** The identity of the reporter's organisation, which makes that organisation the report's owner. */
async function creatorIdentity(db: Db, actor: Actor): Promise<string | null> {
  const organisationId = homeOrganisation(actor);
  if (!organisationId) return null;
  return (await organisations.get(db, actor, organisationId)).stixIdentityId;
}

const shorten = (text: string, max: number) => {
  const line = text.split('\n')[0];
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
};

/**
 * Misinformation reports that use a DISARM technique (its attack pattern's STIX id or its DISARM id,
 * e.g. T0002), newest first, as far as the actor may read: the same TLP rule as every search, in
 * whichever collection of the real API root a report is.
 */
export async function listByTechnique(db: Db, actor: Actor, technique: string, limit = 50): Promise<MisinformationReport[]> {
  const reader = await readerFor(db, actor);
  const rows = await store.reports(db, reader, { technique, limit });
  return presentRows(db, reader, rows);
}

export async function get(db: Db, actor: Actor, id: string): Promise<MisinformationReport> {
  const reader = await readerFor(db, actor);
  const rows = await store.reports(db, reader, { id, limit: 1 });
  if (!rows.length) throw notFound('Misinformation report');
  return (await presentRows(db, reader, rows))[0];
}

async function presentRows(db: Db, reader: Reader, rows: store.ReportRow[]): Promise<MisinformationReport[]> {
  const objects = rows.map((r) => ({ collectionId: r.collection_id, object: JSON.parse(r.object) as StixObject }));
  const refs = [...new Set(objects.flatMap(({ object }) => refsOf(object).filter((r) => r.startsWith('attack-pattern--'))))];
  const known = await store.techniques(db, reader, refs);
  return objects.map(({ collectionId, object }) => present(object, collectionId, known));
}

const refsOf = (o: StixObject) => (Array.isArray(o.object_refs) ? o.object_refs.filter((r): r is string => typeof r === 'string') : []);
const strOrNull = (v: unknown) => (typeof v === 'string' ? v : null);

/** STIX report → the API's shape. A technique the reader may not see is left out, id included. */
function present(o: StixObject, collectionId: string, known: store.TechniqueRow[]): MisinformationReport {
  return {
    id: o.id as string,
    collectionId,
    name: String(o.name ?? ''),
    claim: String(o.x_kizuna_claim ?? o.description ?? ''),
    seenAt: Array.isArray(o.x_kizuna_seen_at) ? (o.x_kizuna_seen_at as SeenAt[]) : [],
    firstSeen: String(o.x_kizuna_first_seen ?? ''),
    reach: (o.x_kizuna_reach as Reach | undefined) ?? null,
    techniques: refsOf(o).flatMap((id) => {
      const k = id.startsWith('attack-pattern--') ? known.find((t) => t.stix_id === id) : undefined;
      return k ? [{ id, name: k.name, externalId: k.external_id }] : [];
    }),
    counterMessage: strOrNull(o.x_kizuna_counter_message),
    factCheckUrl: strOrNull(o.x_kizuna_fact_check_url),
    tlp: tlpOf(o),
    createdByRef: strOrNull(o.created_by_ref),
    created: String(o.created),
    modified: String(o.modified),
  };
}
