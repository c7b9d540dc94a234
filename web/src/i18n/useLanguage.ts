import { useTranslation } from 'react-i18next';
import type { Locale } from '../api/types';
import { updateMe } from '../auth/api';
import { useSession } from '../auth/SessionContext';
import { isLocale, rememberLanguage } from './index';

export function useLanguage() {
  const { i18n } = useTranslation();
  const { user, setUser } = useSession();
  const language: Locale = isLocale(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';

  async function change(lang: Locale) {
    rememberLanguage(lang);
    await i18n.changeLanguage(lang);
    if (user && user.locale !== lang) {
      try {
        setUser(await updateMe({ locale: lang }));
      } catch {
        // The choice still holds in this browser; the profile catches up at the next sign-in.
      }
    }
  }

  return { language, change };
}
