import type { Migration } from '../migration';

/**
 * Files the outbox must upload before the commands that name them (a wall snapshot attached to a new case), and the
 * cases this workstation created that the server has not sent back yet. The bytes live in the data folder, named by
 * their SHA-256 (sync/blob-store.ts); a row says whether the server holds them, where a resumable upload stands, or
 * why the server refused them. A provisional case row is rebuilt from the outbox at any time (mirror reset).
 */
export const migration009OutboxBlobs: Migration = {
  version: 9,
  name: 'sync: files to upload before commands, provisional cases',
  up(db) {
    db.exec(`
      CREATE TABLE outbox_blobs (
        sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
        size INTEGER NOT NULL CHECK (size > 0),
        mime TEXT NOT NULL,
        file_name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        -- The resumable upload on the server (tus-style), and the server it belongs to.
        upload_id TEXT,
        upload_server TEXT,
        -- Set once the server holds the bytes (the upload completed, or it had them already).
        uploaded_at TEXT,
        uploaded_server TEXT,
        -- The server refused the file (type, size, pixels): the command that names it becomes a conflict.
        refused_reason TEXT,
        refused_message TEXT
      ) STRICT;

      CREATE TABLE provisional_cases (
        case_id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
