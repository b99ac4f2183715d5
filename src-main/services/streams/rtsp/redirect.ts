/**
 * Where a DESCRIBE redirect (3xx + Location, RFC 2326 §11.3.3) may be followed by the native reader: to another
 * path or port of the same camera (host), with the camera's credentials kept — ffmpeg drops them on a redirect, so
 * a camera that redirects to its own protected path would otherwise look like a wrong password. A redirect to
 * another host, or to another scheme (rtsps:// → rtsp:// would send them in clear; rtsp:// → rtsps:// has no pin), is
 * not followed: the camera's credentials must not travel to a host nobody configured. An rtsps:// redirect to the
 * same host is checked against the same pin.
 */
export function sameCameraRedirect(from: URL, location: string | undefined): URL | null {
  if (!location) return null;
  let next: URL;
  try {
    next = new URL(location.trim(), from);
  } catch {
    return null;
  }
  if (next.protocol !== from.protocol || next.hostname.toLowerCase() !== from.hostname.toLowerCase()) return null;
  if (!next.username && !next.password) {
    next.username = from.username;
    next.password = from.password;
  }
  return next;
}
