/**
 * Times as the viewer should read them: in their own zone (their profile's, else the browser's),
 * in the console's language, always with the zone named, because CERT staff from UTC+6:30 to UTC+9
 * read the same screens and a bare "14:00" is ambiguous.
 */
import type { Locale } from '../api/types';

/** Regional conventions for each language: day-month order and a 24-hour clock for English. */
const intlLocale: Record<Locale, string> = { en: 'en-GB', vi: 'vi-VN', ja: 'ja-JP' };

export const toIntlLocale = (lang: Locale) => intlLocale[lang];

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: Locale, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${timeZone}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale[lang], { ...options, timeZone });
    cache.set(key, f);
  }
  return f;
}

export function formatDateTime(iso: string | Date, lang: Locale, timeZone: string): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return '';
  return formatter(lang, timeZone, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(d);
}

export function formatDate(iso: string | Date, lang: Locale, timeZone: string): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return '';
  return formatter(lang, timeZone, { year: 'numeric', month: 'short', day: 'numeric' }).format(d);
}

/** The zone's name in the viewer's language ("Indochina Time"), for labels next to times. */
export function zoneDisplayName(timeZone: string, lang: Locale, at = new Date()): string {
  const part = formatter(lang, timeZone, { timeZoneName: 'long' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}
