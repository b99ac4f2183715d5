import i18next, { type InitOptions } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE, resources } from '../../src-shared/i18n';
import { storedLanguage } from '../stores/language';

export function i18nOptions(lng: string): InitOptions {
  return {
    resources: { vi: { translation: resources.vi }, en: { translation: resources.en } },
    lng,
    fallbackLng: DEFAULT_LANGUAGE,
    // React escapes text itself.
    interpolation: { escapeValue: false },
    // Resources are bundled, so initialise synchronously: no flash of untranslated keys.
    initAsync: false,
  };
}

export function initI18n(): void {
  const lng = storedLanguage();
  document.documentElement.lang = lng;
  void i18next.use(initReactI18next).init(i18nOptions(lng));
}

/** Component tests: the app's catalogues and options, Vietnamese (the default) first. */
export async function initI18nForTests(): Promise<void> {
  await i18next.use(initReactI18next).init(i18nOptions(DEFAULT_LANGUAGE));
}
