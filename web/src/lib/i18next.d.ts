// Typed translation keys: t('…') with a key that is not in the English resources does not compile.
import 'i18next';
import type { en } from '../locales/en.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
