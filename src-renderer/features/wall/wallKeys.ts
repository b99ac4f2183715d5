/** What a key does on a live wall (control window grid or wall window). Physical keys, any keyboard layout. */
export type WallKeyAction =
  /** A digit key, 0…9: a tile number, typed as one or two digits (tileNumberEntry.ts). */
  | { kind: 'digit'; digit: number }
  /** A plain arrow: select the tile next to the selected one that way (tileNavigation.ts). */
  | { kind: 'move'; dx: -1 | 0 | 1; dy: -1 | 0 | 1 }
  | { kind: 'maximise' }
  | { kind: 'back' }
  | { kind: 'tour' }
  | { kind: 'snapshot' }
  | { kind: 'ptz' }
  | { kind: 'stats' }
  | { kind: 'newCase' }
  | { kind: 'clear' }
  /** Shift+arrow while editing a layout: grow or shrink the selected rectangle of tiles that way. */
  | { kind: 'extend'; dx: -1 | 0 | 1; dy: -1 | 0 | 1 }
  | { kind: 'merge' };

export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  /** Absent counts as not held. */
  shiftKey?: boolean;
}

const ARROWS: Readonly<Record<string, { dx: -1 | 0 | 1; dy: -1 | 0 | 1 }>> = {
  ArrowLeft: { dx: -1, dy: 0 },
  ArrowRight: { dx: 1, dy: 0 },
  ArrowUp: { dx: 0, dy: -1 },
  ArrowDown: { dx: 0, dy: 1 },
};

const LETTERS: Readonly<Record<string, WallKeyAction>> = {
  KeyF: { kind: 'maximise' },
  KeyT: { kind: 'tour' },
  KeyS: { kind: 'snapshot' },
  KeyP: { kind: 'ptz' },
  KeyI: { kind: 'stats' },
  KeyN: { kind: 'newCase' },
  KeyM: { kind: 'merge' },
};

export function wallKeyAction(event: KeyLike): WallKeyAction | null {
  if (event.ctrlKey || event.altKey || event.metaKey) return null;
  const digit = /^(?:Digit|Numpad)([0-9])$/.exec(event.code);
  if (digit) return { kind: 'digit', digit: Number(digit[1]) };
  if (event.key === 'Enter') return { kind: 'maximise' };
  if (event.key === 'Escape') return { kind: 'back' };
  if (event.key === 'Delete') return { kind: 'clear' };
  const arrow = ARROWS[event.key];
  // Plain arrows move between tiles, except while a PTZ panel is open (its camera's); Shift+arrows extend the
  // selection. The wall controls decide when each applies.
  if (arrow) return event.shiftKey ? { kind: 'extend', ...arrow } : { kind: 'move', ...arrow };
  return LETTERS[event.code] ?? null;
}

/** The wall's keys as the `?` help lists them: key captions (or i18n keys of captions) and what they do. */
export const WALL_SHORTCUTS: readonly { keys: readonly string[]; label: WallShortcutLabel }[] = [
  { keys: ['1', '…', '9'], label: 'wall.keys.select' },
  { keys: ['1', '2'], label: 'wall.keys.selectNumber' },
  { keys: ['←', '→', '↑', '↓'], label: 'wall.keys.move' },
  { keys: ['F', 'Enter'], label: 'wall.keys.maximise' },
  { keys: ['Esc'], label: 'wall.keys.back' },
  { keys: ['T'], label: 'wall.keys.tour' },
  { keys: ['S'], label: 'wall.keys.snapshot' },
  { keys: ['P'], label: 'wall.keys.ptz' },
  { keys: ['←', '→', '↑', '↓', '+', '−'], label: 'wall.keys.ptzMove' },
  { keys: ['I'], label: 'wall.keys.stats' },
  { keys: ['N'], label: 'wall.keys.newCase' },
  { keys: ['wall.keys.wheel'], label: 'wall.keys.zoom' },
  { keys: ['Del'], label: 'wall.keys.clear' },
  { keys: ['Shift+←', 'Shift+→', 'Shift+↑', 'Shift+↓'], label: 'wall.keys.extend' },
  { keys: ['M'], label: 'wall.keys.merge' },
];

export type WallShortcutLabel =
  | 'wall.keys.select'
  | 'wall.keys.selectNumber'
  | 'wall.keys.move'
  | 'wall.keys.maximise'
  | 'wall.keys.back'
  | 'wall.keys.tour'
  | 'wall.keys.snapshot'
  | 'wall.keys.ptz'
  | 'wall.keys.ptzMove'
  | 'wall.keys.stats'
  | 'wall.keys.newCase'
  | 'wall.keys.zoom'
  | 'wall.keys.clear'
  | 'wall.keys.extend'
  | 'wall.keys.merge';
