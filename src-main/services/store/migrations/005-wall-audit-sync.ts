import type { Migration } from '../migration';

/**
 * Issue 5 §7: the central server's wall layouts and tours mirrored read-only (wall_layouts and wall_tours become
 * the view: this mirror with this workstation's unanswered layout commands laid over it), and how far the audit
 * log has been sent. The origin names this database's audit rows on the server: drawn once, kept across
 * enrolments, so a row is never stored twice.
 */
export const migration005WallAuditSync: Migration = {
  version: 5,
  name: 'sync: wall layout mirror, audit push position',
  up(db) {
    db.exec(`
      CREATE TABLE wall_item_mirror (
        kind TEXT NOT NULL CHECK (kind IN ('layout', 'tour')),
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        body TEXT NOT NULL CHECK (json_valid(body) AND json_type(body) = 'object'),
        version INTEGER NOT NULL CHECK (version >= 1),
        deleted INTEGER NOT NULL CHECK (deleted IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT,
        change_seq INTEGER NOT NULL,
        PRIMARY KEY (kind, id)
      ) STRICT;

      CREATE TABLE audit_push (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        origin TEXT NOT NULL CHECK (length(origin) = 32),
        -- The server the rows up to pushed_seq were sent to; another server gets them all again.
        server_url TEXT,
        pushed_seq INTEGER NOT NULL DEFAULT 0 CHECK (pushed_seq >= 0),
        updated_at TEXT
      ) STRICT;
      INSERT INTO audit_push (id, origin) VALUES (1, lower(hex(randomblob(16))));
    `);
  },
};
