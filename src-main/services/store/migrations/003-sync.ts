import type { Migration } from '../migration';

/**
 * The sync engine (DESIGN.md §6): read-only mirrors of the central server's cases and timelines, the optimistic
 * overlay, the outbox of named commands numbered per client, the conflicts inbox, and the one row saying where
 * the mirror stands. Mirrors and overlay may be dropped and rebuilt at any time; the outbox and conflicts never.
 */
export const migration003Sync: Migration = {
  version: 3,
  name: 'sync: case mirrors, outbox, conflicts',
  up(db) {
    db.exec(`
      CREATE TABLE sync_client (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        -- Numbers this workstation's commands; a new client id starts again at 1.
        client_id TEXT NOT NULL,
        next_seq INTEGER NOT NULL CHECK (next_seq >= 1),
        server_url TEXT,
        -- The device's secret is in secrets (id 'sync.device'), encrypted.
        device_id TEXT,
        -- Where the mirror stands: saved in the same transaction as the rows it covers.
        epoch TEXT,
        cursor_seq INTEGER NOT NULL DEFAULT 0 CHECK (cursor_seq >= 0),
        last_sync_at TEXT,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE case_mirror (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL,
        kind TEXT NOT NULL,
        channel TEXT NOT NULL,
        service_code TEXT NOT NULL,
        service_name TEXT NOT NULL,
        description TEXT,
        lat REAL,
        long REAL,
        address_string TEXT,
        state TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
        status_notes TEXT,
        agency_id TEXT,
        duplicate_of TEXT,
        assignee TEXT,
        sla_working_days INTEGER NOT NULL,
        pending_extension_days INTEGER,
        extension_count INTEGER NOT NULL,
        reopen_count INTEGER NOT NULL,
        public_result TEXT,
        rejection_reason TEXT,
        received_at TEXT NOT NULL,
        due_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        resolved_at TEXT,
        closed_at TEXT,
        -- Masked on the server (initials, last digits): the identity itself never reaches a workstation.
        reporter TEXT CHECK (reporter IS NULL OR json_valid(reporter)),
        version INTEGER NOT NULL,
        change_seq INTEGER NOT NULL,
        -- Code, category, description and address folded (lower case, no diacritics) for search.
        search_text TEXT NOT NULL
      ) STRICT;
      CREATE INDEX case_mirror_by_received ON case_mirror(received_at);
      CREATE INDEX case_mirror_by_state ON case_mirror(state, received_at);
      CREATE INDEX case_mirror_by_status ON case_mirror(status, received_at);
      CREATE INDEX case_mirror_by_code ON case_mirror(code);

      -- No foreign key to case_mirror: a page may bring an event before its case's newest row.
      CREATE TABLE case_event_mirror (
        id INTEGER PRIMARY KEY,
        case_id TEXT NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        actor_name TEXT,
        action TEXT NOT NULL,
        from_state TEXT,
        to_state TEXT NOT NULL,
        public_note TEXT,
        internal_note TEXT,
        data TEXT NOT NULL CHECK (json_valid(data)),
        change_seq INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX case_event_mirror_by_case ON case_event_mirror(case_id, id);

      -- The optimistic view: a case as this workstation's unanswered commands make it look, written in the same
      -- transaction as the command (and recomputed when an answer or a page arrives), so lists filter on it.
      CREATE TABLE case_overlay (
        case_id TEXT PRIMARY KEY,
        state TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
        assignee TEXT,
        agency_id TEXT,
        due_at TEXT NOT NULL,
        pending INTEGER NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX case_overlay_by_state ON case_overlay(state);

      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        client_id TEXT NOT NULL,
        seq INTEGER NOT NULL CHECK (seq >= 1),
        name TEXT NOT NULL,
        args TEXT NOT NULL CHECK (json_valid(args)),
        case_id TEXT,
        actor_user_id TEXT NOT NULL,
        actor_username TEXT NOT NULL,
        -- This workstation's clock: shown and recorded, never used to order anything.
        created_at TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'applied', 'rejected')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_attempt_at TEXT,
        last_error TEXT,
        -- The server cursor at which the command's effects became visible; until the mirror passes it the
        -- command still shows in the optimistic view (no "reverted, then re-applied" flicker).
        server_change_seq INTEGER,
        done_at TEXT,
        UNIQUE (client_id, seq)
      ) STRICT;
      CREATE INDEX outbox_by_state ON outbox(state, id);
      CREATE INDEX outbox_by_case ON outbox(case_id, id);

      -- What an operator did is evidence: a command leaves the outbox only once the server has answered it.
      CREATE TRIGGER outbox_keep_pending BEFORE DELETE ON outbox WHEN OLD.state = 'pending'
        BEGIN SELECT RAISE(ABORT, 'a pending command is never deleted'); END;

      CREATE TABLE sync_conflicts (
        id INTEGER PRIMARY KEY,
        outbox_id INTEGER NOT NULL UNIQUE REFERENCES outbox(id),
        code TEXT NOT NULL,
        message TEXT NOT NULL,
        rejected_at TEXT NOT NULL,
        resolution TEXT CHECK (resolution IN ('discarded', 'retried')),
        resolved_at TEXT,
        resolved_by TEXT,
        retry_outbox_id INTEGER REFERENCES outbox(id),
        CHECK ((resolution IS NULL) = (resolved_at IS NULL))
      ) STRICT;
      CREATE INDEX sync_conflicts_open ON sync_conflicts(resolution, id);
      CREATE TRIGGER outbox_keep_conflicts BEFORE DELETE ON outbox
        WHEN EXISTS (SELECT 1 FROM sync_conflicts WHERE outbox_id = OLD.id AND resolution IS NULL)
        BEGIN SELECT RAISE(ABORT, 'a command in the conflicts inbox is never deleted'); END;
    `);
  },
};
