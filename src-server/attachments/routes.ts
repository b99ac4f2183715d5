import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { createWorkstationAuth, sendError } from '../alerts/http-auth';
import { findApiKey } from '../auth/api-keys';
import type { ServerDatabase } from '../db/schema';
import type { Logger } from '../logging/logger';
import { parseDeviceAuthorization } from '../sync/secrets';
import { createDeviceAuthenticator } from '../sync/devices';
import type { Attachments, CaseAttachment } from './attachments';
import { isSha256 } from './blob-store';
import { attachmentUrls, MEDIA_PREFIX, mediaUrls } from './media-urls';
import { MediaError } from './media-error';
import { mediaErrorText, type MediaLanguage } from './messages';
import type { ProcessedMedia } from './process-media';
import { Uploads } from './uploads';

const UPLOADS = '/api/uploads';

export interface AttachmentRouteDeps {
  db: Kysely<ServerDatabase>;
  attachments: Attachments;
  now: () => Date;
  logger: Logger;
}

export function mediaLanguage(req: FastifyRequest): MediaLanguage {
  return /^\s*en\b/i.test(req.headers['accept-language'] ?? '') ? 'en' : 'vi';
}

/** A refused file: 413 for size, 400 otherwise, with the reason and a sentence for a person. */
export function sendMediaError(reply: FastifyReply, error: MediaError, language: MediaLanguage): FastifyReply {
  return reply.code(error.code === 'too_large' ? 413 : 400).send({
    ok: false,
    error: { code: 'media_refused', reason: error.code, message: mediaErrorText(error.code, error.params, language) },
  });
}

function mediaJson(m: ProcessedMedia) {
  return {
    sha256: m.sha256,
    kind: m.kind,
    mime: m.mime,
    bytes: m.bytes,
    width: m.width,
    height: m.height,
    durationMs: m.duration_ms,
    ...mediaUrls(m),
  };
}

function attachmentJson(a: CaseAttachment) {
  return {
    id: a.id,
    kind: a.kind,
    public: a.public,
    mediaKind: a.mediaKind,
    sha256: a.sha256,
    mime: a.mime,
    bytes: a.bytes,
    width: a.width,
    height: a.height,
    durationMs: a.durationMs,
    fileName: a.fileName,
    createdAt: a.createdAt,
    ...attachmentUrls(a),
    originalUrl: `${MEDIA_PREFIX}/${a.sha256}`,
  };
}

const CreateUploadSchema = z.strictObject({
  size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  sha256: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/)
    .transform((s) => s.toLowerCase())
    .optional(),
  fileName: z.string().max(200).optional(),
});

const LinkSchema = z.strictObject({
  actorUsername: z.string().min(1).max(128),
  uploadId: z.string().min(1).max(64),
  kind: z.enum(['citizen', 'progress', 'result']),
  public: z.boolean().default(false),
});

/**
 * Resumable uploads (`/api/uploads`, tus-style), media serving (`/media/<sha256>`) and the workstation's view of a
 * case's attachments. Uploaders are enrolled workstations (`Authorization: Bearer <deviceId>.<secret>`) or Open311
 * clients (`X-Api-Key`); each sees only its own uploads.
 */
