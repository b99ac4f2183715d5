import { createHash, timingSafeEqual } from 'node:crypto';
import { child, type XmlElement } from '../soap/xml';

export type WsseOutcome =
  | { result: 'ok' }
  | { result: 'missing' }
  | { result: 'invalid'; reason: 'user' | 'password' | 'text-password' | 'nonce-reused' | 'time' | 'malformed' };

export interface WsseOptions {
  username: string;
  password: string;
  /** Allowed distance between the token's Created and the device clock. */
  windowMs: number;
  deviceNow: () => number;
}

/** Verifies WS-Security UsernameToken PasswordDigest headers, with a Created window and nonce replay check. */
export interface WsseVerifier {
  verify(header: XmlElement | undefined): WsseOutcome;
  reset(): void;
}

const DIGEST_TYPE = '#PasswordDigest';
const MAX_NONCES = 10_000;

/** Base64(SHA1(nonce + created + password)), every part as UTF-8 bytes (the nonce as its decoded bytes). */
export function passwordDigest(nonce: Buffer, created: string, password: string): string {
  return createHash('sha1')
    .update(Buffer.concat([nonce, Buffer.from(created, 'utf8'), Buffer.from(password, 'utf8')]))
    .digest('base64');
}

export function createWsseVerifier(options: WsseOptions): WsseVerifier {
  const seen = new Map<string, number>(); // nonce → device time after which it may be forgotten

  const forgetOld = (deviceNow: number) => {
    for (const [nonce, until] of seen) {
      if (until < deviceNow || seen.size > MAX_NONCES) seen.delete(nonce);
      else break;
    }
  };

  return {
    verify(header) {
      const token = child(child(header, 'Security'), 'UsernameToken');
      if (!token) return { result: 'missing' };
      const username = child(token, 'Username')?.text.trim();
      const passwordEl = child(token, 'Password');
      const nonceText = child(token, 'Nonce')?.text.trim();
      const created = child(token, 'Created')?.text.trim();
      if (!username || !passwordEl || !nonceText || !created) return { result: 'invalid', reason: 'malformed' };
      if (!(passwordEl.attrs.Type ?? '').endsWith(DIGEST_TYPE)) return { result: 'invalid', reason: 'text-password' };
      if (username !== options.username) return { result: 'invalid', reason: 'user' };
      const expected = Buffer.from(passwordDigest(Buffer.from(nonceText, 'base64'), created, options.password));
      const sent = Buffer.from(passwordEl.text.trim());
      if (expected.length !== sent.length || !timingSafeEqual(expected, sent)) {
        return { result: 'invalid', reason: 'password' };
      }
      const createdAt = Date.parse(created);
      const deviceNow = options.deviceNow();
      if (Number.isNaN(createdAt) || Math.abs(createdAt - deviceNow) > options.windowMs) {
        return { result: 'invalid', reason: 'time' };
      }
      forgetOld(deviceNow);
      if (seen.has(nonceText)) return { result: 'invalid', reason: 'nonce-reused' };
      seen.set(nonceText, createdAt + options.windowMs);
      return { result: 'ok' };
    },
    reset() {
      seen.clear();
    },
  };
}
