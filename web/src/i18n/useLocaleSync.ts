import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { updateMe } from '../auth/api';
import { useSession } from '../auth/SessionContext';
import { isLocale, storedLanguage } from './index';

/**
 * Reconciles the browser's language with the user's profile once per sign-in: a language picked in
 * this browser (even on the login page) is the latest word and goes to the profile; a browser
 * with no choice yet takes the profile's.
 */
export function useLocaleSync() {
  const { i18n } = useTranslation();
  const { user, setUser } = useSession();
  const userId = user?.id;

  // biome-ignore lint/correctness/useExhaustiveDependencies: once per signed-in user, not on every profile change
  useEffect(() => {
    if (!user) return;
    const stored = storedLanguage();
    if (stored && stored !== user.locale) {
      updateMe({ locale: stored }).then(setUser, () => {});
    } else if (!stored && isLocale(user.locale) && user.locale !== i18n.resolvedLanguage) {
      void i18n.changeLanguage(user.locale);
    }
  }, [userId]);
}
