import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type DigestAlgorithm = 'MD5' | 'SHA-256';
export type DigestOutcome = 'ok' | 'missing' | 'invalid' | 'stale';

export interface DigestOptions {
  realm: string;
  username: string;
  password: string;
  algorithms: readonly DigestAlgorithm[];
  nonceTtlMs: number;
  /** Host clock; nonces age in real time whatever the device clock says. */
  now?: () => number;
}

/** The server side of HTTP Digest (RFC 7616, qop=auth): challenges, verification, nonce ageing and replay. */
export interface DigestServer {
  /** One WWW-Authenticate value per offered algorithm. */
  challenges(stale?: boolean): string[];
  verify(httpMethod: string, requestUri: string, authorization: string | undefined): DigestOutcome;
  /** A reboot: nonces issued before are no longer valid. */
  reset(): void;
}

const MAX_TRACKED_NONCES = 10_000;

export function parseAuthParams(header: string): Map<string, string> {
  const params = new Map<string, string>();
  const re = /([\w-]+)\s*=\s*("((?:[^"\\]|\\.)*)"|[^,\s]*)/g;
  for (let m = re.exec(header); m; m = re.exec(header)) {
    const key = (m[1] ?? '').toLowerCase();
    params.set(key, m[3] !== undefined ? m[3].replace(/\\(.)/g, '$1') : (m[2] ?? ''));
  }
  return params;
}

function hash(algorithm: DigestAlgorithm, text: string): string {
  return createHash(algorithm === 'MD5' ? 'md5' : 'sha256')
    .update(Buffer.from(text, 'utf8'))
    .digest('hex');
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

function uriMatches(sent: string, requestUri: string): boolean {
  if (sent === requestUri) return true;
  try {
    const url = new URL(sent);
    return url.pathname + url.search === requestUri;
  } catch {
    return false;
  }
}

export function createDigestServer(options: DigestOptions): DigestServer {
  const now = options.now ?? Date.now;
  let secret = randomBytes(32);
  const opaque = randomBytes(12).toString('hex');
  const lastNc = new Map<string, number>();

  const sign = (stamp: string) => createHmac('sha256', secret).update(stamp).digest('base64url').slice(0, 22);
  const issueNonce = () => {
    const stamp = now().toString(36);
    return Buffer.from(`${stamp}:${randomBytes(6).toString('hex')}:${sign(stamp)}`).toString('base64url');
  };
  /** 'ok', 'stale' (ours but expired, or from before a reboot) */
  const nonceState = (nonce: string): 'ok' | 'stale' => {
    const [stamp, , signature] = Buffer.from(nonce, 'base64url').toString('utf8').split(':');
    if (!stamp || !signature || !sameText(signature, sign(stamp))) return 'stale';
    const issued = Number.parseInt(stamp, 36);
    return now() - issued > options.nonceTtlMs ? 'stale' : 'ok';
  };

  return {
    challenges(stale = false) {
      return options.algorithms.map(
        (algorithm) =>
          `Digest realm="${options.realm}", qop="auth", nonce="${issueNonce()}", opaque="${opaque}", ` +
          `algorithm=${algorithm}${stale ? ', stale=true' : ''}`,
      );
    },
    verify(httpMethod, requestUri, authorization) {
      if (!authorization || !/^Digest\s/i.test(authorization)) return 'missing';
      const p = parseAuthParams(authorization.replace(/^Digest\s+/i, ''));
      const sentAlgorithm = (p.get('algorithm') ?? 'MD5').toUpperCase();
      const algorithm = options.algorithms.find((a) => a === sentAlgorithm);
      const nonce = p.get('nonce') ?? '';
      const nc = p.get('nc') ?? '';
      const cnonce = p.get('cnonce') ?? '';
      const uri = p.get('uri') ?? '';
      if (
        algorithm === undefined ||
        p.get('username') !== options.username ||
        p.get('realm') !== options.realm ||
        p.get('qop') !== 'auth' ||
        !/^[0-9a-f]{8}$/i.test(nc) ||
        cnonce === '' ||
        nonce === '' ||
        !uriMatches(uri, requestUri)
      ) {
        return 'invalid';
      }
      const ha1 = hash(algorithm, `${options.username}:${options.realm}:${options.password}`);
      const ha2 = hash(algorithm, `${httpMethod}:${uri}`);
      const expected = hash(algorithm, `${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`);
      if (!sameText(expected, (p.get('response') ?? '').toLowerCase())) return 'invalid';
      if (nonceState(nonce) === 'stale') return 'stale';
      const count = Number.parseInt(nc, 16);
      if (count <= (lastNc.get(nonce) ?? 0)) return 'invalid';
      lastNc.delete(nonce);
      lastNc.set(nonce, count);
      if (lastNc.size > MAX_TRACKED_NONCES) {
        const oldest = lastNc.keys().next().value;
        if (oldest !== undefined) lastNc.delete(oldest);
      }
      return 'ok';
    },
    reset() {
      secret = randomBytes(32);
      lastNc.clear();
    },
  };
}
