import type { TFunction } from 'i18next';
import type { Display } from '../../../src-shared/contract';

/** The OS label when there is one, else "Display n" in the order the shell listed them. */
export function displayName(display: Display, index: number, t: TFunction): string {
  return display.label.trim() || t('wall.displayN', { n: index + 1 });
}
