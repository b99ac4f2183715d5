import type { Kysely, Transaction } from 'kysely';
import { hasPermission, ROLES, type Role } from '../../src-shared/contract/roles';
import type { CaseActionType } from '../../src-shared/domain/cases/actions';
import { ruleFor } from '../../src-shared/domain/cases/rules';
import type { CaseActor, CaseState } from '../../src-shared/domain/cases/states';
import type { ServerDatabase } from '../db/schema';

export interface ServerUser {
  id: string;
  username: string;
  roles: Role[];
  agencyId: string | null;
}

/** The server's own record of a user, enabled: what a workstation says about roles counts for nothing. */
export async function findActiveUser(
  db: Kysely<ServerDatabase> | Transaction<ServerDatabase>,
  username: string,
): Promise<ServerUser | null> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'username', 'roles', 'agency_id', 'disabled'])
    .where('username_key', '=', username.toLowerCase())
    .executeTakeFirst();
  if (!row || row.disabled) return null;
  return { id: row.id, username: row.username, roles: parseRoles(row.roles), agencyId: row.agency_id };
}

/** The roles column (a JSON array); unknown names are dropped, never trusted. */
export function parseRoles(text: string): Role[] {
  try {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value)) return [];
    return ROLES.filter((role) => value.includes(role));
  } catch {
    return [];
  }
}

export function mayWriteCases(user: ServerUser): boolean {
  return hasPermission(user.roles, 'cases.write');
}

/** Workstation roles that act on cases, in the order tried. */
const ROLE_ACTORS: readonly [Role, CaseActor][] = [
  ['operator', 'operator'],
  ['director', 'director'],
];

/**
 * As whom a user acts in the lifecycle: the first of their case-handling roles the rule for this step allows, or
 * their first case-handling role (the state machine then refuses with its own reason).
 */
export function caseActorFor(user: ServerUser, action: CaseActionType, state: CaseState | null): CaseActor | null {
  const candidates = ROLE_ACTORS.filter(([role]) => user.roles.includes(role)).map(([, actor]) => actor);
  const rule = state === null ? undefined : ruleFor(action, state);
  return candidates.find((a) => rule?.actors.includes(a)) ?? candidates[0] ?? null;
}

/** The actor recorded on notes and assignments, which no lifecycle rule restricts. */
export function primaryActor(user: ServerUser): CaseActor {
  return ROLE_ACTORS.find(([role]) => user.roles.includes(role))?.[1] ?? 'operator';
}
