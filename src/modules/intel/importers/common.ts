/**
 * What every importer returns, and the small helpers they share. An importer is a pure function
 * from parsed input to STIX 2.1 objects: it never touches the store, and what it cannot map is
 * either a warning (dropped detail) or a rejected item (reported to the operator as a failure).
 */
export type StixObject = Record<string, unknown>;

export interface Rejected {
  /** The STIX id it would have had, or the source's own identifier (a MISP uuid, a CVE id). */
  id: string | null;
  message: string;
}

export interface Mapped {
  objects: StixObject[];
  warnings: string[];
  rejected: Rejected[];
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** STIX timestamps with millisecond precision, as the spec asks of `created` and `modified`. */
export const stixTime = (ms: number): string => new Date(ms).toISOString();

/** `YYYY-MM-DD` as midnight UTC, or null when it is not a real date. */
export function dateOnly(value: unknown): number | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const ms = Date.parse(`${value}T00:00:00.000Z`);
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value ? null : ms;
}

/** Unix seconds (number or numeric string, as MISP writes them), or null. */
export function epochSeconds(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : Number.NaN;
  return Number.isFinite(n) && n >= 0 ? n * 1000 : null;
}

/** A full timestamp truncated to milliseconds, or null. */
export function timestamp(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** Drops undefined properties, which STIX has no notion of and the validator would see as present. */
export function compact(o: StixObject): StixObject {
  for (const key of Object.keys(o)) if (o[key] === undefined) delete o[key];
  return o;
}
