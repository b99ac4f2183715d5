import type { Migration } from '../migration';

/**
 * Photos and videos of cases as the central server's pull pages carry them (issue 5 §9): metadata only; the bytes
 * live in the content-addressed media cache (services/cases/media-cache.ts). No foreign key to case_mirror: a page
 * may bring an attachment before its case's newest row. The cursor is wound back so the next pull brings the
 * attachments of cases already mirrored (rows are kept: the cases stay readable offline meanwhile, and pages
 * re-applied over them change nothing).
 */
export const migration008CaseAttachments: Migration = {
  version: 8,
  name: 'cases: attachments mirror',
  up(db) {
    db.exec(`
      CREATE TABLE case_attachments (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL,
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        thumb_sha256 TEXT NOT NULL CHECK (length(thumb_sha256) = 64),
        kind TEXT NOT NULL CHECK (kind IN ('photo', 'video')),
        mime TEXT NOT NULL,
        width INTEGER,
        height INTEGER,
        duration_ms INTEGER,
        public INTEGER NOT NULL CHECK (public IN (0, 1)),
        origin TEXT NOT NULL,
        role TEXT NOT NULL,
        created_at TEXT NOT NULL,
        change_seq INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX case_attachments_by_case ON case_attachments(case_id, change_seq);
      CREATE INDEX case_attachments_by_sha ON case_attachments(sha256);
      CREATE INDEX case_attachments_by_thumb ON case_attachments(thumb_sha256);
      UPDATE sync_client SET cursor_seq = 0;
    `);
  },
};
