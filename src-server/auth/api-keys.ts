import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ServerDatabase } from '../db/schema';

/** API keys are long random strings, so a fast hash is enough: nothing to brute-force, only to not store them. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** At least this long: a short key from the environment is refused at start rather than used. */
export const MIN_API_KEY_LENGTH = 16;

/** Registers a key (idempotent by its hash). */
export async function ensureApiKey(db: Kysely<ServerDatabase>, key: string, label: string, now: Date): Promise<string> {
  const keyHash = hashApiKey(key);
  const existing = await db.selectFrom('api_keys').select('id').where('key_hash', '=', keyHash).executeTakeFirst();
  if (existing) return existing.id;
  const id = randomUUID();
  await db.insertInto('api_keys').values({ id, key_hash: keyHash, label, created_at: now.toISOString() }).execute();
  return id;
}

/** The key's id, or null when it is missing, unknown or revoked. */
export async function findApiKey(db: Kysely<ServerDatabase>, key: string | undefined): Promise<string | null> {
  if (!key || key.length < MIN_API_KEY_LENGTH || key.length > 512) return null;
  const row = await db
    .selectFrom('api_keys')
    .select('id')
    .where('key_hash', '=', hashApiKey(key))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row?.id ?? null;
}
