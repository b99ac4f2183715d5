import type http from 'node:http';
import { CameraError } from '../errors';
import type { AuthClient } from '../net/auth-client';
import { HttpError } from '../net/http-request';
import { isJpeg, isPng, jpegSize } from './jpeg';

export interface Snapshot {
  contentType: string;
  data: Buffer;
  width: number | null;
  height: number | null;
}

export const SNAPSHOT_MAX_BYTES = 8 * 1024 * 1024;

/**
 * Fetches a snapshot URI (already rewritten to the reached host) with Digest, or Basic where that is all
 * the camera offers (research/onvif.md §5.3). Credentials go in the Authorization header, never the URL.
 */
export async function fetchSnapshot(
  client: AuthClient,
  uri: string,
  options: { timeoutMs: number; agent?: http.Agent; signal?: AbortSignal; maxBytes?: number },
): Promise<Snapshot> {
  let response;
  try {
    response = await client.request({
      url: new URL(uri),
      method: 'GET',
      headers: { accept: 'image/jpeg, image/*;q=0.8' },
      maxBytes: options.maxBytes ?? SNAPSHOT_MAX_BYTES,
      timeoutMs: options.timeoutMs,
      agent: options.agent,
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof HttpError) {
      const kind = error.kind === 'timeout' ? 'timeout' : error.kind === 'too_large' ? 'bad_response' : 'unreachable';
      throw new CameraError(kind, `snapshot: ${error.message}`);
    }
    throw error;
  }
  if (response.status === 401 || response.status === 403) {
    throw new CameraError('auth_failed', `snapshot: the camera refused the credentials (HTTP ${response.status})`);
  }
  if (response.status !== 200) throw new CameraError('unsupported', `snapshot: HTTP ${response.status}`);
  // The bytes decide, not the declared type: the renderer shows them as the type we name.
  const jpeg = isJpeg(response.body);
  if (!jpeg && !isPng(response.body)) {
    const declared = String(response.headers['content-type'] ?? '').slice(0, 60);
    throw new CameraError('bad_response', `snapshot: the answer is not a JPEG or PNG image (${declared || 'no type'})`);
  }
  const size = jpeg ? jpegSize(response.body) : null;
  return {
    contentType: jpeg ? 'image/jpeg' : 'image/png',
    data: response.body,
    width: size?.width ?? null,
    height: size?.height ?? null,
  };
}
