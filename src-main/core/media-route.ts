import type { IncomingMessage, ServerResponse } from 'node:http';
import { CommandError, hasPermission } from '../../src-shared/contract';
import type { Principal } from '../services/auth';
import type { MediaFile } from '../services/cases';
import { BASE_HEADERS, sendError, sendJson } from './http-util';
import type { MediaTickets } from './media-tickets';
import { sendRangedFile } from './ranged-file';

export const MEDIA_PREFIX = '/api/media/';
/** `POST /api/media/<sha256>/ticket`: a URL a `<video>` can play from (see media-tickets.ts). */
export const MEDIA_TICKET_SUFFIX = '/ticket';
const TICKET_PARAM = 'ticket';

/** The file behind a hash, if the principal may see a case that shows it (cases service `openMedia`). */
export type OpenMedia = (sha256: string, principal: Principal) => Promise<MediaFile>;

/** The `?ticket=` of a media URL, if it has one. */
export function mediaTicketOf(req: IncomingMessage): string | null {
  try {
    return new URL(req.url ?? '/', 'http://localhost').searchParams.get(TICKET_PARAM);
  } catch {
    return null;
  }
}

async function openFor(
  res: ServerResponse,
  sha256: string,
  principal: Principal,
  open: OpenMedia,
): Promise<MediaFile | null> {
  if (!hasPermission(principal.roles, 'cases.read')) {
    sendError(res, { code: 'forbidden', message: 'Photos and videos of cases need cases.read.' });
    return null;
  }
  try {
    return await open(sha256, principal);
  } catch (error) {
    if (error instanceof CommandError) {
      sendError(res, { code: error.code, message: error.message });
      return null;
    }
    throw error;
  }
}

/**
 * `GET|HEAD /api/media/<sha256>`: a photo, video or thumbnail of a case, from the workstation's media cache
 * (downloaded first when online). Content-addressed, so cached by the browser for good; never sniffed, never run
 * as a page; byte ranges for video seeking.
 */
export async function serveCaseMedia(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  principal: Principal,
  open: OpenMedia,
): Promise<void> {
  const file = await openFor(res, path.slice(MEDIA_PREFIX.length), principal, open);
  if (!file) return;
  await sendRangedFile(
    req,
    res,
    { path: file.path, size: file.size, etag: `"${file.sha256}"` },
    {
      ...BASE_HEADERS,
      'content-type': file.mime,
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, max-age=31536000, immutable',
    },
  );
}

/**
 * `POST /api/media/<sha256>/ticket`: checks the caller may see the file and has it in the cache (downloading it
 * now when online, so the error is a clear one), then answers the URL to play it from.
 */
export async function issueMediaTicket(
  res: ServerResponse,
  path: string,
  auth: { principal: Principal; token: string },
  open: OpenMedia,
  tickets: MediaTickets,
): Promise<void> {
  const sha256 = path.slice(MEDIA_PREFIX.length, -MEDIA_TICKET_SUFFIX.length);
  const file = await openFor(res, sha256, auth.principal, open);
  if (!file) return;
  const { ticket, expiresAt } = tickets.issue(file.sha256, { token: auth.token, sessionId: auth.principal.sessionId });
  sendJson(res, 200, {
    ok: true,
    value: {
      url: `${MEDIA_PREFIX}${file.sha256}?${TICKET_PARAM}=${ticket}`,
      mime: file.mime,
      size: file.size,
      expiresAt: expiresAt.toISOString(),
    },
  });
}
