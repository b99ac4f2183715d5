import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy } from './csp';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

const CORE = 'http://127.0.0.1:49152';

describe('CSP with a configured basemap style (--basemap-style)', () => {
  it('adds exactly the style origin to connect-src and img-src, and nowhere else', () => {
    const withStyle = directives(
      buildContentSecurityPolicy(CORE, 'https://tiles.example.vn:8443/styles/dark.json?k=1'),
    );
    const without = directives(buildContentSecurityPolicy(CORE));
    expect(withStyle.get('connect-src')).toEqual([...without.get('connect-src')!, 'https://tiles.example.vn:8443']);
    expect(withStyle.get('img-src')).toEqual([...without.get('img-src')!, 'https://tiles.example.vn:8443']);
    for (const [name, values] of withStyle)
      if (name !== 'connect-src' && name !== 'img-src') expect(values).toEqual(without.get(name));
    expect([...withStyle.values()].flat().some((v) => v.includes('*'))).toBe(false);
  });

  it('adds the origin even before the core is ready', () => {
    expect(directives(buildContentSecurityPolicy(null, 'http://10.0.0.5/style.json')).get('connect-src')).toEqual([
      "'self'",
      'http://10.0.0.5',
    ]);
  });

  it('adds nothing for a style URL that is not http(s)', () => {
    const plain = buildContentSecurityPolicy(CORE);
    for (const bad of ['file:///etc/style.json', 'javascript:alert(1)', 'not a url', 'https://u:p@x.example/s.json'])
      expect(buildContentSecurityPolicy(CORE, bad)).toBe(plain);
  });
});
