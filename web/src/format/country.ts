/** Country names in the console's language from their ISO code; the API's English name is the fallback. */
import type { Locale } from '../api/types';
import { toIntlLocale } from './datetime';

const cache = new Map<Locale, Intl.DisplayNames>();

export function countryName(code: string, lang: Locale, fallback?: string): string {
  try {
    let names = cache.get(lang);
    if (!names) {
      names = new Intl.DisplayNames([toIntlLocale(lang)], { type: 'region' });
      cache.set(lang, names);
    }
    return names.of(code) ?? fallback ?? code;
  } catch {
    return fallback ?? code;
  }
}
