import type { Kysely } from 'kysely';
import { hashPassword, verifyPassword } from '../auth/password';
import type { ServerDatabase } from '../db/schema';

/** Spent on unknown users too, so the answer's timing does not tell which usernames exist. */
let dummyHash: Promise<string> | null = null;

/** The agency staff member with these credentials, or null. Only users who belong to an agency get in. */
export async function checkAgencyLogin(
  db: Kysely<ServerDatabase>,
  username: string,
  password: string,
): Promise<string | null> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'password_hash', 'agency_id', 'disabled'])
    .where('username_key', '=', username.trim().toLowerCase())
    .executeTakeFirst();
  const ok = await verifyPassword(password, user?.password_hash ?? (await (dummyHash ??= hashPassword('not-a-user'))));
  if (!user || !ok || user.disabled !== 0 || !user.agency_id) return null;
  return user.id;
}
