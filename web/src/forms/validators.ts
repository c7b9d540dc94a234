/** Client-side checks that mirror the server's schemas, so most mistakes show before a round trip. */
import type { TFunction } from 'i18next';

export type Check = (value: string) => string | undefined;

export const required =
  (t: TFunction): Check =>
  (v) =>
    v.trim() ? undefined : t('validation.required');

export const maxLength =
  (t: TFunction, max: number): Check =>
  (v) =>
    v.trim().length > max ? t('validation.tooLong', { max }) : undefined;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const email =
  (t: TFunction): Check =>
  (v) =>
    !v.trim() || EMAIL.test(v.trim()) ? undefined : t('validation.email');

const PHONE = /^\+?[0-9 ()\-.]{5,30}$/;
export const phone =
  (t: TFunction): Check =>
  (v) =>
    !v.trim() || PHONE.test(v.trim()) ? undefined : t('validation.phone');

export const minLength =
  (t: TFunction, min: number): Check =>
  (v) =>
    v.length >= min ? undefined : t('validation.tooShort', { min });

/** The first failing check's message. */
export function check(value: string, ...checks: Check[]): string | undefined {
  for (const c of checks) {
    const message = c(value);
    if (message) return message;
  }
  return undefined;
}

/** Empty optional text goes to the server as null, meaning "none". */
export const orNull = (v: string) => (v.trim() ? v.trim() : null);
