/**
 * Wall-clock times in the viewer's zone (their profile's, else the browser's) to and from UTC.
 * Mantine's pickers hand over "YYYY-MM-DD HH:mm:ss" with no zone; the analyst means their own
 * zone, which need not be the browser's.
 */

const partsFormat = new Map<string, Intl.DateTimeFormat>();

function wallParts(ms: number, timeZone: string): number[] {
  let f = partsFormat.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormat.set(timeZone, f);
  }
  const parts = f.formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return [get('year'), get('month'), get('day'), get('hour'), get('minute'), get('second')];
}

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetAt(ms: number, timeZone: string): number {
  const [y, mo, d, h, mi, s] = wallParts(ms, timeZone);
  return Date.UTC(y, mo - 1, d, h, mi, s) - Math.floor(ms / 1000) * 1000;
}

/** "2026-11-28 14:30:00" (or "2026-11-28") in `timeZone` → the UTC ISO instant. */
export function zonedToUtc(wall: string, timeZone: string): string {
  const [date, time = '00:00:00'] = wall.trim().split(/[ T]/);
  const [y, mo, d] = date.split('-').map(Number);
  const [h = 0, mi = 0, s = 0] = time.split(':').map(Number);
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  // Twice, because the offset at the guessed instant may differ across a daylight-saving change.
  let utc = asUtc - offsetAt(asUtc, timeZone);
  utc = asUtc - offsetAt(utc, timeZone);
  return new Date(utc).toISOString();
}

/** A UTC instant as "YYYY-MM-DD HH:mm:ss" on the wall clock of `timeZone`. */
export function utcToZoned(iso: string | Date, timeZone: string): string {
  const ms = typeof iso === 'string' ? Date.parse(iso) : iso.getTime();
  const [y, mo, d, h, mi, s] = wallParts(ms, timeZone);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${y}-${p(mo)}-${p(d)} ${p(h)}:${p(mi)}:${p(s)}`;
}

/** The last instant of a day in `timeZone`, for inclusive "to" dates. */
export function endOfZonedDay(date: string, timeZone: string): string {
  const start = Date.parse(zonedToUtc(`${date.slice(0, 10)} 00:00:00`, timeZone));
  const next = Date.parse(zonedToUtc(utcToZoned(new Date(start + 26 * 3600_000), timeZone).slice(0, 10), timeZone));
  return new Date(next - 1).toISOString();
}
