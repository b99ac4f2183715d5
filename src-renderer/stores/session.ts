import { create } from 'zustand';
import { hasPermission, type Permission } from '../../src-shared/contract';
import { core, type AuthUser, type Result, type SignOutReason } from '../bridge';

/** Why the login page is showing, when it is worth telling the user. */
export type SessionNotice = SignOutReason | 'signedOut' | 'restoreFailed';

export type SessionState =
  | { status: 'checking'; user: null; notice: null }
  | { status: 'signed-out'; user: null; notice: SessionNotice | null }
  | { status: 'signed-in'; user: AuthUser; notice: null };

export const useSession = create<SessionState>(() => ({ status: 'checking', user: null, notice: null }));

function signedIn(user: AuthUser): void {
  useSession.setState({ status: 'signed-in', user, notice: null }, true);
  core.connect();
}

function signedOut(notice: SessionNotice | null): void {
  useSession.setState({ status: 'signed-out', user: null, notice }, true);
}

/** On start (and from wall windows waiting for a sign-in): does the cookie or stored token still hold? */
export async function restoreSession(): Promise<void> {
  const result = await core.restore();
  if (result.ok) signedIn(result.value);
  else signedOut(result.error.code === 'network' ? 'restoreFailed' : null);
}

export async function login(username: string, password: string): Promise<Result<AuthUser>> {
  const result = await core.login(username, password);
  if (result.ok) signedIn(result.value);
  return result;
}

export async function logout(): Promise<void> {
  await core.logout();
  signedOut('signedOut');
}

/** Follows the core: a 4401 close, `session.ended` or a 401 reply returns this window to the login page. */
export function bindSession(): () => void {
  return core.onSignedOut((reason) => signedOut(reason));
}

/** Whether the signed-in user's roles grant `permission`. The core enforces it; this only shapes the UI. */
export function useCan(permission: Permission | null): boolean {
  return useSession((s) => permission === null || (s.user !== null && hasPermission(s.user.roles, permission)));
}
