import { describe, expect, it } from 'vitest';
import { createAuthenticator, digestHeader, parseChallenges } from './auth';

const RFC_CHALLENGE = new Map([
  ['realm', 'testrealm@host.com'],
  ['nonce', 'dcd98b7102dd2f0e8b11d0f600bfb0c093'],
  ['opaque', '5ccc069c403ebaf9f0171e9517f40e41'],
]);
const field = (header: string, name: string) => new RegExp(`${name}="?([^",]*)"?`).exec(header)?.[1];

describe('Digest (RFC 2617 MD5)', () => {
  it('matches the RFC 2617 §3.5 example with qop=auth', () => {
    const header = digestHeader(new Map([...RFC_CHALLENGE, ['qop', 'auth,auth-int']]), {
      username: 'Mufasa',
      password: 'Circle Of Life',
      method: 'GET',
      uri: '/dir/index.html',
      nc: 1,
      cnonce: '0a4f113b',
    });
    expect(field(header, 'response')).toBe('6629fae49393a05397450978507c4ef1');
    expect(header).toContain('qop=auth, nc=00000001, cnonce="0a4f113b"');
    expect(header).toContain('opaque="5ccc069c403ebaf9f0171e9517f40e41"');
  });

  it('matches the RFC 2069 example without qop, and sends no nc or cnonce then', () => {
    const header = digestHeader(RFC_CHALLENGE, {
      username: 'Mufasa',
      password: 'CircleOfLife',
      method: 'GET',
      uri: '/dir/index.html',
      nc: 1,
      cnonce: 'unused',
    });
    expect(field(header, 'response')).toBe('1949323746fe6a43ef61f9606e7febea');
    expect(header).not.toMatch(/nc=|cnonce=|qop=/);
  });

  it('counts nc up per request on one nonce and starts over on a new nonce', () => {
    const auth = createAuthenticator({ username: 'u', password: 'p' }, () => 'c');
    expect(auth.header('OPTIONS', 'rtsp://h/x')).toBeNull();
    expect(auth.accept(parseChallenges(['Digest realm="r", nonce="n1", qop="auth"']))).toBe(true);
    expect(field(auth.header('DESCRIBE', 'rtsp://h/x')!, 'nc')).toBe('00000001');
    expect(field(auth.header('SETUP', 'rtsp://h/x/stream=0')!, 'nc')).toBe('00000002');
    auth.accept(parseChallenges(['Digest realm="r", nonce="n2", qop="auth"']));
    expect(field(auth.header('PLAY', 'rtsp://h/x')!, 'nc')).toBe('00000001');
  });

  it('prefers Digest over Basic, uses Basic alone with UTF-8 credentials, refuses other algorithms', () => {
    const auth = createAuthenticator({ username: 'người', password: 'mật khẩu:1' });
    auth.accept(parseChallenges(['Basic realm="cam"', 'Digest realm="cam", nonce="abc"']));
    expect(auth.header('DESCRIBE', 'rtsp://h/x')).toMatch(/^Digest /);
    const basic = createAuthenticator({ username: 'người', password: 'mật khẩu:1' });
    expect(basic.accept(parseChallenges(['Basic realm="cam"']))).toBe(true);
    const encoded = basic.header('DESCRIBE', 'rtsp://h/x')!.slice('Basic '.length);
    expect(Buffer.from(encoded, 'base64').toString('utf8')).toBe('người:mật khẩu:1');
    expect(basic.accept(parseChallenges(['Digest realm="r", nonce="n", algorithm=SHA-256', 'NTLM']))).toBe(false);
  });

  it('parses quoted values with commas and escapes, and escapes what it quotes', () => {
    const [challenge] = parseChallenges(['Digest realm="a, \\"b\\"", nonce=xyz, stale=TRUE']);
    expect(challenge?.params.get('realm')).toBe('a, "b"');
    expect(challenge?.params.get('nonce')).toBe('xyz');
    expect(challenge?.params.get('stale')).toBe('TRUE');
    const header = digestHeader(challenge!.params, {
      username: 'a"b',
      password: 'p',
      method: 'DESCRIBE',
      uri: 'rtsp://h/',
      nc: 1,
      cnonce: 'c',
    });
    expect(header).toContain('username="a\\"b"');
    expect(() =>
      digestHeader(challenge!.params, {
        username: 'a\r\nX: y',
        password: 'p',
        method: 'M',
        uri: 'u',
        nc: 1,
        cnonce: 'c',
      }),
    ).toThrow(/line break/);
  });
});
