import { createHash, randomBytes } from 'node:crypto';

/** One `WWW-Authenticate: Digest …` challenge (RFC 7616). */
export interface DigestChallenge {
  realm: string;
  nonce: string;
  opaque: string | null;
  /** Upper-case, as the server spelled it: MD5, SHA-256, MD5-sess, SHA-256-sess. */
  algorithm: string;
  /** Whether the server named the algorithm; if not, we don't either (some firmwares compare verbatim). */
  algorithmNamed: boolean;
  qop: string[];
  stale: boolean;
}

export interface Challenges {
  digest: DigestChallenge[];
  basic: boolean;
}

const MAX_CHALLENGES = 16;
const SUPPORTED = new Map([
  ['MD5', 'md5'],
  ['MD5-SESS', 'md5'],
  ['SHA-256', 'sha256'],
  ['SHA-256-SESS', 'sha256'],
]);

/**
 * Parses every WWW-Authenticate header line (a server may send one per algorithm — Hikvision sends MD5 and
 * SHA-256 — or several challenges on one line). Unknown schemes and algorithms are skipped.
 */
export function parseChallenges(headerLines: readonly string[]): Challenges {
  const result: Challenges = { digest: [], basic: false };
  for (const line of headerLines) {
    for (const { scheme, params } of splitChallenges(line.slice(0, 8192))) {
      if (scheme === 'basic') result.basic = true;
      if (scheme !== 'digest' || result.digest.length >= MAX_CHALLENGES) continue;
      const realm = params.get('realm');
      const nonce = params.get('nonce');
      const algorithm = (params.get('algorithm') ?? 'MD5').toUpperCase();
      if (realm === undefined || nonce === undefined || !SUPPORTED.has(algorithm)) continue;
      result.digest.push({
        realm,
        nonce,
        opaque: params.get('opaque') ?? null,
        algorithm,
        algorithmNamed: params.has('algorithm'),
        qop: (params.get('qop') ?? '')
          .split(',')
          .map((q) => q.trim().toLowerCase())
          .filter(Boolean),
        stale: (params.get('stale') ?? '').toLowerCase() === 'true',
      });
    }
  }
  return result;
}

/** The strongest challenge we can answer: SHA-256 before MD5. */
export function pickChallenge(challenges: readonly DigestChallenge[]): DigestChallenge | null {
  return (
    challenges.find((c) => c.algorithm.startsWith('SHA-256')) ??
    challenges.find((c) => c.algorithm.startsWith('MD5')) ??
    null
  );
}

function splitChallenges(line: string): { scheme: string; params: Map<string, string> }[] {
  const out: { scheme: string; params: Map<string, string> }[] = [];
  let i = 0;
  const n = line.length;
  const skipSpaces = () => {
    while (i < n && (line[i] === ' ' || line[i] === '\t' || line[i] === ',')) i++;
  };
  const readToken = () => {
    const start = i;
    while (i < n && !' \t,="'.includes(line[i] ?? '')) i++;
    return line.slice(start, i);
  };
  let current: { scheme: string; params: Map<string, string> } | null = null;
  while (i < n) {
    skipSpaces();
    const token = readToken();
    if (!token) {
      i++;
      continue;
    }
    while (i < n && (line[i] === ' ' || line[i] === '\t')) i++;
    if (line[i] !== '=') {
      current = { scheme: token.toLowerCase(), params: new Map() };
      out.push(current);
      continue;
    }
    i++;
    while (i < n && (line[i] === ' ' || line[i] === '\t')) i++;
    let value = '';
    if (line[i] === '"') {
      i++;
      while (i < n && line[i] !== '"') {
        if (line[i] === '\\' && i + 1 < n) i++;
        value += line[i];
        i++;
      }
      i++;
    } else {
      value = readToken();
    }
    current?.params.set(token.toLowerCase(), value);
  }
  return out;
}

export interface DigestCredentials {
  username: string;
  password: string;
}

const quote = (s: string) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

/**
 * The Authorization header answering `challenge` for one request. Passwords are hashed as UTF-8 (RFC 7616
 * §4; what cameras with Vietnamese passwords expect). `nc` is the nonce count, `cnonce` fixed only in tests.
 */
export function digestAuthorization(
  challenge: DigestChallenge,
  credentials: DigestCredentials,
  request: { method: string; uri: string; body?: string },
  nc: number,
  cnonce: string = randomBytes(8).toString('hex'),
): string {
  const algo = SUPPORTED.get(challenge.algorithm) ?? 'md5';
  const h = (s: string) => createHash(algo).update(s, 'utf8').digest('hex');
  let ha1 = h(`${credentials.username}:${challenge.realm}:${credentials.password}`);
  if (challenge.algorithm.endsWith('-SESS')) ha1 = h(`${ha1}:${challenge.nonce}:${cnonce}`);
  const qop = challenge.qop.includes('auth') ? 'auth' : challenge.qop.includes('auth-int') ? 'auth-int' : null;
  const ha2 =
    qop === 'auth-int'
      ? h(`${request.method}:${request.uri}:${h(request.body ?? '')}`)
      : h(`${request.method}:${request.uri}`);
  const ncText = nc.toString(16).padStart(8, '0');
  const response = qop
    ? h(`${ha1}:${challenge.nonce}:${ncText}:${cnonce}:${qop}:${ha2}`)
    : h(`${ha1}:${challenge.nonce}:${ha2}`);
  const parts = [
    `username=${quote(credentials.username)}`,
    `realm=${quote(challenge.realm)}`,
    `nonce=${quote(challenge.nonce)}`,
    `uri=${quote(request.uri)}`,
  ];
  if (challenge.algorithmNamed) parts.push(`algorithm=${challenge.algorithm}`);
  if (qop) parts.push(`qop=${qop}`, `nc=${ncText}`, `cnonce=${quote(cnonce)}`);
  parts.push(`response=${quote(response)}`);
  if (challenge.opaque !== null) parts.push(`opaque=${quote(challenge.opaque)}`);
  return headerSafe(`Digest ${parts.join(', ')}`);
}

/**
 * Node writes header strings as Latin-1 and refuses anything beyond it. A non-ASCII username goes out as its
 * UTF-8 bytes (what curl and browsers send, and what camera firmware compares), not as RFC 7616 `username*`.
 */
function headerSafe(value: string): string {
  return Buffer.from(value, 'utf8').toString('latin1');
}

export function basicAuthorization(credentials: DigestCredentials): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64')}`;
}
