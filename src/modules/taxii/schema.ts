/**
 * Shapes of the TAXII 2.1 API: path parameters, the filter query parameters of each endpoint
 * (comma lists and repeated parameters both accepted, malformed values answered 400), the POST
 * envelope, and the resources the server answers. Filter values are normalised here (sorted,
 * deduplicated, timestamps at microsecond precision) so a `next` cursor can compare them.
 */
import { z } from 'zod';
import { toMicros } from '../intel/objects.service.js';

const MAX_LIST = 1000;

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?Z$/;

/**
 * A real instant (no 30 February, no hour 25), so the database never sees a bad timestamp. Years
 * run from 1 to 9999, the range PostgreSQL and JavaScript read alike: JavaScript takes year 0
 * (1 BC) as a date, PostgreSQL refuses it, and the regex already stops at four digits.
 */
function isRealTime(v: string): boolean {
  const d = new Date(`${v.slice(0, 19)}Z`);
  return !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= 1 && d.toISOString().slice(0, 19) === v.slice(0, 19);
}

export const Timestamp = z
  .string()
  .regex(TIMESTAMP, 'must be a UTC timestamp such as 2026-11-28T14:03:20.123456Z')
  .refine(isRealTime, 'must be a real date and time')
  .transform(toMicros);

export const StixId = z
  .string()
  .max(300)
  .regex(/^[a-z][a-z0-9-]*--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'must be a STIX identifier');
export const StixType = z
  .string()
  .max(250)
  .regex(/^[a-z][a-z0-9-]*$/, 'must be a STIX object type');
export const SpecVersion = z.string().regex(/^\d+\.\d+$/, 'must be a STIX spec version such as 2.1');
export const VersionMatch = z.union([z.enum(['last', 'first', 'all']), Timestamp]);

/** `match[x]=a,b` and `match[x]=a&match[x]=b` alike; the values sorted and without repeats. */
const list = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) =>
      (Array.isArray(v) ? v : [v])
        .flatMap((s) => s.split(','))
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(1, 'must name at least one value').max(MAX_LIST))
    .transform((values) => [...new Set(values)].sort());

// Plain decimal digits only: Number() would also read `0x10`, `1e2`, `+5` and ` 5`.
const Limit = z
  .string()
  .regex(/^\d+$/, 'must be a whole number in decimal digits')
  .transform(Number)
  .pipe(z.number().int().min(1).max(1_000_000_000));
const Next = z.string().min(1).max(4096);

export const ObjectsQuery = z.object({
  added_after: Timestamp.optional(),
  limit: Limit.optional(),
  next: Next.optional(),
  'match[id]': list(StixId).optional(),
  'match[type]': list(StixType).optional(),
  'match[version]': list(VersionMatch).optional(),
  'match[spec_version]': list(SpecVersion).optional(),
});
export type ObjectsQuery = z.infer<typeof ObjectsQuery>;

export const ObjectQuery = ObjectsQuery.pick({
  added_after: true,
  limit: true,
  next: true,
  'match[version]': true,
  'match[spec_version]': true,
});
export const VersionsQuery = ObjectsQuery.pick({ added_after: true, limit: true, next: true, 'match[spec_version]': true });
export const DeleteQuery = ObjectsQuery.pick({ 'match[version]': true, 'match[spec_version]': true });

export const RootParams = z.object({ apiRoot: z.string() });
export const StatusParams = RootParams.extend({ statusId: z.string() });
export const CollectionParams = RootParams.extend({ collectionId: z.string() });
export const ObjectParams = CollectionParams.extend({ objectId: z.string() });

/** The TAXII envelope a client POSTs: its objects are validated one by one by the store. */
export const Envelope = z.object({
  objects: z.array(z.unknown()),
  more: z.boolean().optional(),
  next: z.string().optional(),
});
export type Envelope = z.infer<typeof Envelope>;

export const Discovery = z.object({
  title: z.string(),
  description: z.string().optional(),
  contact: z.string().optional(),
  default: z.string().optional(),
  api_roots: z.array(z.string()),
});

export const ApiRootInfo = z.object({
  title: z.string(),
  description: z.string().optional(),
  versions: z.array(z.string()),
  max_content_length: z.number().int(),
});

export const TaxiiCollection = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().optional(),
  alias: z.string().optional(),
  can_read: z.boolean(),
  can_write: z.boolean(),
  media_types: z.array(z.string()),
});
export type TaxiiCollection = z.infer<typeof TaxiiCollection>;

export const TaxiiCollections = z.object({ collections: z.array(TaxiiCollection).optional() });

const StatusDetails = z.object({ id: z.string(), version: z.string(), message: z.string().optional() });

export const TaxiiStatus = z.object({
  id: z.string(),
  status: z.enum(['pending', 'complete']),
  request_timestamp: z.string().optional(),
  total_count: z.number().int(),
  success_count: z.number().int(),
  successes: z.array(StatusDetails).optional(),
  failure_count: z.number().int(),
  failures: z.array(StatusDetails).optional(),
  pending_count: z.number().int(),
  pendings: z.array(StatusDetails).optional(),
});
export type TaxiiStatus = z.infer<typeof TaxiiStatus>;
export type StatusDetails = z.infer<typeof StatusDetails>;
