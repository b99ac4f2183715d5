import { describe, expect, it } from 'vitest';
import { resources } from '../../../src-shared/i18n';
import { WALL_SHORTCUTS, wallKeyAction, type KeyLike } from './wallKeys';

const key = (code: string, k = '', mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  code,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  ...mods,
});

describe('wall keys', () => {
  it('types tile numbers with the digits 0–9 of the top row or the keypad (0 for tiles 10, 20…)', () => {
    expect(wallKeyAction(key('Digit1', '1'))).toEqual({ kind: 'digit', digit: 1 });
    expect(wallKeyAction(key('Numpad9', '9'))).toEqual({ kind: 'digit', digit: 9 });
    expect(wallKeyAction(key('Digit0', '0'))).toEqual({ kind: 'digit', digit: 0 });
    expect(wallKeyAction(key('Numpad0', '0'))).toEqual({ kind: 'digit', digit: 0 });
    // A Vietnamese Telex/VNI layout may type something else on the digit row; the key is what counts.
    expect(wallKeyAction(key('Digit2', 'ă'))).toEqual({ kind: 'digit', digit: 2 });
  });

  it('moves between tiles with the plain arrows', () => {
    expect(wallKeyAction(key('ArrowRight', 'ArrowRight'))).toEqual({ kind: 'move', dx: 1, dy: 0 });
    expect(wallKeyAction(key('ArrowLeft', 'ArrowLeft'))).toEqual({ kind: 'move', dx: -1, dy: 0 });
    expect(wallKeyAction(key('ArrowUp', 'ArrowUp'))).toEqual({ kind: 'move', dx: 0, dy: -1 });
    expect(wallKeyAction(key('ArrowDown', 'ArrowDown', { shiftKey: false }))).toEqual({ kind: 'move', dx: 0, dy: 1 });
    expect(wallKeyAction(key('ArrowDown', 'ArrowDown', { altKey: true }))).toBeNull();
  });

  it('lists tile numbers and the arrows in the `?` help, named in both languages', () => {
    const rows = new Map(WALL_SHORTCUTS.map((s) => [s.label as string, s.keys]));
    expect(rows.get('wall.keys.selectNumber')).toEqual(['1', '2']);
    expect(rows.get('wall.keys.move')).toEqual(['←', '→', '↑', '↓']);
    for (const lang of [resources.vi, resources.en]) {
      const wall = lang.wall as { keys: Record<string, string>; tileEntry: Record<string, string> };
      expect(wall.keys.selectNumber).toMatch(/12/);
      expect(wall.keys.move).toBeTruthy();
      expect(wall.tileEntry.pending).toContain('{{digit}}');
      expect(wall.tileEntry.missing).toContain('{{n}}');
    }
  });

  it('maps F/Enter, Esc, T, S by physical key, whatever the layout types', () => {
    expect(wallKeyAction(key('KeyF', 'f'))).toEqual({ kind: 'maximise' });
    expect(wallKeyAction(key('NumpadEnter', 'Enter'))).toEqual({ kind: 'maximise' });
    expect(wallKeyAction(key('Escape', 'Escape'))).toEqual({ kind: 'back' });
    // A Vietnamese Telex layout may type something else on KeyT; the key is what counts.
    expect(wallKeyAction(key('KeyT', 'ť'))).toEqual({ kind: 'tour' });
    expect(wallKeyAction(key('KeyS', 'S'))).toEqual({ kind: 'snapshot' });
    expect(wallKeyAction(key('KeyN', 'n'))).toEqual({ kind: 'newCase' });
  });

  it('leaves modified keys to the app (Alt+1 opens a page)', () => {
    expect(wallKeyAction(key('Digit1', '1', { altKey: true }))).toBeNull();
    expect(wallKeyAction(key('KeyS', 's', { ctrlKey: true }))).toBeNull();
  });

  it('extends the selection with Shift+arrows and merges with M', () => {
    expect(wallKeyAction(key('ArrowRight', 'ArrowRight', { shiftKey: true }))).toEqual({
      kind: 'extend',
      dx: 1,
      dy: 0,
    });
    expect(wallKeyAction(key('ArrowUp', 'ArrowUp', { shiftKey: true }))).toEqual({ kind: 'extend', dx: 0, dy: -1 });
    expect(wallKeyAction(key('ArrowLeft', 'ArrowLeft', { shiftKey: true, ctrlKey: true }))).toBeNull();
    expect(wallKeyAction(key('KeyM', 'm'))).toEqual({ kind: 'merge' });
  });

  it('lists the merge keys in the `?` help, named in both languages', () => {
    const labels = WALL_SHORTCUTS.map((s) => s.label);
    expect(labels).toContain('wall.keys.extend');
    expect(labels).toContain('wall.keys.merge');
    expect(WALL_SHORTCUTS.find((s) => s.label === 'wall.keys.merge')?.keys).toEqual(['M']);
    for (const lang of [resources.vi, resources.en]) {
      const keys = (lang.wall as { keys: Record<string, string> }).keys;
      for (const label of labels) expect(keys[label.replace('wall.keys.', '')]).toBeTruthy();
    }
  });
});
