import { describe, expect, it } from 'vitest';
import { RENDERER_CSP, rendererCsp } from './static-files';

const directives = (csp: string) =>
  new Map(
    csp.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values];
    }),
  );

describe('the browser host’s CSP with a configured basemap style', () => {
  it('adds exactly the style origin to connect-src and img-src, and nothing else anywhere', () => {
    const plain = directives(RENDERER_CSP);
    const styled = directives(rendererCsp('https://tiles.example.vn:8443/styles/dark.json'));
    expect(styled.get('connect-src')).toEqual(["'self'", 'https://tiles.example.vn:8443']);
    expect(styled.get('img-src')).toEqual([...plain.get('img-src')!, 'https://tiles.example.vn:8443']);
    for (const [name, values] of styled)
      if (name !== 'connect-src' && name !== 'img-src') expect(values, name).toEqual(plain.get(name));
    expect(rendererCsp('https://tiles.example.vn/s.json')).not.toContain('*');
  });

  it('is the plain policy with no style, or one that is not http(s)', () => {
    expect(rendererCsp(null)).toBe(RENDERER_CSP);
    expect(rendererCsp('file:///etc/style.json')).toBe(RENDERER_CSP);
    expect(directives(RENDERER_CSP).get('connect-src')).toEqual(["'self'"]);
  });
});
