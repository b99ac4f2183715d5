import { errorFromReply, type HttpTarget, LAUNCH_HEADER } from './http';
import { fail, ok, type Result } from './result';

/** A video may take a while to come from the central server the first time. */
const FILE_TIMEOUT_MS = 180_000;

/**
 * One authenticated GET of a file the core serves (a case's photo or video) as a Blob: `<img>` and `<video>`
 * cannot send the bearer and launch headers the Electron host needs, so the file is fetched here and shown from a
 * blob URL. A JSON error reply becomes a ClientError with the core's code.
 */
export async function requestFile(target: HttpTarget, path: string): Promise<Result<Blob>> {
  const headers: Record<string, string> = {};
  if (target.bearer) headers.authorization = `Bearer ${target.bearer}`;
  if (target.launchToken) headers[LAUNCH_HEADER] = target.launchToken;
  let response: Response;
  try {
    response = await fetch(new URL(path, target.baseUrl), {
      headers,
      credentials: 'same-origin',
      signal: AbortSignal.timeout(FILE_TIMEOUT_MS),
    });
  } catch (error) {
    return fail('network', error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    return errorFromReply({ status: response.status, body });
  }
  try {
    return ok(await response.blob());
  } catch (error) {
    return fail('network', error instanceof Error ? error.message : String(error));
  }
}
