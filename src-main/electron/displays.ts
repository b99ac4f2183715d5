import type { Display as ElectronDisplay } from 'electron';
import type { Display } from '../../src-shared/contract/shell';

/** The subset of Electron's Display this module reads; lets tests pass plain objects. */
export type DisplayInfo = Pick<ElectronDisplay, 'id' | 'label' | 'bounds' | 'scaleFactor'>;

/** Electron displays → the shell contract's Display (ids become strings, empty labels get a readable one). */
export function toShellDisplays(displays: readonly DisplayInfo[], primaryId: number): Display[] {
  return displays.map((display, index) => ({
    id: String(display.id),
    label:
      display.label.trim().length > 0
        ? display.label
        : `Display ${index + 1} (${display.bounds.width}×${display.bounds.height})`,
    primary: display.id === primaryId,
    bounds: {
      x: display.bounds.x,
      y: display.bounds.y,
      width: display.bounds.width,
      height: display.bounds.height,
    },
    scaleFactor: display.scaleFactor,
  }));
}
