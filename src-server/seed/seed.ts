import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { ROLES } from '../../src-shared/contract/roles';
import { ensureApiKey } from '../auth/api-keys';
import { hashPassword, type PasswordHasher } from '../auth/password';
import type { ServerDatabase } from '../db/schema';
import type { Agency } from '../resources/catalog';

/** The agency directory is data: brought in line with resources/server/agencies.json at every start. */
export async function upsertAgencies(
  db: Kysely<ServerDatabase>,
  agencies: readonly Agency[],
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  for (const a of agencies) {
    await db
      .insertInto('agencies')
      .values({ id: a.id, name: a.name, short_name: a.short_name, kind: a.kind, updated_at: at })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({ name: a.name, short_name: a.short_name, kind: a.kind, updated_at: at }),
      )
      .execute();
  }
}

const DemoUsers = z.array(
  z.object({ username: z.string().min(1), displayName: z.string().min(1), roles: z.array(z.enum(ROLES)) }).loose(),
);

export interface DemoCredential {
  username: string;
  password: string;
}

/**
 * The same five demo users as the workstation (resources/demo/users.json), on an empty user table only.
 * Returns the passwords drawn when IOC_DEMO_PASSWORD was not given, so the CLI can show them once.
 */
export async function seedDemoUsers(
  db: Kysely<ServerDatabase>,
  resourcesDir: string,
  password: string | null,
  now: Date,
  hash: PasswordHasher = hashPassword,
): Promise<DemoCredential[]> {
  const existing = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) return [];
  const users = DemoUsers.parse(JSON.parse(readFileSync(join(resourcesDir, 'demo', 'users.json'), 'utf8')));
  const credentials: DemoCredential[] = [];
  for (const u of users) {
    const secret = password ?? randomBytes(9).toString('base64url');
    credentials.push({ username: u.username, password: secret });
    await db
      .insertInto('users')
      .values({
        id: randomUUID(),
        username: u.username,
        username_key: u.username.toLowerCase(),
        display_name: u.displayName,
        password_hash: await hash(secret),
        roles: JSON.stringify(u.roles),
        agency_id: null,
        disabled: 0,
        created_at: now.toISOString(),
      })
      .execute();
  }
  return password ? [] : credentials;
}

export async function registerOpen311Key(db: Kysely<ServerDatabase>, key: string, now: Date): Promise<void> {
  await ensureApiKey(db, key, 'IOC_OPEN311_API_KEY', now);
}
