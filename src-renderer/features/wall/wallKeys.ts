/** What a key does on a live wall (control window grid or wall window). Physical keys, any keyboard layout. */
export type WallKeyAction =
  | { kind: 'select'; index: number }
  | { kind: 'maximise' }
  | { kind: 'back' }
  | { kind: 'tour' }
  | { kind: 'snapshot' }
  | { kind: 'ptz' }
  | { kind: 'stats' }
  | { kind: 'newCase' }
  | { kind: 'clear' };

export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

const LETTERS: Readonly<Record<string, WallKeyAction>> = {
  KeyF: { kind: 'maximise' },
  KeyT: { kind: 'tour' },
  KeyS: { kind: 'snapshot' },
  KeyP: { kind: 'ptz' },
  KeyI: { kind: 'stats' },
  KeyN: { kind: 'newCase' },
};

export function wallKeyAction(event: KeyLike): WallKeyAction | null {
  if (event.ctrlKey || event.altKey || event.metaKey) return null;
  const digit = /^(?:Digit|Numpad)([1-9])$/.exec(event.code);
  if (digit) return { kind: 'select', index: Number(digit[1]) - 1 };
  if (event.key === 'Enter') return { kind: 'maximise' };
  if (event.key === 'Escape') return { kind: 'back' };
  if (event.key === 'Delete') return { kind: 'clear' };
  return LETTERS[event.code] ?? null;
}

/** The wall's keys as the `?` help lists them: key captions (or i18n keys of captions) and what they do. */
export const WALL_SHORTCUTS: readonly { keys: readonly string[]; label: WallShortcutLabel }[] = [
  { keys: ['1', '…', '9'], label: 'wall.keys.select' },
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
];

export type WallShortcutLabel =
  | 'wall.keys.select'
  | 'wall.keys.maximise'
  | 'wall.keys.back'
  | 'wall.keys.tour'
  | 'wall.keys.snapshot'
  | 'wall.keys.ptz'
  | 'wall.keys.ptzMove'
  | 'wall.keys.stats'
  | 'wall.keys.newCase'
  | 'wall.keys.zoom'
  | 'wall.keys.clear';
