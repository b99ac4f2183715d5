/** The renderer's origin in the Electron host. Everything trusted is served from here and nothing else. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'ioc';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

const ENTRY_PATH = '/index.html';

/**
 * True when `url` is on our app:// origin. Compares parsed parts, never string prefixes
 * ("app://ioc.evil" must fail). WHATWG `URL.origin` is "null" for non-special schemes in Node, so it cannot be used.
 */
export function isAppOriginUrl(url: string | null | undefined): boolean {
  if (typeof url !== 'string' || url.length === 0) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === ''
  );
}

export function controlWindowUrl(): string {
  return `${APP_ORIGIN}${ENTRY_PATH}#/`;
}

export function wallWindowUrl(displayId: string): string {
  return `${APP_ORIGIN}${ENTRY_PATH}#/wall/${encodeURIComponent(displayId)}`;
}
