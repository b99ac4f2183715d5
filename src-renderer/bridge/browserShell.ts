import type { CoreEndpoint, OpenWallWindowRequest, OpenWallWindowResult, ShellApi } from '../../src-shared/contract';
import { browserDisplays } from './browserDisplays';

/**
 * Not secret storage. In the browser host the session lives in the core's HttpOnly cookie, so nothing
 * sensitive is ever passed here; these calls only keep non-sensitive per-tab preferences in sessionStorage.
 */
const PREF_PREFIX = 'ioc.pref.';

function wallWindowUrl(displayId: string): string {
  return `${location.pathname}${location.search}#/wall/${encodeURIComponent(displayId)}`;
}

async function openWallWindow(request: OpenWallWindowRequest): Promise<OpenWallWindowResult> {
  const displays = await browserDisplays();
  const display = displays.find((d) => d.id === request.displayId);
  if (!display) return { ok: false, reason: 'unknown_display' };
  const { x, y, width, height } = display.bounds;
  const features = `popup,left=${x},top=${y},width=${width},height=${height}`;
  // One named window per display: opening the same display again focuses it instead of stacking copies.
  const opened = window.open(wallWindowUrl(display.id), `ioc-wall-${display.id}`, features);
  return opened ? { ok: true } : { ok: false, reason: 'blocked' };
}

export const browserShell: ShellApi = {
  kind: 'browser',
  endpoint(): Promise<CoreEndpoint> {
    return Promise.resolve({ url: location.origin, launchToken: null });
  },
  displays: browserDisplays,
  openWallWindow,
  secretGet(key) {
    return Promise.resolve(sessionStorage.getItem(PREF_PREFIX + key));
  },
  secretSet(key, value) {
    sessionStorage.setItem(PREF_PREFIX + key, value);
    return Promise.resolve();
  },
  secretDelete(key) {
    sessionStorage.removeItem(PREF_PREFIX + key);
    return Promise.resolve();
  },
};
