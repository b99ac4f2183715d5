import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { basicAuthorization, digestAuthorization, parseChallenges, pickChallenge } from './digest';
import { passwordDigest, usernameTokenHeader, wsseTimestamp } from './wsse';

describe('HTTP Digest', () => {
  it('answers the RFC 2617 example (MD5, qop=auth)', () => {
    const { digest } = parseChallenges([
      'Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"',
    ]);
    const header = digestAuthorization(
      digest[0]!,
      { username: 'Mufasa', password: 'Circle Of Life' },
      { method: 'GET', uri: '/dir/index.html' },
      1,
      '0a4f113b',
    );
    expect(header).toContain('response="6629fae49393a05397450978507c4ef1"');
    expect(header).toContain('qop=auth, nc=00000001, cnonce="0a4f113b"');
    expect(header).toContain('opaque="5ccc069c403ebaf9f0171e9517f40e41"');
    expect(header).not.toContain('algorithm=');
  });

  it('prefers SHA-256 when a camera offers both (Hikvision sends two headers) and answers RFC 7616', () => {
    const challenges = parseChallenges([
      'Digest qop="auth", realm="http-auth@example.org", nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", stale="FALSE"',
      'Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"',
    ]);
    const chosen = pickChallenge(challenges.digest)!;
    expect(chosen.algorithm).toBe('SHA-256');
    const header = digestAuthorization(
      chosen,
      { username: 'Mufasa', password: 'Circle of Life' },
      { method: 'GET', uri: '/dir/index.html' },
      1,
      'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
    );
    expect(header).toContain('response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"');
    expect(header).toContain('algorithm=SHA-256');
  });

  it('hashes non-ASCII passwords as UTF-8 and sends a non-ASCII username as its UTF-8 bytes', () => {
    const [c] = parseChallenges(['Digest realm="IP Camera", nonce="abc"']).digest;
    const header = digestAuthorization(
      c!,
      { username: 'quản-trị', password: 'Mật khẩu' },
      { method: 'POST', uri: '/x' },
      1,
    );
    const h = (s: string) => createHash('md5').update(Buffer.from(s, 'utf8')).digest('hex');
    expect(header).toContain(`response="${h(`${h('quản-trị:IP Camera:Mật khẩu')}:abc:${h('POST:/x')}`)}"`);
    // Latin-1 string whose bytes are the UTF-8 encoding: Node can send it, the camera reads UTF-8.
    expect(Buffer.from(header, 'latin1').toString('utf8')).toContain('username="quản-trị"');
  });

  it('parses several challenges on one line, Basic, and skips unknown algorithms', () => {
    const c = parseChallenges([
      'Basic realm="cam", Digest realm="cam", nonce="n1", algorithm=MD5-sess',
      'Digest realm="x", nonce="y", algorithm=SHA-512-256',
    ]);
    expect(c.basic).toBe(true);
    expect(c.digest.map((d) => d.algorithm)).toEqual(['MD5-SESS']);
    expect(parseChallenges(['Negotiate']).digest).toEqual([]);
    expect(basicAuthorization({ username: 'a', password: 'ô' })).toBe(`Basic ${Buffer.from('a:ô').toString('base64')}`);
  });

  it('quotes usernames that contain quotes', () => {
    const [c] = parseChallenges(['Digest realm="r", nonce="n"']).digest;
    expect(digestAuthorization(c!, { username: 'a"b', password: 'p' }, { method: 'GET', uri: '/' }, 1)).toContain(
      'username="a\\"b"',
    );
  });
});

describe('WS-Security UsernameToken', () => {
  it('matches the ONVIF programmer guide example', () => {
    const nonce = Buffer.from('LKqI6G/AikKCQrN0zqZFlg==', 'base64');
    expect(passwordDigest(nonce, '2010-09-16T07:50:45Z', 'userpassword')).toBe('tuOSpGlFlIXsozq4HFNeeGeFLEI=');
  });

  it('hashes non-ASCII passwords as UTF-8 (the library uses ASCII) and escapes the username', () => {
    const nonce = Buffer.alloc(16, 7);
    const created = new Date('2026-11-27T01:02:03.456Z');
    const header = usernameTokenHeader({ username: 'a<b', password: 'Mật khẩu', created, nonce });
    expect(header).toContain('<Username>a&lt;b</Username>');
    expect(header).toContain(
      '<Created xmlns="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd">2026-11-27T01:02:03Z</Created>',
    );
    const expected = createHash('sha1')
      .update(Buffer.concat([nonce, Buffer.from('2026-11-27T01:02:03Z'), Buffer.from('Mật khẩu', 'utf8')]))
      .digest('base64');
    const ascii = createHash('sha1')
      .update(Buffer.concat([nonce, Buffer.from('2026-11-27T01:02:03Z'), Buffer.from('Mật khẩu', 'ascii')]))
      .digest('base64');
    expect(header).toContain(`#PasswordDigest">${expected}</Password>`);
    expect(expected).not.toBe(ascii);
    expect(wsseTimestamp(new Date(0))).toBe('1970-01-01T00:00:00Z');
  });
});
