import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/** Device secrets and the enrolment secret are 256-bit random strings: a fast hash is enough to not store them. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Constant-time comparison of a presented secret with a stored hash (or another secret, hashed first). */
export function secretMatches(presented: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(presented), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function newDeviceSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Ids travel in the Authorization header beside the secret, so they avoid the `.` that separates the two. */
export function newDeviceId(): string {
  return randomUUID();
}

/** `Authorization: Bearer <deviceId>.<secret>` → its parts, or null. */
export function parseDeviceAuthorization(header: string | undefined): { deviceId: string; secret: string } | null {
  const m = /^Bearer ([A-Za-z0-9_-]{8,64})\.([A-Za-z0-9_-]{32,128})$/.exec(header ?? '');
  return m ? { deviceId: m[1]!, secret: m[2]! } : null;
}
