/**
 * The `next` cursor of TAXII pages. It is opaque to clients and carries everything needed to resume:
 * the endpoint and collection (and object) it belongs to, the position of the last row sent as
 * (date_added, pk) — unique, so no row is skipped or repeated however many share one date_added —
 * and the filters of the first page. TAXII clients are expected to send the filters again with
 * `next`; some do not. Either way the first page's filters keep applying: filters sent again must
 * equal the cursor's, and filters left out are taken from it.
 *
 * A filter sent with its default value (match[version]=last) is the same filter as none.
 *
 * The cursor is not signed: it only says where to resume a query the client may make anyway, and
 * every page is filtered by the reader's rights afresh. It is validated like any other parameter,
 * down to what the database can take: the position is a PostgreSQL bigint.
 */
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { SpecVersion, StixId, StixType, Timestamp, VersionMatch } from './schema.js';

export interface Filters {
  addedAfter?: string;
  ids?: string[];
  types?: string[];
  versions?: string[];
  specVersions?: string[];
}

export type PageKind = 'objects' | 'manifest' | 'object' | 'versions';

export interface Scope {
  kind: PageKind;
  collectionId: string;
  objectId?: string;
}

export interface Position {
  dateAdded: string;
  pk: string;
}

const MAX_BIGINT = 9223372036854775807n;

/** What a filter left out means (TAXII 2.1: match[version] is `last` wherever it is taken). */
const DEFAULTS: Filters = { versions: ['last'] };

const CursorData = z.object({
  v: z.literal(1),
  k: z.enum(['objects', 'manifest', 'object', 'versions']),
  c: z.string().uuid(),
  o: StixId.optional(),
  d: Timestamp,
  p: z
    .string()
    .regex(/^\d{1,19}$/)
    .refine((p) => BigInt(p) <= MAX_BIGINT),
  f: z.object({
    addedAfter: Timestamp.optional(),
    ids: z.array(StixId).max(1000).optional(),
    types: z.array(StixType).max(1000).optional(),
    versions: z.array(VersionMatch).max(1000).optional(),
    specVersions: z.array(SpecVersion).max(1000).optional(),
  }),
});

export function encodeCursor(scope: Scope, filters: Filters, position: Position): string {
  const data: z.input<typeof CursorData> = {
    v: 1,
    k: scope.kind,
    c: scope.collectionId,
    o: scope.objectId,
    d: position.dateAdded,
    p: position.pk,
    f: filters,
  };
  return Buffer.from(JSON.stringify(data)).toString('base64url');
}

const badNext = (message: string) => new AppError('bad_request', message, [{ path: 'next', message }]);
const same = (key: keyof Filters, a: Filters, b: Filters) =>
  JSON.stringify(a[key] ?? DEFAULTS[key] ?? null) === JSON.stringify(b[key] ?? DEFAULTS[key] ?? null);

/** Where to resume and with which filters; 400 for a cursor that is malformed or not this query's. */
export function resume(next: string, scope: Scope, sent: Filters): { filters: Filters; after: Position } {
  let data: z.infer<typeof CursorData>;
  try {
    data = CursorData.parse(JSON.parse(Buffer.from(next, 'base64url').toString('utf8')));
  } catch {
    throw badNext('next is not a cursor this server gave out');
  }
  if (data.k !== scope.kind || data.c !== scope.collectionId || (data.o ?? undefined) !== scope.objectId) {
    throw badNext('next belongs to another endpoint or collection');
  }
  for (const key of Object.keys(sent) as (keyof Filters)[]) {
    if (sent[key] !== undefined && !same(key, sent, data.f)) {
      throw badNext(`the filters differ from the first page's (${key}); send next with the same filters, or with none`);
    }
  }
  return { filters: data.f, after: { dateAdded: data.d, pk: data.p } };
}
