import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, stat, truncate, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import type { ServerDatabase } from '../db/schema';
import type { Attachments } from './attachments';
import { sha256OfFile } from './blob-store';
import { MediaError } from './media-error';
import type { ProcessedMedia } from './process-media';
import { tooLarge } from './process-media';
import { type AttachmentsDb, type UploadsTable, withAttachmentTables } from './tables';

/** Open uploads one owner may hold at once: each reserves disk space. */
export const MAX_OPEN_UPLOADS = 20;

export type UploadRow = UploadsTable;

export type PatchOutcome =
  | { kind: 'partial'; offset: number }
  | { kind: 'complete'; media: ProcessedMedia }
  | { kind: 'offset_mismatch'; offset: number }
  | { kind: 'busy' }
  | { kind: 'overflow'; offset: number }
  | { kind: 'closed'; row: UploadRow };

/**
 * Resumable uploads in the manner of tus (tus.io, core protocol 1.0): create with the total size (and, best, the
 * SHA-256), then append bytes at the offset the server reports; an interrupted request keeps what arrived, and
 * the client asks for the offset and carries on. The part file's length is the offset. The finished file is
 * hashed (a declared SHA-256 must match) and processed like any other; unfinished ones expire.
 */
export class Uploads {
  private readonly db: AttachmentsDb;
  private readonly busy = new Set<string>();

  constructor(
    db: Kysely<ServerDatabase>,
    private readonly attachments: Attachments,
  ) {
    this.db = withAttachmentTables(db);
  }

  partPath(id: string): string {
    return join(this.attachments.store.tmpDir, `upload-${id}.part`);
  }

  async create(
    owner: string,
    request: { size: number; sha256: string | null; fileName: string | null },
    now: Date,
  ): Promise<UploadRow | 'too_many'> {
    await this.expire(now);
    const limits = this.attachments.limits;
    if (request.size === 0) throw new MediaError('empty');
    const cap = Math.max(limits.maxImageBytes, limits.maxVideoBytes);
    if (request.size > cap) throw tooLarge(request.size, cap, 'video');
    const held = await this.db
      .selectFrom('uploads')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('owner', '=', owner)
      .where('state', '=', 'open')
      .executeTakeFirstOrThrow();
    if (Number(held.n) >= MAX_OPEN_UPLOADS) return 'too_many';
    const row: UploadRow = {
      id: randomBytes(16).toString('base64url'),
      owner,
      size: request.size,
      expected_sha256: request.sha256,
      file_name: request.fileName,
      state: 'open',
      media_sha256: null,
      error: null,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + limits.uploadTtlMs).toISOString(),
    };
    const handle = await open(this.partPath(row.id), 'wx', 0o600);
    await handle.close();
    await this.db.insertInto('uploads').values(row).execute();
    return row;
  }

  /** The upload if this owner holds it (another owner's id is as good as unknown). */
  async find(owner: string, id: string, now: Date): Promise<UploadRow | null> {
    if (!/^[A-Za-z0-9_-]{22}$/.test(id)) return null;
    const row = await this.db
      .selectFrom('uploads')
      .selectAll()
      .where('id', '=', id)
      .where('owner', '=', owner)
      .executeTakeFirst();
    if (!row) return null;
    if (row.state === 'open' && row.expires_at <= now.toISOString()) {
      await this.expire(now);
      return { ...row, state: 'failed', error: 'expired' };
    }
    return { ...row, size: Number(row.size) };
  }

  async offsetOf(row: UploadRow): Promise<number> {
    if (row.state === 'complete') return row.size;
    const info = await stat(this.partPath(row.id)).catch(() => null);
    return info?.size ?? 0;
  }

  /** Appends `body` at `offset`; never past the declared size. Finishes the upload when the last byte arrives. */
  async append(row: UploadRow, offset: number, body: Readable, now: Date): Promise<PatchOutcome> {
    if (row.state !== 'open') return { kind: 'closed', row };
    if (this.busy.has(row.id)) return { kind: 'busy' };
    this.busy.add(row.id);
    try {
      const current = await this.offsetOf(row);
      if (offset !== current) return { kind: 'offset_mismatch', offset: current };
      const path = this.partPath(row.id);
      const room = row.size - current;
      let received = 0;
      let overflow = false;
      const out = createWriteStream(path, { flags: 'a' });
      try {
        await pipeline(
          body,
          async function* (source: AsyncIterable<Buffer>) {
            for await (const chunk of source) {
              const take = Math.min(chunk.length, room - received);
              if (take < chunk.length) overflow = true;
              if (take > 0) {
                received += take;
                yield chunk.subarray(0, take);
              }
              if (overflow) return;
            }
          },
          out,
        );
      } catch {
        // The connection broke: what was written stays, the client resumes from HEAD's offset.
      }
      await syncFile(path);
      if (overflow) {
        // More bytes than the declared length: this request's bytes are dropped, the earlier ones kept.
        await truncate(path, current);
        return { kind: 'overflow', offset: current };
      }
      const offsetNow = await this.offsetOf(row);
      if (offsetNow < row.size) return { kind: 'partial', offset: offsetNow };
      return { kind: 'complete', media: await this.finish(row, now) };
    } finally {
      this.busy.delete(row.id);
    }
  }

  private async finish(row: UploadRow, now: Date): Promise<ProcessedMedia> {
    const path = this.partPath(row.id);
    try {
      if (row.expected_sha256 !== null && (await sha256OfFile(path)) !== row.expected_sha256) {
        throw new MediaError('hash_mismatch');
      }
      const media = await this.attachments.ingestFile(path, now);
      await this.db
        .updateTable('uploads')
        .set({ state: 'complete', media_sha256: media.sha256 })
        .where('id', '=', row.id)
        .execute();
      return media;
    } catch (error) {
      if (error instanceof MediaError) {
        await unlink(path).catch(() => undefined);
        await this.db
          .updateTable('uploads')
          .set({ state: 'failed', error: error.code })
          .where('id', '=', row.id)
          .execute();
      }
      throw error;
    }
  }

  async cancel(row: UploadRow): Promise<void> {
    await unlink(this.partPath(row.id)).catch(() => undefined);
    if (row.state === 'open') {
      await this.db
        .updateTable('uploads')
        .set({ state: 'failed', error: 'cancelled' })
        .where('id', '=', row.id)
        .execute();
    }
  }

  /** Drops unfinished uploads past their expiry, and their part files. */
  async expire(now: Date): Promise<number> {
    const stale = await this.db
      .selectFrom('uploads')
      .select('id')
      .where('state', '=', 'open')
      .where('expires_at', '<=', now.toISOString())
      .execute();
    for (const { id } of stale) {
      if (this.busy.has(id)) continue;
      await unlink(this.partPath(id)).catch(() => undefined);
      await this.db
        .updateTable('uploads')
        .set({ state: 'failed', error: 'expired' })
        .where('id', '=', id)
        .where('state', '=', 'open')
        .execute();
    }
    // Scratch files a crash left behind (uploads in flight are kept: their rows say when they expire).
    await this.attachments.store.sweepTemp(this.attachments.limits.uploadTtlMs, now, (name) =>
      name.startsWith('upload-'),
    );
    return stale.length;
  }
}

async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+').catch(() => null);
  if (!handle) return;
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
