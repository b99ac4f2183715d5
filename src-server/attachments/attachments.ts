import { writeFile } from 'node:fs/promises';
import type { Kysely, Transaction } from 'kysely';
import { uuidv7 } from '../cases/ids';
import { nextChangeSeq } from '../cases/sync-cursor';
import { INTERNAL_CHANNELS } from '../cases/visibility';
import type { ServerDatabase } from '../db/schema';
import { BlobStore } from './blob-store';
import type { MediaConfig, MediaLimits } from './config';
import { processMediaFile, type ProcessedMedia } from './process-media';
import {
  type AttachmentKind,
  type AttachmentsDb,
  type AttachmentTables,
  type MediaTable,
  withAttachmentTables,
} from './tables';

export interface CaseAttachment {
  id: string;
  kind: AttachmentKind;
  public: boolean;
  mediaKind: 'image' | 'video';
  /** The original's SHA-256 (content address; the original itself is served only to workstations). */
  sha256: string;
  mime: string;
  bytes: number;
  width: number;
  height: number;
  durationMs: number | null;
  publishedSha256: string;
  publishedMime: string;
  thumbSha256: string;
  fileName: string | null;
  createdAt: string;
}

export interface LinkRequest {
  caseId: string;
  mediaSha256: string;
  kind: AttachmentKind;
  public: boolean;
  fileName: string | null;
  addedBy: string;
  now: Date;
}

/** A blob as it may be served: what it is and whether anyone may fetch it. */
export interface Servable {
  path: string;
  mime: string;
  public: boolean;
  /** The byte-identical original (evidence, may carry GPS): never public, downloaded rather than shown. */
  original: boolean;
}

/** Media processing plus the tables that record it: the one entry point the routes, Open311 and the inbox use. */
export class Attachments {
  readonly store: BlobStore;
  readonly limits: MediaLimits;
  private readonly db: AttachmentsDb;
  private readonly base: Kysely<ServerDatabase>;

  constructor(db: Kysely<ServerDatabase>, config: MediaConfig) {
    this.base = db;
    this.db = withAttachmentTables(db);
    this.store = new BlobStore(config.dir);
    this.limits = config.limits;
  }

  init(): Promise<void> {
    return this.store.init();
  }

  /** Checks and processes a received file (consumed), stores its blobs and records it once per content. */
  async ingestFile(tempFile: string, now: Date): Promise<ProcessedMedia> {
    const media = await processMediaFile(this.store, tempFile, this.limits, (sha) => this.findMedia(sha));
    const row: MediaTable = { ...media, created_at: now.toISOString() };
    await this.db
      .insertInto('media')
      .values(row)
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
    return media;
  }

  async ingestBuffer(bytes: Buffer, now: Date): Promise<ProcessedMedia> {
    const temp = this.store.tempPath('in');
    await writeFile(temp, bytes, { mode: 0o600 });
    return this.ingestFile(temp, now);
  }

  async findMedia(sha256: string): Promise<ProcessedMedia | null> {
    const row = await this.db.selectFrom('media').selectAll().where('sha256', '=', sha256).executeTakeFirst();
    if (!row) return null;
    const { created_at: _created, ...media } = row;
    return { ...media, bytes: Number(media.bytes) };
  }

  /** A finished resumable upload of this owner, with its processed media. */
  async completedUpload(owner: string, id: string): Promise<{ media: ProcessedMedia; fileName: string | null } | null> {
    const row = await this.db
      .selectFrom('uploads')
      .select(['media_sha256', 'file_name'])
      .where('id', '=', id)
      .where('owner', '=', owner)
      .where('state', '=', 'complete')
      .executeTakeFirst();
    const media = row?.media_sha256 ? await this.findMedia(row.media_sha256) : null;
    return media ? { media, fileName: row!.file_name } : null;
  }

