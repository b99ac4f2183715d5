import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy, coreWebSocketOrigin } from './csp';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe('buildContentSecurityPolicy', () => {
  it('has every required directive, exactly', () => {
    const csp = directives(buildContentSecurityPolicy('http://127.0.0.1:49152'));
    expect(Object.fromEntries(csp)).toEqual({
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:', 'blob:'],
      'media-src': ["'self'", 'blob:', 'http://127.0.0.1:49152'],
      'connect-src': ["'self'", 'http://127.0.0.1:49152', 'ws://127.0.0.1:49152'],
      'worker-src': ["'self'", 'blob:'],
      'object-src': ["'none'"],
      'base-uri': ["'none'"],
      'frame-ancestors': ["'none'"],
      'form-action': ["'none'"],
    });
  });

  it('never allows eval or inline script', () => {
    const csp = buildContentSecurityPolicy('http://127.0.0.1:1');
    expect(directives(csp).get('script-src')).toEqual(["'self'"]);
    expect(csp).not.toContain('unsafe-eval');
  });

  it('connects only to itself while the core is not ready', () => {
    expect(directives(buildContentSecurityPolicy(null)).get('connect-src')).toEqual(["'self'"]);
  });

  it('uses origins, not paths, for the core', () => {
    const csp = directives(buildContentSecurityPolicy('http://127.0.0.1:5000/some/path'));
    expect(csp.get('connect-src')).toEqual(["'self'", 'http://127.0.0.1:5000', 'ws://127.0.0.1:5000']);
  });
});

describe('coreWebSocketOrigin', () => {
  it('maps http to ws and https to wss on the same host and port', () => {
    expect(coreWebSocketOrigin('http://127.0.0.1:49152')).toBe('ws://127.0.0.1:49152');
    expect(coreWebSocketOrigin('https://127.0.0.1:8443/')).toBe('wss://127.0.0.1:8443');
  });

  it('refuses other schemes', () => {
    expect(() => coreWebSocketOrigin('file:///etc/passwd')).toThrow();
  });
});
