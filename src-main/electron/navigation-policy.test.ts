import { describe, expect, it } from 'vitest';
import { decideNavigation, decideWindowOpen } from './navigation-policy';

describe('decideNavigation', () => {
  it('allows our own pages', () => {
    expect(decideNavigation('app://ioc/index.html#/wall/1')).toBe('allow');
  });

  it.each([
    'https://example.com/',
    'http://127.0.0.1:49152/',
    'app://ioc.attacker.com/index.html',
    'app://iocx/index.html',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,hi',
    'about:blank',
    'smb://server/share',
    'ms-settings:privacy',
    '',
  ])('denies %s', (url) => {
    expect(decideNavigation(url)).toBe('deny');
  });
});

describe('decideWindowOpen', () => {
  it('always denies', () => {
    expect(decideWindowOpen()).toEqual({ action: 'deny' });
  });
});
