import type { Migration } from '../migration';

/**
 * The central server's alerts kept on disk (DESIGN.md §6), so a control room restarted while the server is away
 * still shows the last alerts it knew. Each alert is its contract JSON plus the columns the list filters and
 * prunes on; the feed cursor is saved in the same transaction as the page it covers. An acknowledgement made
 * here waits in the outbox; `ack_outbox_id` and who/when/why show it as pending until the server's copy of the
 * alert says it is acknowledged (or the command is rejected).
 */
export const migration010AlertsMirror: Migration = {
  version: 10,
  name: 'alerts: on-disk mirror of the central server’s alerts, feed cursor',
  up(db) {
    db.exec(`
      CREATE TABLE alerts_mirror (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL CHECK (seq >= 0),
        state TEXT NOT NULL CHECK (state IN ('active', 'cleared')),
        severity TEXT NOT NULL,
        domain TEXT NOT NULL,
        acknowledged INTEGER NOT NULL CHECK (acknowledged IN (0, 1)),
        last_seen_at TEXT NOT NULL,
        cleared_at TEXT,
        body TEXT NOT NULL CHECK (json_valid(body) AND json_type(body) = 'object'),
        -- No foreign key: applied commands are pruned from the outbox; a missing one is simply no longer pending.
        ack_outbox_id INTEGER,
        ack_by TEXT,
        ack_at TEXT,
        ack_note TEXT,
        CHECK ((ack_outbox_id IS NULL) = (ack_by IS NULL) AND (ack_outbox_id IS NULL) = (ack_at IS NULL))
      ) STRICT;
      CREATE INDEX alerts_mirror_by_state ON alerts_mirror (state, last_seen_at);
      CREATE INDEX alerts_mirror_pending_ack ON alerts_mirror (ack_outbox_id) WHERE ack_outbox_id IS NOT NULL;

      CREATE TABLE alerts_feed (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        -- The server the cursor belongs to: another server's feed starts again from nothing.
        server_url TEXT,
        cursor INTEGER NOT NULL DEFAULT 0 CHECK (cursor >= 0),
        last_sync_at TEXT,
        updated_at TEXT
      ) STRICT;
      INSERT INTO alerts_feed (id) VALUES (1);
    `);
  },
};
