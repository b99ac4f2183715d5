import { ErrorReplySchema } from './wireSchema';
import { fail, ok, type Result } from './result';

export interface HttpTarget {
  baseUrl: string;
  /** Session token sent as a bearer where cookies cannot flow (Electron); null when the cookie carries it. */
  bearer: string | null;
  /** Electron's per-launch secret proving the request comes from the core's own window; null in the browser. */
  launchToken: string | null;
}

import { LAUNCH_HEADER } from '../../src-shared/contract';

export { LAUNCH_HEADER, LAUNCH_PROTOCOL_PREFIX } from '../../src-shared/contract';

export interface HttpReply {
  status: number;
  body: unknown;
}

const REQUEST_TIMEOUT_MS = 15_000;

/** One JSON request to the core. Resolves with any HTTP reply; only a transport failure is an error. */
export async function requestJson(
  target: HttpTarget,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<Result<HttpReply>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (target.bearer) headers.authorization = `Bearer ${target.bearer}`;
  if (target.launchToken) headers[LAUNCH_HEADER] = target.launchToken;
  let response: Response;
  try {
    response = await fetch(new URL(path, target.baseUrl), {
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    return fail('network', error instanceof Error ? error.message : String(error));
  }
  const text = await response.text().catch(() => '');
  if (text === '') return ok({ status: response.status, body: null });
  try {
    return ok({ status: response.status, body: JSON.parse(text) as unknown });
  } catch {
    return fail('bad_response', `HTTP ${response.status}: not JSON`, { status: response.status });
  }
}

/** Turns a non-2xx reply into a ClientError, keeping the core's code and issues when the body has them. */
export function errorFromReply<T>(reply: HttpReply): Result<T> {
  const parsed = ErrorReplySchema.safeParse(reply.body);
  if (parsed.success) {
    const { code, message, issues, reason } = parsed.data.error;
    return fail(code, message, { status: reply.status, ...(issues ? { issues } : {}), ...(reason ? { reason } : {}) });
  }
  if (reply.status === 401) return fail('unauthenticated', 'HTTP 401', { status: 401 });
  if (reply.status === 403) return fail('forbidden', 'HTTP 403', { status: 403 });
  return fail('bad_response', `HTTP ${reply.status}`, { status: reply.status });
}
