import { isAppOriginUrl } from './app-origin';

/** The only permissions our own pages get: element fullscreen, and screen details for the wall layout. */
export const GRANTABLE_PERMISSIONS: ReadonlySet<string> = new Set(['fullscreen', 'window-management']);

/**
 * Decides permission requests and checks for every session. Deny unless the permission is on the allowlist
 * AND the requester is our app:// origin (a URL or a bare origin string; both parse).
 */
export function isPermissionGranted(permission: string, requester: string | null | undefined): boolean {
  return GRANTABLE_PERMISSIONS.has(permission) && isAppOriginUrl(requester);
}
