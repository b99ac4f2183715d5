import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin';

export type AppPathResolution =
  | { readonly ok: true; readonly filePath: string }
  | { readonly ok: false; readonly status: 400 | 403 | 404 };

// Characters that have no business in a decoded path segment: separators (an encoded %2F or %5C would
// otherwise smuggle a separator past URL parsing), NUL, and ':' (Windows drive letters, NTFS streams).
const FORBIDDEN_IN_SEGMENT = /[/\\\0:]/;

/**
 * Maps an app://ioc/... request URL to a file under `rootDir`, or refuses it. Purely lexical: the caller must
 * still resolve symlinks (realpath) and re-check containment before reading.
 */
export function resolveAppPath(requestUrl: string, rootDir: string): AppPathResolution {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username !== '' || url.password !== '') {
    return { ok: false, status: 404 };
  }

  const rawSegments = url.pathname.split('/').filter((segment) => segment.length > 0);
  const segments: string[] = [];
  for (const raw of rawSegments) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { ok: false, status: 400 };
    }
    if (segment === '.' || segment === '..' || FORBIDDEN_IN_SEGMENT.test(segment)) {
      return { ok: false, status: 403 };
    }
    segments.push(segment);
  }
  if (segments.length === 0) segments.push('index.html');

  const root = path.resolve(rootDir);
  const filePath = path.resolve(root, ...segments);
  if (!isInside(root, filePath)) return { ok: false, status: 403 };
  return { ok: true, filePath };
}

/** True when `candidate` is `root` itself or below it. Both must be absolute and normalised. */
export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}
