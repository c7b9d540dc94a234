/**
 * STIX timestamps (RFC 3339, UTC, 'Z'): calendar checks and ordering. Shared by the pattern parser
 * (t'…' literals, START/STOP) and the object validator, which both need more than a regex: the
 * grammar and the schemas accept 2016-02-30, and Date.parse drops sub-millisecond digits.
 */

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?Z$/;

const daysIn = (year: number, month: number): number =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

/**
 * Why `value` is not a STIX timestamp, or null when it is. `maxFractionDigits` lets the object
 * validator hold timestamps to microseconds while pattern literals keep the grammar's any-length
 * fraction.
 */
export function timestampProblem(value: string, maxFractionDigits = Number.POSITIVE_INFINITY): string | null {
  const m = SHAPE.exec(value);
  if (!m) return 'must be an RFC 3339 UTC timestamp like 2016-05-12T08:17:27.000Z';
  const [, y, mo, d, h, mi, s, fraction] = m;
  const month = Number(mo);
  if (month < 1 || month > 12) return `has no month ${mo}`;
  const day = Number(d);
  if (day < 1 || day > daysIn(Number(y), month)) return `has no day ${d} in ${y}-${mo}`;
  // 60 allows a leap second, as RFC 3339 does.
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) return `has no time ${h}:${mi}:${s}`;
  if (fraction && fraction.length > maxFractionDigits) return `is more precise than ${maxFractionDigits} fractional digits`;
  return null;
}

/** Orders two well-formed timestamps exactly, sub-millisecond digits included. */
export function compareTimestamps(a: string, b: string): number {
  const wholeA = a.slice(0, 19);
  const wholeB = b.slice(0, 19);
  if (wholeA !== wholeB) return wholeA < wholeB ? -1 : 1;
  const fa = a.length > 20 ? a.slice(20, -1) : '';
  const fb = b.length > 20 ? b.slice(20, -1) : '';
  const width = Math.max(fa.length, fb.length);
  const pa = fa.padEnd(width, '0');
  const pb = fb.padEnd(width, '0');
  return pa === pb ? 0 : pa < pb ? -1 : 1;
}
