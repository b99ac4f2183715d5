import type { IncomingMessage, ServerResponse } from 'node:http';
import { CommandError, ERROR_STATUS, type ContractError } from '../../src-shared/contract';
import { readCapped } from './read-capped';

export const MAX_BODY_BYTES = 256 * 1024;

const BASE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
} as const;

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string | string[]> = {},
): void {
  if (res.headersSent) return void res.end();
  res.end(writeJsonHead(res, status, body, headers));
}

/** Writes the head of a JSON answer and returns its text, for the caller to send. */
export function writeJsonHead(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string | string[]> = {},
): string {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...BASE_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  return text;
}

export function sendError(res: ServerResponse, error: ContractError, headers: Record<string, string> = {}): void {
  sendJson(res, ERROR_STATUS[error.code], { ok: false, error }, headers);
}

export function sendText(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, {
    ...BASE_HEADERS,
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

export { BASE_HEADERS };

/**
 * Reads a JSON body with a size cap; an empty body reads as `{}`. Past the cap the rest of the body is left unread
 * (read-capped.ts), for the refusal to drain it.
 */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const body = await readCapped(
    req,
    MAX_BODY_BYTES,
    () => new CommandError('payload_too_large', `The body is larger than ${MAX_BODY_BYTES} bytes.`),
  );
  const text = body.toString('utf8');
  if (text.trim() === '') return {};
  const type = String(req.headers['content-type'] ?? 'application/json');
  if (!/^application\/json\b/i.test(type))
    throw new CommandError('invalid_input', 'Send the body as application/json.');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CommandError('invalid_input', 'The body is not valid JSON.');
  }
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    try {
      out.set(name, decodeURIComponent(value));
    } catch {
      // A malformed cookie is ignored, not fatal.
    }
  }
  return out;
}

export function bearerToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+([A-Za-z0-9._~+/=-]{16,256})$/.exec(header) : null;
  return match?.[1] ?? null;
}