export function registerAttachmentRoutes(app: FastifyInstance, deps: AttachmentRouteDeps): void {
  const uploads = new Uploads(deps.db, deps.attachments);
  const workstation = createWorkstationAuth(deps.db, deps.now);
  const authenticateDevice = createDeviceAuthenticator(deps.db);

  app.addContentTypeParser('application/offset+octet-stream', (_req, _payload, done) => done(null, undefined));

  /** `device:<id>` or `open311:<key id>`, or null with a 401 sent. */
  async function ownerOf(req: FastifyRequest, reply: FastifyReply): Promise<string | null> {
    const key = req.headers['x-api-key'];
    if (typeof key === 'string') {
      const keyId = await findApiKey(deps.db, key);
      if (keyId) return `open311:${keyId}`;
      sendError(reply, 'unauthorized', 'Unknown or revoked API key.');
      return null;
    }
    const device = await workstation.device(req, reply);
    return device ? `device:${device}` : null;
  }

  /** A workstation, without sending anything: media requests from browsers carry no credentials. */
  async function isWorkstation(req: FastifyRequest): Promise<boolean> {
    const presented = parseDeviceAuthorization(req.headers.authorization);
    if (!presented) return false;
    return (await authenticateDevice(presented.deviceId, presented.secret, null, deps.now())).ok;
  }

  const tusHeaders = (reply: FastifyReply, offset: number, size: number) =>
    reply
      .header('tus-resumable', '1.0.0')
      .header('upload-offset', String(offset))
      .header('upload-length', String(size))
      .header('cache-control', 'no-store');

  app.post(UPLOADS, async (req, reply) => {
    const owner = await ownerOf(req, reply);
    if (!owner) return reply;
    const parsed = CreateUploadSchema.safeParse(req.body);
    if (!parsed.success) {
      return sendError(reply, 'invalid_input', 'Send {size, sha256?, fileName?}: size in bytes, sha256 in hex.');
    }
    try {
      const { size, sha256, fileName } = parsed.data;
      const row = await uploads.create(owner, { size, sha256: sha256 ?? null, fileName: fileName ?? null }, deps.now());
      if (row === 'too_many') {
        return reply.code(429).send({
          ok: false,
          error: { code: 'too_many_uploads', message: 'Too many unfinished uploads: finish or cancel some first.' },
        });
      }
      tusHeaders(reply, 0, row.size).header('location', `${UPLOADS}/${row.id}`);
      return reply
        .code(201)
        .send({ ok: true, value: { id: row.id, offset: 0, size: row.size, expiresAt: row.expires_at } });
    } catch (error) {
      if (error instanceof MediaError) return sendMediaError(reply, error, mediaLanguage(req));
      throw error;
    }
  });

  async function uploadOf(req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) {
    const owner = await ownerOf(req, reply);
    if (!owner) return null;
    const row = await uploads.find(owner, req.params.id, deps.now());
    if (!row) sendError(reply, 'not_found', 'No such upload (or it belongs to someone else).');
    return row;
  }

  app.head<{ Params: { id: string } }>(`${UPLOADS}/:id`, async (req, reply) => {
    const row = await uploadOf(req, reply);
    if (!row) return reply;
    if (row.state === 'failed') return reply.code(410).header('cache-control', 'no-store').send();
    return tusHeaders(reply, await uploads.offsetOf(row), row.size)
      .code(200)
      .send();
  });

  app.get<{ Params: { id: string } }>(`${UPLOADS}/:id`, async (req, reply) => {
    const row = await uploadOf(req, reply);
    if (!row) return reply;
    const offset = await uploads.offsetOf(row);
    const media = row.media_sha256 ? await deps.attachments.findMedia(row.media_sha256) : null;
    const language = mediaLanguage(req);
    const error =
      row.error === null
        ? null
        : row.error === 'expired' || row.error === 'cancelled'
          ? { reason: row.error, message: row.error }
          : { reason: row.error, message: mediaErrorText(row.error as MediaError['code'], {}, language) };
    tusHeaders(reply, offset, row.size);
    return {
      ok: true,
      value: { id: row.id, state: row.state, offset, size: row.size, media: media && mediaJson(media), error },
    };
  });

  // Reads its body itself, up to the upload's declared size.
  app.patch<{ Params: { id: string } }>(`${UPLOADS}/:id`, { config: { streamsBody: true } }, async (req, reply) => {
    const row = await uploadOf(req, reply);
    if (!row) return reply;
    if (req.headers['content-type'] !== 'application/offset+octet-stream') {
      return sendError(reply, 'invalid_input', 'PATCH needs Content-Type: application/offset+octet-stream.');
    }
    const offsetText = req.headers['upload-offset'];
    if (typeof offsetText !== 'string' || !/^\d{1,15}$/.test(offsetText)) {
      return sendError(reply, 'invalid_input', 'PATCH needs an Upload-Offset header (the offset HEAD reports).');
    }
    try {
      const outcome = await uploads.append(row, Number(offsetText), req.raw, deps.now());
      switch (outcome.kind) {
        case 'partial':
          return tusHeaders(reply, outcome.offset, row.size).code(204).send();
        case 'complete':
          tusHeaders(reply, row.size, row.size);
          return { ok: true, value: { id: row.id, state: 'complete', media: mediaJson(outcome.media) } };
        case 'offset_mismatch':
          tusHeaders(reply, outcome.offset, row.size);
          return sendError(
            reply,
            'conflict',
            `Upload-Offset must be ${outcome.offset}: ask HEAD and resume from there.`,
          );
        case 'overflow':
          tusHeaders(reply, outcome.offset, row.size);
          return reply.code(413).send({
            ok: false,
            error: {
              code: 'too_large',
              message: `More bytes than the declared size (${row.size}); this part was dropped.`,
            },
          });
        case 'busy':
          return reply
            .code(423)
            .send({ ok: false, error: { code: 'locked', message: 'Another request is writing to this upload.' } });
        case 'closed':
          return reply
            .code(410)
            .send({ ok: false, error: { code: 'gone', message: `The upload is ${outcome.row.state}.` } });
      }
    } catch (error) {
      if (error instanceof MediaError) return sendMediaError(reply, error, mediaLanguage(req));
      throw error;
    }
  });

  app.delete<{ Params: { id: string } }>(`${UPLOADS}/:id`, async (req, reply) => {
    const row = await uploadOf(req, reply);
    if (!row) return reply;
    await uploads.cancel(row);
    return reply.code(204).send();
  });

  app.get<{ Params: { id: string } }>('/api/cases/:id/attachments', async (req, reply) => {
    if (!(await workstation.device(req, reply))) return reply;
    const list = await deps.attachments.listForCase(req.params.id.slice(0, 64), { publicOnly: false });
    return { ok: true, value: list.map(attachmentJson) };
  });

  app.post<{ Params: { id: string } }>('/api/cases/:id/attachments', async (req, reply) => {
    const device = await workstation.device(req, reply);
    if (!device) return reply;
    const parsed = LinkSchema.safeParse(req.body);
    if (!parsed.success) {
      return sendError(
        reply,
        'invalid_input',
        'Send {actorUsername, uploadId, kind: citizen|progress|result, public}.',
      );
    }
    const user = await workstation.actor(parsed.data.actorUsername, 'cases.write', reply);
    if (!user) return reply;
    const upload = await uploads.find(`device:${device}`, parsed.data.uploadId, deps.now());
    if (!upload || upload.state !== 'complete' || !upload.media_sha256) {
      return sendError(reply, 'conflict', 'That upload is not finished (or is not this workstation’s).');
    }
    const caseRow = await deps.db.selectFrom('cases').select('id').where('id', '=', req.params.id).executeTakeFirst();
    if (!caseRow) return sendError(reply, 'not_found', `No case ${req.params.id.slice(0, 64)}.`);
    const id = await deps.attachments.link({
      caseId: caseRow.id,
      mediaSha256: upload.media_sha256,
      kind: parsed.data.kind,
      public: parsed.data.public,
      fileName: upload.file_name,
      addedBy: `user:${user.id}`,
      now: deps.now(),
    });
    deps.logger.info('attachment linked', { caseId: caseRow.id, attachment: id, by: user.username });
    return reply.code(201).send({ ok: true, value: { id } });
  });

  app.get<{ Params: { name: string } }>(`${MEDIA_PREFIX}/:name`, async (req, reply) => {
    const m = /^([0-9a-f]{64})(?:\.(?:jpg|mp4|webm))?$/.exec(req.params.name);
    const notFound = () =>
      reply
        .code(404)
        .header('x-content-type-options', 'nosniff')
        .send({ ok: false, error: { code: 'not_found', message: 'No such media.' } });
    if (!m || !isSha256(m[1]!)) return notFound();
    const item = await deps.attachments.servable(m[1]!);
    // A private item is as good as absent to anyone but a workstation: its existence is not confirmed either.
    if (!item || (!item.public && !(await isWorkstation(req)))) return notFound();
    const info = await stat(item.path).catch(() => null);
    if (!info) {
      deps.logger.error('media blob missing from the store', { sha256: m[1]! });
      return notFound();
    }
    return sendBlob(req, reply, item, m[1]!, info.size);
  });
}

