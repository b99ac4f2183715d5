import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../../src-shared/i18n';

const STORAGE_KEY = 'ioc.language';

function isLanguage(value: unknown): value is Language {
  return LANGUAGES.some((l) => l === value);
}

export function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

function apply(language: Language): void {
  document.documentElement.lang = language;
  if (i18next.language !== language) void i18next.changeLanguage(language);
}

/** Switches the interface language and remembers it for this workstation. */
export function setLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage can be disabled by policy; the switch still applies to this window.
  }
  apply(language);
}

/** The interface language, re-rendering the caller when it changes. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LANGUAGE;
}

/** Wall windows follow a language change made in the control window (same origin, same storage). */
export function bindLanguage(): () => void {
  const onStorage = (event: StorageEvent): void => {
    if (event.key === STORAGE_KEY && isLanguage(event.newValue)) apply(event.newValue);
  };
  window.addEventListener('storage', onStorage);
  return () => window.removeEventListener('storage', onStorage);
}
