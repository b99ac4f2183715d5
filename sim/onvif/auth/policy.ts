import { timingSafeEqual } from 'node:crypto';
import type { DigestOutcome } from './digest';
import type { WsseOutcome } from './wsse';

export type AuthMode = 'digest' | 'wsse' | 'both' | 'none';
export type AuthVia = 'digest' | 'wsse' | 'basic' | 'none';

export type AuthDecision =
  | { ok: true; via: AuthVia }
  /** HTTP 401 with Digest challenge(s). */
  | { ok: false; reply: 'challenge'; stale: boolean }
  /** SOAP fault ter:NotAuthorized (HTTP 400). */
  | { ok: false; reply: 'not-authorized' };

/**
 * One camera's rule for a SOAP call. `digest` ignores UsernameTokens and `wsse` ignores Authorization headers,
 * like real cameras set to one mode; `both` takes either, and a request carrying only a bad token is refused
 * the WS-Security way (a client that sent a token meant to use it).
 */
export function decideSoapAuth(mode: AuthMode, digest: DigestOutcome, wsse: WsseOutcome): AuthDecision {
  if (mode === 'none') return { ok: true, via: 'none' };
  if (mode !== 'wsse' && digest === 'ok') return { ok: true, via: 'digest' };
  if (mode !== 'digest' && wsse.result === 'ok') return { ok: true, via: 'wsse' };
  if (mode === 'wsse') return { ok: false, reply: 'not-authorized' };
  if (mode === 'both' && wsse.result === 'invalid' && digest === 'missing')
    return { ok: false, reply: 'not-authorized' };
  return { ok: false, reply: 'challenge', stale: digest === 'stale' };
}

/** HTTP Basic with UTF-8 credentials: 'ok', 'missing' or 'invalid'. */
export function verifyBasic(
  authorization: string | undefined,
  username: string,
  password: string,
): 'ok' | 'missing' | 'invalid' {
  if (!authorization || !/^Basic\s/i.test(authorization)) return 'missing';
  const decoded = Buffer.from(authorization.replace(/^Basic\s+/i, '').trim(), 'base64').toString('utf8');
  const expected = Buffer.from(`${username}:${password}`, 'utf8');
  const sent = Buffer.from(decoded, 'utf8');
  return expected.length === sent.length && timingSafeEqual(expected, sent) ? 'ok' : 'invalid';
}

/** The page Hikvision/EZVIZ send with a 401 (also for an unauthenticated GetSystemDateAndTime). */
export const UNAUTHORIZED_PAGE =
  '<!DOCTYPE html>\n<html><head><title>Document Error: Unauthorized</title></head>\n' +
  '<body><h2>Access Error: 401 -- Unauthorized</h2>\n' +
  '<p>Authentication Error: This onvif request requires authentication information</p>\n</body>\n</html>\n';
