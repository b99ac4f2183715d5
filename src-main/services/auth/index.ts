import { CommandError, type Role, type UserSummary } from '../../../src-shared/contract';
import type { AuditLog } from '../audit';
import type { Store } from '../store';
import { createLoginThrottle } from './login-throttle';
import { DUMMY_HASH_PROMISE, verifyPassword } from './password';
import type { Principal } from './principal';
import { createSessionTable } from './sessions';
import { findUserByUsername, listUsers, parseRoles, parseSites, toSummary } from './users';

export type { Principal } from './principal';
export { mayActOnSite } from './principal';
export { hashPassword, verifyPassword } from './password';
export { createUser, countUsers, type NewUser } from './users';

export interface AuthOptions {
  store: Store;
  audit: AuditLog;
  /** Sliding session lifetime; default 12 h, one control-room shift. */
  sessionTtlMs?: number;
  now?: () => Date;
}

export interface LoginResult {
  token: string;
  user: UserSummary;
  expiresAt: Date;
}

export interface AuthService {
  /** null for a wrong username or password (the caller cannot tell which). Throws rate_limited when throttled. */
  login(username: string, password: string): Promise<LoginResult | null>;
  authenticate(token: string): Promise<Principal | null>;
  logout(principal: Principal): Promise<void>;
  listUsers(query?: string): Promise<UserSummary[]>;
}

export function createAuthService(options: AuthOptions): AuthService {
  const now = options.now ?? (() => new Date());
  const { store, audit } = options;
  const sessions = createSessionTable(store, options.sessionTtlMs ?? 12 * 3600_000, now);
  const throttle = createLoginThrottle({ maxFailures: 5, windowMs: 5 * 60_000, now: () => now().getTime() });

  return {
    async login(username, password) {
      const waitMs = throttle.retryAfterMs(username);
      if (waitMs > 0) {
        throw new CommandError(
          'rate_limited',
          `Too many failed logins for this user; try again in ${Math.ceil(waitMs / 1000)} s.`,
        );
      }
      const row = await findUserByUsername(store, username);
      // Verify against a dummy hash for unknown users so timing does not reveal which usernames exist.
      const ok = await verifyPassword(password, row?.password_hash ?? (await DUMMY_HASH_PROMISE));
      if (!row || !ok || row.disabled) {
        throttle.recordFailure(username);
        audit.record({ userId: row?.id ?? null, action: 'auth.login_failed', subject: username.slice(0, 100) });
        return null;
      }
      throttle.recordSuccess(username);
      const session = await sessions.create(row.id);
      audit.record({ userId: row.id, action: 'auth.login', subject: row.username });
      return { token: session.token, user: toSummary(row), expiresAt: session.expiresAt };
    },

    async authenticate(token) {
      if (token.length < 16 || token.length > 256) return null;
      const session = await sessions.touch(token);
      if (!session) return null;
      const user = await store.db.selectFrom('users').selectAll().where('id', '=', session.userId).executeTakeFirst();
      if (!user || user.disabled) return null;
      const roles: Role[] = parseRoles(user.roles);
      return {
        userId: user.id,
        username: user.username,
        displayName: user.display_name,
        roles,
        sites: parseSites(user.sites),
        siteId: user.default_site_id,
        sessionId: session.tokenHash,
      };
    },

    async logout(principal) {
      await sessions.remove(principal.sessionId);
      audit.record({ userId: principal.userId, action: 'auth.logout', subject: principal.username });
    },

    listUsers: (query) => listUsers(store, query),
  };
}
