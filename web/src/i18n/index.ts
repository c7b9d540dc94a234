/**
 * i18next with the three console languages bundled: they are small, and loading them over the
 * network would only add a flash of untranslated text. The choice is remembered per browser in
 * localStorage and, once signed in, on the user (see useLanguage).
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../api/types';
import en from './en.json';
import ja from './ja.json';
import vi from './vi.json';

export const LANG_STORAGE_KEY = 'kizuna.lang';
export const locales: readonly Locale[] = ['en', 'vi', 'ja'];

/** Each language's own name, so a reader of any one of them can find theirs. */
export const languageNames: Record<Locale, string> = { en: 'English', vi: 'Tiếng Việt', ja: '日本語' };

export const isLocale = (value: unknown): value is Locale => typeof value === 'string' && (locales as string[]).includes(value);

export function storedLanguage(): Locale | null {
  try {
    const stored = localStorage.getItem(LANG_STORAGE_KEY);
    return isLocale(stored) ? stored : null;
  } catch {
    return null;
  }
}

export function rememberLanguage(lang: Locale) {
  try {
    localStorage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // Private windows may refuse storage; the choice then lasts for this page only.
  }
}

function browserLanguage(): Locale {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

export const resources = { en: { translation: en }, vi: { translation: vi }, ja: { translation: ja } } as const;

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

void i18n.use(initReactI18next).init({
  resources,
  lng: storedLanguage() ?? browserLanguage(),
  fallbackLng: 'en',
  supportedLngs: locales as Locale[],
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

export function currentLocale(): Locale {
  return isLocale(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
}

export default i18n;
