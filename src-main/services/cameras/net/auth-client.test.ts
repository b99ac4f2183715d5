import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuthClient } from './auth-client';

const USER = 'admin';
const PASSWORD = 'Mật khẩu #1';
const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');

/** A loopback server enforcing Digest (nonces can be expired) or Basic only. */
let mode: 'digest' | 'basic' = 'digest';
let nonces = new Set<string>();
let expired = new Set<string>();
let requests: { authorization: string | undefined }[] = [];
let server: Server;
let base: string;

function digestOk(req: IncomingMessage): 'ok' | 'stale' | 'bad' {
  const header = req.headers.authorization ?? '';
  const p = Object.fromEntries([...header.matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]+))/g)].map((m) => [m[1], m[2] ?? m[3]]));
  if (!header.startsWith('Digest ') || p.username !== USER || !nonces.has(p.nonce ?? '')) return 'bad';
  const ha1 = md5(`${USER}:cam:${PASSWORD}`);
  const ha2 = md5(`${req.method}:${p.uri}`);
  const good = md5(`${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:auth:${ha2}`) === p.response;
  if (!good) return 'bad';
  return expired.has(p.nonce ?? '') ? 'stale' : 'ok';
}

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push({ authorization: req.headers.authorization });
    if (mode === 'basic') {
      const expected = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
      if (req.headers.authorization === expected) return res.end('ok');
      res.writeHead(401, { 'www-authenticate': 'Basic realm="cam"' });
      return res.end('<html>401</html>');
    }
    const verdict = digestOk(req);
    if (verdict === 'ok') return res.end('ok');
    const nonce = randomBytes(8).toString('hex');
    nonces.add(nonce);
    res.writeHead(401, {
      'www-authenticate': `Digest realm="cam", qop="auth", nonce="${nonce}"${verdict === 'stale' ? ', stale=true' : ''}`,
    });
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  mode = 'digest';
  nonces = new Set();
  expired = new Set();
  requests = [];
});

const get = (client: AuthClient, path = '/snapshot?profile=1') =>
  client.request({ url: new URL(path, base), method: 'GET', maxBytes: 1024, timeoutMs: 2000 });

describe('AuthClient', () => {
  it('answers a Digest challenge, then authenticates pre-emptively with an increasing nonce count', async () => {
    const client = new AuthClient({ credentials: { username: USER, password: PASSWORD }, allowBasic: false });
    expect((await get(client)).status).toBe(200);
    expect((await get(client)).status).toBe(200);
    expect((await get(client)).status).toBe(200);
    // One challenge round trip, then one request each.
    expect(requests).toHaveLength(4);
    expect(requests.slice(1).map((r) => /nc=(\w+)/.exec(r.authorization ?? '')?.[1])).toEqual([
      '00000001',
      '00000002',
      '00000003',
    ]);
  });

  it('follows a stale nonce to a fresh one', async () => {
    const client = new AuthClient({ credentials: { username: USER, password: PASSWORD }, allowBasic: false });
    await get(client);
    expired = new Set(nonces);
    expect((await get(client)).status).toBe(200);
  });

  it('gives up after one refused answer: a wrong password is a 401, not a loop', async () => {
    const client = new AuthClient({ credentials: { username: USER, password: 'sai' }, allowBasic: false });
    expect((await get(client)).status).toBe(401);
    expect(requests).toHaveLength(2);
  });

  it('uses Basic only where allowed (snapshots), and only when that is all the camera offers', async () => {
    mode = 'basic';
    const soap = new AuthClient({ credentials: { username: USER, password: PASSWORD }, allowBasic: false });
    expect((await get(soap)).status).toBe(401);
    const snapshot = new AuthClient({ credentials: { username: USER, password: PASSWORD }, allowBasic: true });
    expect((await get(snapshot)).status).toBe(200);
    expect(requests.every((r) => r.authorization === undefined || r.authorization.startsWith('Basic '))).toBe(true);
  });

  it('never puts credentials in the URL', async () => {
    const client = new AuthClient({ credentials: { username: USER, password: PASSWORD }, allowBasic: true });
    await expect(get(client, 'http://a:b@127.0.0.1:1/x')).rejects.toThrow(/credentials in URLs/);
  });
});
