import { z } from 'zod';
import { errorFromReply, type HttpTarget, LAUNCH_HEADER } from './http';
import { fail, ok, type Result } from './result';

/** The core may first download the video from the central server (hash-checked) before it answers. */
const TICKET_TIMEOUT_MS = 180_000;

const TicketReplySchema = z.object({
  ok: z.literal(true),
  value: z.object({
    url: z.string().startsWith('/api/media/'),
    mime: z.string(),
    size: z.number(),
    expiresAt: z.iso.datetime({ offset: true }).optional(),
  }),
});

export interface MediaTicket {
  /** Absolute URL a `<video>` plays from with byte ranges; needs no header, so works in both hosts. */
  url: string;
  mime: string;
  size: number;
  /** When the link lapses unless used again (ms since the epoch; each use pushes it on); null if not said. */
  expiresAt: number | null;
}

/** POST /api/media/<sha256>/ticket: a short-lived URL for one file (src-main/core/media-tickets.ts). */
export async function requestMediaTicket(target: HttpTarget, sha256: string): Promise<Result<MediaTicket>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (target.bearer) headers.authorization = `Bearer ${target.bearer}`;
  if (target.launchToken) headers[LAUNCH_HEADER] = target.launchToken;
  let response: Response;
  let body: unknown;
  try {
    response = await fetch(new URL(`/api/media/${encodeURIComponent(sha256)}/ticket`, target.baseUrl), {
      method: 'POST',
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      signal: AbortSignal.timeout(TICKET_TIMEOUT_MS),
    });
    body = await response.json().catch(() => null);
  } catch (error) {
    return fail('network', error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) return errorFromReply({ status: response.status, body });
  const parsed = TicketReplySchema.safeParse(body);
  if (!parsed.success) return fail('bad_response', parsed.error.message);
  const { url, mime, size, expiresAt } = parsed.data.value;
  return ok({
    url: new URL(url, target.baseUrl).toString(),
    mime,
    size,
    expiresAt: expiresAt ? Date.parse(expiresAt) : null,
  });
}
