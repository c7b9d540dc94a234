import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/SessionContext';
import { isLocale } from '../i18n';
import { countryName } from './country';
import { formatDate, formatDateTime, zoneDisplayName } from './datetime';
import { browserTimeZone } from './timeZones';

/** Formatters bound to the viewer's language and time zone; re-render on a change of either. */
export function useFormat() {
  const { i18n } = useTranslation();
  const { user } = useSession();
  const lang = isLocale(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
  const timeZone = user?.timeZone || browserTimeZone();
  return {
    lang,
    timeZone,
    zoneName: () => zoneDisplayName(timeZone, lang),
    dateTime: (iso: string | Date) => formatDateTime(iso, lang, timeZone),
    date: (iso: string | Date) => formatDate(iso, lang, timeZone),
    /** A time in another zone (a site's local time), labelled with that zone. */
    dateTimeIn: (iso: string | Date, zone: string) => formatDateTime(iso, lang, zone),
    country: (code: string, fallback?: string) => countryName(code, lang, fallback),
  };
}
