import type { Messages } from '../../src-shared/i18n';

// Typed keys: `t('nav.wal')` is a compile error, not a blank label on the wall.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}
