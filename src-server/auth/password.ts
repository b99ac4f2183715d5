import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * The same scheme as the workstation (`scrypt$N$r$p$salt$hash`, base64url), so a user's hash means the same on
 * both sides. The server may not import src-main, and node:crypto keeps this out of src-shared.
 * N=2^15, r=8 needs 32 MiB per hash: costly for a GPU farm, ~100 ms here.
 */
const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 128 * params.N * params.r * 2 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (!N || !r || !p || N > 2 ** 20 || r > 32 || p > 16) return false;
  const expected = Buffer.from(parts[5] ?? '', 'base64url');
  if (expected.length !== KEY_BYTES) return false;
  const actual = await derive(password, Buffer.from(parts[4] ?? '', 'base64url'), { N, r, p });
  return timingSafeEqual(actual, expected);
}

export type PasswordHasher = (password: string) => Promise<string>;

/**
 * The hasher for the demo users seeded at start. With one password chosen for all of them (IOC_DEMO_PASSWORD) it
 * is hashed once and that hash stored for every demo user: they share the password by configuration, so equal
 * hashes tell a reader of the database nothing new, and a start on a fresh database runs one scrypt instead of
 * fifteen (~1.5 s of CPU, many seconds on a loaded machine: tests start hundreds of servers). Passwords drawn per
 * user (no IOC_DEMO_PASSWORD) are hashed each with its own salt.
 */
export function demoPasswordHasher(shared: string | null): PasswordHasher {
  let sharedHash: Promise<string> | null = null;
  return (password) => {
    if (shared === null || password !== shared) return hashPassword(password);
    sharedHash ??= hashPassword(shared);
    return sharedHash;
  };
}
