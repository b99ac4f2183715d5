import { describe, expect, it } from 'vitest';
import { wallKeyAction, type KeyLike } from './wallKeys';

const key = (code: string, k = '', mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  code,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  ...mods,
});

describe('wall keys', () => {
  it('selects tiles 1–9 from the top row or the keypad', () => {
    expect(wallKeyAction(key('Digit1', '1'))).toEqual({ kind: 'select', index: 0 });
    expect(wallKeyAction(key('Numpad9', '9'))).toEqual({ kind: 'select', index: 8 });
    expect(wallKeyAction(key('Digit0', '0'))).toBeNull();
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
});