/** Blobs up to this size are sent from memory; larger ones are streamed (chunked, so the end is explicit). */
const BUFFERED_BYTES = 8 * 1024 * 1024;

async function readSlice(path: string, start: number, end: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(end - start + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, start);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** One blob with safe headers: never sniffed, never run as a page, cached forever when public (content-addressed). */
async function sendBlob(
  req: FastifyRequest,
  reply: FastifyReply,
  item: { path: string; mime: string; public: boolean; original: boolean },
  sha256: string,
  size: number,
): Promise<FastifyReply> {
  reply
    .header('content-type', item.mime)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cross-origin-resource-policy', item.public ? 'cross-origin' : 'same-origin')
    .header('cache-control', item.public ? 'public, max-age=31536000, immutable' : 'private, no-store')
    .header('etag', `"${sha256}"`)
    .header('accept-ranges', 'bytes');
  if (item.original) reply.header('content-disposition', `attachment; filename="${sha256}"`);
  if (req.headers['if-none-match'] === `"${sha256}"`) return reply.code(304).send();
  let start = 0;
  let end = size - 1;
  const range = /^bytes=(\d{0,15})-(\d{0,15})$/.exec(req.headers.range ?? '');
  if (range && (range[1] || range[2])) {
    start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
    end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
    if (start >= size || start > end) return reply.code(416).header('content-range', `bytes */${size}`).send();
    reply.code(206).header('content-range', `bytes ${start}-${end}/${size}`);
  } else reply.code(200);
  if (end - start + 1 <= BUFFERED_BYTES) return reply.send(await readSlice(item.path, start, end));
  return reply.send(createReadStream(item.path, { start, end }));
}
