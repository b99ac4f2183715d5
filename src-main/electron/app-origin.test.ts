import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, controlWindowUrl, isAppOriginUrl, wallWindowUrl } from './app-origin';

describe('isAppOriginUrl', () => {
  it.each(['app://ioc', 'app://ioc/', 'app://ioc/index.html#/wall/1', 'app://ioc/assets/x.js?v=1'])(
    'accepts %s',
    (url) => {
      expect(isAppOriginUrl(url)).toBe(true);
    },
  );

  it.each([
    null,
    undefined,
    '',
    'not a url',
    'app://ioc.evil/index.html',
    'app://evil/index.html',
    'app://user:pw@ioc/',
    'app://ioc:8080/',
    'http://ioc/index.html',
    'https://app.ioc/',
    'file:///app/ioc/index.html',
    'javascript:alert(1)',
    'data:text/html,<p>',
    'about:blank',
    'appx://ioc/',
  ])('rejects %s', (url) => {
    expect(isAppOriginUrl(url)).toBe(false);
  });
});

describe('window URLs', () => {
  it('control window is the root route', () => {
    expect(controlWindowUrl()).toBe(`${APP_ORIGIN}/index.html#/`);
  });

  it('wall window encodes the display id', () => {
    expect(wallWindowUrl('2779098405')).toBe('app://ioc/index.html#/wall/2779098405');
    expect(wallWindowUrl('a/b?c')).toBe('app://ioc/index.html#/wall/a%2Fb%3Fc');
  });
});
