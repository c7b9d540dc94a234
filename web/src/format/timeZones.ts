/**
 * Time zone names. Browsers list CLDR's canonical ids, some of which are names IANA retired
 * (Asia/Saigon, Asia/Calcutta); the server and the people in the region use the current ones, so
 * the list shows those.
 */
const current: Record<string, string> = {
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'America/Godthab': 'America/Nuuk',
  'Pacific/Truk': 'Pacific/Chuuk',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Enderbury': 'Pacific/Kanton',
};

export const browserTimeZone = (): string => {
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  return current[tz] ?? tz;
};

let cached: string[] | null = null;

export function allTimeZones(): string[] {
  if (!cached) {
    const listed = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];
    cached = [...new Set(listed.map((tz) => current[tz] ?? tz))].sort();
  }
  return cached;
}

/** "GMT+07:00" for a zone at the given moment (offsets move with daylight saving). */
export function utcOffset(timeZone: string, at = new Date()): string {
  try {
    const part = new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName');
    return part?.value === 'GMT' ? 'GMT+00:00' : (part?.value ?? '');
  } catch {
    return '';
  }
}
