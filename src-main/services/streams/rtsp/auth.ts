// RTSP authentication: Basic and Digest (RFC 2617, MD5, with qop=auth or without qop), answering the
// WWW-Authenticate challenges of a 401.
import { createHash, randomBytes } from 'node:crypto';
import { RtspError } from './errors';

export interface RtspCredentials {
  username: string;
  password: string;
}

export interface AuthChallenge {
  scheme: 'basic' | 'digest';
  params: Map<string, string>;
}

/** One challenge per WWW-Authenticate header; schemes other than Basic and Digest are skipped. */
export function parseChallenges(headers: readonly string[]): AuthChallenge[] {
  const challenges: AuthChallenge[] = [];
  for (const header of headers) {
    const match = /^\s*(basic|digest)(?:\s+|$)(.*)$/is.exec(header);
    if (!match) continue;
    const params = new Map<string, string>();
    for (const pair of match[2]!.matchAll(/([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g)) {
      params.set(pair[1]!.toLowerCase(), pair[2] !== undefined ? pair[2].replace(/\\(.)/g, '$1') : (pair[3] ?? ''));
    }
    challenges.push({ scheme: match[1]!.toLowerCase() as 'basic' | 'digest', params });
  }
  return challenges;
}

const md5 = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');

/** A quoted-string value; quotes and backslashes escaped, line breaks refused (they would end the header). */
function quoted(value: string): string {
  if (/[\r\n]/.test(value)) throw new RtspError('auth', 'an authentication value holds a line break');
  return `"${value.replace(/(["\\])/g, '\\$1')}"`;
}

export interface Authenticator {
  /** The Authorization header for one request, or null before any challenge was accepted. */
  header(method: string, uri: string): string | null;
  /** Takes the challenges of a 401; false when none can be answered (no supported scheme or algorithm). */
  accept(challenges: readonly AuthChallenge[]): boolean;
}

/** Prefers Digest when both are offered; a new Digest nonce restarts the nonce count. */
export function createAuthenticator(
  credentials: RtspCredentials,
  cnonce: () => string = () => randomBytes(8).toString('hex'),
): Authenticator {
  let current: AuthChallenge | null = null;
  let nonceCount = 0;
  return {
    accept(challenges) {
      const digest = challenges.find(
        (c) => c.scheme === 'digest' && /^(md5)?$/i.test(c.params.get('algorithm') ?? '') && c.params.has('nonce'),
      );
      const chosen = digest ?? challenges.find((c) => c.scheme === 'basic') ?? null;
      if (!chosen) return false;
      if (chosen.params.get('nonce') !== current?.params.get('nonce') || chosen.scheme !== current?.scheme) {
        nonceCount = 0;
      }
      current = chosen;
      return true;
    },
    header(method, uri) {
      if (!current) return null;
      const { username, password } = credentials;
      if (current.scheme === 'basic') {
        return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
      }
      return digestHeader(current.params, { username, password, method, uri, nc: ++nonceCount, cnonce: cnonce() });
    },
  };
}

export interface DigestInput extends RtspCredentials {
  method: string;
  uri: string;
  /** Nonce count, from 1. */
  nc: number;
  cnonce: string;
}

/** RFC 2617 §3.2.2 with algorithm MD5; qop=auth when the challenge offers it. */
export function digestHeader(challenge: ReadonlyMap<string, string>, input: DigestInput): string {
  const realm = challenge.get('realm') ?? '';
  const nonce = challenge.get('nonce') ?? '';
  const opaque = challenge.get('opaque');
  const qops = (challenge.get('qop') ?? '').split(',').map((q) => q.trim().toLowerCase());
  const ha1 = md5(`${input.username}:${realm}:${input.password}`);
  const ha2 = md5(`${input.method}:${input.uri}`);
  const fields = [
    `username=${quoted(input.username)}`,
    `realm=${quoted(realm)}`,
    `nonce=${quoted(nonce)}`,
    `uri=${quoted(input.uri)}`,
  ];
  if (qops.includes('auth')) {
    const nc = input.nc.toString(16).padStart(8, '0');
    const response = md5(`${ha1}:${nonce}:${nc}:${input.cnonce}:auth:${ha2}`);
    fields.push(`response="${response}"`, 'qop=auth', `nc=${nc}`, `cnonce=${quoted(input.cnonce)}`);
  } else {
    fields.push(`response="${md5(`${ha1}:${nonce}:${ha2}`)}"`);
  }
  if (challenge.has('algorithm')) fields.push('algorithm=MD5');
  if (opaque !== undefined) fields.push(`opaque=${quoted(opaque)}`);
  return `Digest ${fields.join(', ')}`;
}
