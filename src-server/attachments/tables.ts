import type { Generated, Kysely, Transaction } from 'kysely';
import type { ServerDatabase } from '../db/schema';

/**
 * Kysely types of migration 004's tables, joined to the server's schema with `withTables` (as alerts/tables.ts
 * does) so this work does not collide with other edits of db/schema.ts. Instants are ISO UTC text, booleans 0/1.
 */
export interface MediaTable {
  /** SHA-256 (hex) of the original bytes as received: kept byte-identical and never served to the public. */
  sha256: string;
  kind: 'image' | 'video';
  mime: string;
  bytes: number;
  width: number;
  height: number;
  duration_ms: number | null;
  codec: string | null;
  /** The copy that may be published: re-encoded without any metadata (no EXIF, no GPS). */
  published_sha256: string;
  published_mime: string;
  thumb_sha256: string;
  created_at: string;
}

export type AttachmentKind = 'citizen' | 'progress' | 'result';

export interface AttachmentsTable {
  seq: Generated<number>;
  id: string;
  case_id: string;
  media_sha256: string;
  kind: AttachmentKind;
  /** 1: its published copy and thumbnail may be served to anyone. */
  public: number;
  file_name: string | null;
  /** `open311:<api key id>`, `agency:<user id>`, `user:<user id>`. */
  added_by: string;
  created_at: string;
  /** Migration 008: the sync cursor of the change that added it (nextChangeSeq), so pull pages carry it. */
  change_seq: number;
}

export interface UploadsTable {
  id: string;
  /** Who may continue and use it: `open311:<api key id>` or `device:<device id>`. */
  owner: string;
  size: number;
  expected_sha256: string | null;
  file_name: string | null;
  state: 'open' | 'complete' | 'failed';
  media_sha256: string | null;
  error: string | null;
  created_at: string;
  expires_at: string;
}

export type AttachmentTables = {
  media: MediaTable;
  attachments: AttachmentsTable;
  uploads: UploadsTable;
};

export type AttachmentsDatabase = ServerDatabase & AttachmentTables;
export type AttachmentsDb = Kysely<AttachmentsDatabase>;
export type AttachmentsTrx = Transaction<AttachmentsDatabase>;

export function withAttachmentTables(db: Kysely<ServerDatabase>): AttachmentsDb {
  return db.withTables<AttachmentTables>();
}
