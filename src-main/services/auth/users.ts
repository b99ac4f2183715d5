import { randomUUID } from 'node:crypto';
import { ROLES, type Role, type UserSummary } from '../../../src-shared/contract';
import { matchesSearch } from '../../../src-shared/i18n/fold';
import type { Store } from '../store';
import type { UsersTable } from '../store';
import { hashPassword } from './password';

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  sites: string[];
  defaultSiteId?: string | null;
}

export function parseRoles(json: string): Role[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((r): r is Role => (ROLES as readonly unknown[]).includes(r)) : [];
}

export function parseSites(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((s): s is string => typeof s === 'string') : [];
}

export function toSummary(row: UsersTable): UserSummary {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: parseRoles(row.roles),
    sites: parseSites(row.sites),
  };
}

/** `hash` lets a seed that gives many users one password hash it once (scrypt costs ~0.1 CPU s a call). */
export async function createUser(
  store: Store,
  user: NewUser,
  now = new Date(),
  hash: (password: string) => Promise<string> = hashPassword,
): Promise<string> {
  const id = randomUUID();
  await store.db
    .insertInto('users')
    .values({
      id,
      username: user.username,
      display_name: user.displayName,
      password_hash: await hash(user.password),
      roles: JSON.stringify(user.roles),
      sites: JSON.stringify(user.sites),
      default_site_id: user.defaultSiteId ?? null,
      disabled: 0,
      created_at: now.toISOString(),
    })
    .execute();
  return id;
}

export async function findUserByUsername(store: Store, username: string): Promise<UsersTable | undefined> {
  return store.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function listUsers(store: Store, query?: string): Promise<UserSummary[]> {
  const rows = await store.db.selectFrom('users').selectAll().orderBy('username').execute();
  return rows.filter((r) => !query || matchesSearch(`${r.username} ${r.display_name}`, query)).map(toSummary);
}

export async function countUsers(store: Store): Promise<number> {
  const row = await store.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
