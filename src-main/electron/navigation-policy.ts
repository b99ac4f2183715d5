import { isAppOriginUrl } from './app-origin';

export type NavigationDecision = 'allow' | 'deny';

/**
 * Deny by default: a window may only ever (re)load pages of our own app:// origin. Everything else (http(s),
 * file:, javascript:, data:, other custom schemes, look-alike hosts) is refused; links to the outside world
 * are not opened either, since nothing in the wall needs to leave the app.
 */
export function decideNavigation(targetUrl: string): NavigationDecision {
  return isAppOriginUrl(targetUrl) ? 'allow' : 'deny';
}

/** Wall windows are opened by main, never by window.open, so every request is denied. */
export function decideWindowOpen(): { action: 'deny' } {
  return { action: 'deny' };
}
