import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** Constant-time check of a presented ingest key (Bearer token or MQTT password) against the configured one. */
export function createKeyCheck(key: string | null): (presented: string | undefined) => boolean {
  const expected = key === null ? null : digest(key);
  return (presented) => {
    if (expected === null) return true;
    if (presented === undefined || presented.length === 0 || presented.length > 512) return false;
    return timingSafeEqual(digest(presented), expected);
  };
}
