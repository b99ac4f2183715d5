import type { RtspCredentials } from './auth';
import { publicUrl, RtspError } from './errors';

/** User info percent-decoded (URL keeps it encoded); null when the URL has none. */
export function credentialsOf(url: URL): RtspCredentials | null {
  if (!url.username && !url.password) return null;
  try {
    return { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
  } catch {
    throw new RtspError('auth', `${publicUrl(url)}: the user name or password is not valid percent-encoding`);
  }
}
