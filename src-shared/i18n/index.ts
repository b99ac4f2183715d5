import { en } from './locales/en';
import { vi, type Messages } from './locales/vi';

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'vi';

export const resources: Record<Language, Messages> = { vi, en };
export type { Messages };
export * from './fold';
export * from './format';
