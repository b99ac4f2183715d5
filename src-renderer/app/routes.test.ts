import { describe, expect, test } from 'vitest';
import { PAGES, parseHash, shortcutLabel } from './routes';

describe('parseHash', () => {
  test('reads every page', () => {
    for (const page of PAGES) expect(parseHash(`#/${page.name}`)).toEqual({ kind: 'page', page: page.name });
  });

  test('reads a wall window with its display id', () => {
    expect(parseHash('#/wall/screen-1')).toEqual({ kind: 'wall-window', displayId: 'screen-1' });
    expect(parseHash('#/wall/m%C3%A0n%201')).toEqual({ kind: 'wall-window', displayId: 'màn 1' });
  });

  test('rejects what it does not know, including malformed escapes', () => {
    for (const hash of ['', '#', '#/', '#/nope', '#/settings/x', '#/wall/a/b', '#/wall/%E0%A4%A']) {
      expect(parseHash(hash)).toBeNull();
    }
  });
});

test('Alt+1…8 follow the rail order', () => {
  expect(PAGES.map(shortcutLabel)).toEqual(['Alt+1', 'Alt+2', 'Alt+3', 'Alt+4', 'Alt+5', 'Alt+6', 'Alt+7', 'Alt+8']);
});