  /**
   * Links processed media to a case, inside the caller's transaction when it passes one. The link takes a sync
   * cursor in that transaction, so the workstations' next pull carries it (sync/pull.ts).
   */
  async link(request: LinkRequest, trx?: Transaction<ServerDatabase>): Promise<string> {
    if (!trx) return this.base.transaction().execute((own) => this.link(request, own));
    const id = uuidv7(request.now);
    const at = request.now.toISOString();
    const changeSeq = await nextChangeSeq(trx, 'attachment', id, at);
    await trx
      .withTables<AttachmentTables>()
      .insertInto('attachments')
      .values({
        id,
        case_id: request.caseId,
        media_sha256: request.mediaSha256,
        kind: request.kind,
        public: request.public ? 1 : 0,
        file_name: request.fileName,
        added_by: request.addedBy,
        created_at: at,
        change_seq: changeSeq,
      })
      .execute();
    return id;
  }

  async listForCase(caseId: string, options: { publicOnly: boolean }): Promise<CaseAttachment[]> {
    return this.list([caseId], options).then((m) => m.get(caseId) ?? []);
  }

  /** Attachments of several cases at once (Open311 lists), in the order they were added. */
  async list(caseIds: readonly string[], options: { publicOnly: boolean }): Promise<Map<string, CaseAttachment[]>> {
    const out = new Map<string, CaseAttachment[]>();
    if (caseIds.length === 0) return out;
    let query = this.db
      .selectFrom('attachments')
      .innerJoin('media', 'media.sha256', 'attachments.media_sha256')
      .selectAll('media')
      .select([
        'attachments.id',
        'attachments.case_id',
        'attachments.kind as attachment_kind',
        'attachments.public',
        'attachments.file_name',
        'attachments.created_at as attached_at',
      ])
      .where('attachments.case_id', 'in', caseIds);
    if (options.publicOnly) query = query.where('attachments.public', '=', 1);
    const rows = await query.orderBy('attachments.seq').execute();
    for (const r of rows) {
      const list = out.get(r.case_id) ?? [];
      list.push({
        id: r.id,
        kind: r.attachment_kind,
        public: Number(r.public) === 1,
        mediaKind: r.kind,
        sha256: r.sha256,
        mime: r.mime,
        bytes: Number(r.bytes),
        width: Number(r.width),
        height: Number(r.height),
        durationMs: r.duration_ms === null ? null : Number(r.duration_ms),
        publishedSha256: r.published_sha256,
        publishedMime: r.published_mime,
        thumbSha256: r.thumb_sha256,
        fileName: r.file_name,
        createdAt: r.attached_at,
      });
      out.set(r.case_id, list);
    }
    return out;
  }

  /**
   * What `/media/<sha256>` may send: a published copy or thumbnail (public when a case the public may see shows it
   * publicly), or an
   * original (never public). Null for a hash no attachment uses.
   */
  async servable(sha256: string): Promise<Servable | null> {
    const rows = await this.db
      .selectFrom('media')
      .leftJoin('attachments', 'attachments.media_sha256', 'media.sha256')
      .leftJoin('cases', 'cases.id', 'attachments.case_id')
      .select(['media.sha256', 'media.mime', 'media.published_sha256', 'media.published_mime', 'media.thumb_sha256'])
      .select(['attachments.public', 'cases.channel'])
      .where((eb) =>
        eb.or([
          eb('media.sha256', '=', sha256),
          eb('media.published_sha256', '=', sha256),
          eb('media.thumb_sha256', '=', sha256),
        ]),
      )
      .execute();
    if (rows.length === 0) return null;
    const path = this.store.pathOf(sha256);
    const derived = rows.filter((r) => r.published_sha256 === sha256 || r.thumb_sha256 === sha256);
    if (derived.length > 0) {
      const mime = derived[0]!.published_sha256 === sha256 ? derived[0]!.published_mime : 'image/jpeg';
      // Public only through a case the public may see: an internal case's photos stay private whatever their flag.
      const shown = derived.some((r) => Number(r.public) === 1 && !INTERNAL_CHANNELS.includes(r.channel ?? ''));
      return { path, mime, public: shown, original: false };
    }
    return { path, mime: rows[0]!.mime, public: false, original: true };
  }
}
