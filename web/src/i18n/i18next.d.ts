import 'i18next';
import type en from './en.json';

// Typed keys: a key missing from en.json is a type error, not a blank label at run time.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
    returnNull: false;
  }
}
