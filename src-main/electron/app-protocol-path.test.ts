import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isInside, resolveAppPath } from './app-protocol-path';

const root = path.resolve('/srv/ioc/dist/renderer');

describe('resolveAppPath', () => {
  it('maps paths under the root', () => {
    expect(resolveAppPath('app://ioc/index.html', root)).toEqual({ ok: true, filePath: path.join(root, 'index.html') });
    expect(resolveAppPath('app://ioc/assets/index-1.js?x=1#y', root)).toEqual({
      ok: true,
      filePath: path.join(root, 'assets', 'index-1.js'),
    });
    expect(resolveAppPath('app://ioc/fonts/Be%20Vietnam.woff2', root)).toEqual({
      ok: true,
      filePath: path.join(root, 'fonts', 'Be Vietnam.woff2'),
    });
  });

  it('serves index.html for the bare origin', () => {
    expect(resolveAppPath('app://ioc/', root)).toEqual({ ok: true, filePath: path.join(root, 'index.html') });
    expect(resolveAppPath('app://ioc', root)).toEqual({ ok: true, filePath: path.join(root, 'index.html') });
  });

  it.each([
    'app://ioc/assets/..%2f..%2f..%2fetc/passwd',
    'app://ioc/assets/..%5c..%5cwindows',
    'app://ioc/a%00.js',
    'app://ioc/C:%5CWindows%5Cwin.ini',
    'app://ioc/index.html:stream',
    'app://ioc/%2Fetc%2Fpasswd',
  ])('refuses traversal %s', (url) => {
    const result = resolveAppPath(url, root);
    expect(result.ok).toBe(false);
  });

  it('never resolves outside the root, whatever URL parsing does with dot segments', () => {
    for (const url of [
      'app://ioc/../../etc/passwd',
      'app://ioc/%2e%2e/%2e%2e/etc/passwd',
      'app://ioc/a/./../../../x',
      'app://ioc/%2E%2E/x',
    ]) {
      const result = resolveAppPath(url, root);
      if (result.ok) expect(isInside(root, result.filePath)).toBe(true);
    }
  });

  it('refuses other hosts, schemes and credentials', () => {
    expect(resolveAppPath('app://other/index.html', root)).toEqual({ ok: false, status: 404 });
    expect(resolveAppPath('file:///etc/passwd', root)).toEqual({ ok: false, status: 404 });
    expect(resolveAppPath('app://u:p@ioc/index.html', root)).toEqual({ ok: false, status: 404 });
  });

  it('answers 400 to malformed input', () => {
    expect(resolveAppPath('::::', root)).toEqual({ ok: false, status: 400 });
    expect(resolveAppPath('app://ioc/%E0%A4%A', root)).toEqual({ ok: false, status: 400 });
  });
});

describe('isInside', () => {
  it('accepts the root and descendants, rejects siblings and parents', () => {
    expect(isInside(root, root)).toBe(true);
    expect(isInside(root, path.join(root, 'a', 'b'))).toBe(true);
    expect(isInside(root, path.join(root, '..foo'))).toBe(true);
    expect(isInside(root, `${root}-evil`)).toBe(false);
    expect(isInside(root, path.dirname(root))).toBe(false);
  });
});
