/**
 * TAXII resources from Kizuna's rows: collections, status resources, and the three paged resources
 * (envelope, manifest, versions). Pages are written as JSON text around the objects' own JSON text
 * from the database, so a page of a thousand objects is never parsed and serialised again.
 */
import type { Collection } from '../intel/collections.service.js';
import type { ObjectRow } from '../intel/objects.store.js';
import { STIX_MEDIA } from './media.js';
import type { TaxiiCollection, TaxiiStatus } from './schema.js';
import type { StatusRow } from './status.store.js';

export function presentCollection(c: Collection): TaxiiCollection {
  return {
    id: c.id,
    title: c.title,
    ...(c.description ? { description: c.description } : {}),
    ...(c.alias ? { alias: c.alias } : {}),
    can_read: c.canRead,
    can_write: c.canWrite,
    media_types: [STIX_MEDIA],
  };
}

export function presentStatus(r: StatusRow): TaxiiStatus {
  return {
    id: r.id,
    status: r.status,
    request_timestamp: r.request_timestamp,
    total_count: r.total_count,
    success_count: r.success_count,
    successes: r.successes,
    failure_count: r.failure_count,
    failures: r.failures,
    pending_count: r.pending_count,
    pendings: r.pendings,
  };
}

export interface Page {
  rows: ObjectRow[];
  more: boolean;
  next?: string;
}

/** `more` and `next` first; `next` only when there is more. Lists are left out when empty, as TAXII has it. */
function head(page: Page): string {
  return `{"more":${page.more}${page.next ? `,"next":${JSON.stringify(page.next)}` : ''}`;
}

export function envelopeJson(page: Page): string {
  if (!page.rows.length) return `${head(page)}}`;
  return `${head(page)},"objects":[${page.rows.map((r) => r.object).join(',')}]}`;
}

export function manifestJson(page: Page): string {
  if (!page.rows.length) return `${head(page)}}`;
  const records = page.rows.map((r) =>
    JSON.stringify({
      id: r.stix_id,
      date_added: r.date_added,
      version: r.version,
      media_type: `application/stix+json;version=${r.spec_version}`,
    }),
  );
  return `${head(page)},"objects":[${records.join(',')}]}`;
}

export function versionsJson(page: Page): string {
  if (!page.rows.length) return `${head(page)}}`;
  return `${head(page)},"versions":${JSON.stringify(page.rows.map((r) => r.version))}}`;
}

/** X-TAXII-Date-Added-First and -Last: the date_added of the first and last row of the page. */
export function dateAddedHeaders(page: Page): Record<string, string> {
  if (!page.rows.length) return {};
  return { 'X-TAXII-Date-Added-First': page.rows[0].date_added, 'X-TAXII-Date-Added-Last': page.rows[page.rows.length - 1].date_added };
}
