import type BetterSqlite3 from 'better-sqlite3';
import { type Alert, AlertSchema } from '../../../src-shared/contract/alerts';
import { KEEP_CLEARED_MS } from './mirror';
import { writeTransaction } from '../store';

/** Where the alert feed stands: which server, its cursor, when it last answered. */
export interface SavedFeed {
  serverUrl: string | null;
  cursor: number;
  lastSyncAt: string | null;
  /** The server's data epoch the cursor counts in (null: not known yet, or a server without epochs). */
  epoch?: string | null;
}

/** The epoch has no column of its own in alerts_feed (migration 010): it is kept in `settings`. */
const EPOCH_KEY = 'alerts.feed_epoch';

/** An acknowledgement made on this workstation and queued in the outbox (`outboxId`). */
export interface PendingAck {
  alertId: string;
  outboxId: number;
  by: string;
  at: string;
  note: string | null;
}

interface Row {
  id: string;
  body: string;
  ack_outbox_id: number | null;
  ack_by: string | null;
  ack_at: string | null;
  ack_note: string | null;
}

/**
 * The alert mirror on disk (migration 010): every page is saved with its cursor in one transaction, so after a
 * restart the workstation shows what it last knew and resumes the feed where it stopped. A row whose body breaks
 * the contract (written by another version) is skipped and fetched again with the next full pull.
 */
export function createSavedAlerts(sqlite: BetterSqlite3.Database) {
  const s = {
    rows: sqlite.prepare<[], Row>('SELECT id, body, ack_outbox_id, ack_by, ack_at, ack_note FROM alerts_mirror'),
    feed: sqlite.prepare<[], { server_url: string | null; cursor: number; last_sync_at: string | null }>(
      'SELECT server_url, cursor, last_sync_at FROM alerts_feed WHERE id = 1',
    ),
    // A late, older version never replaces a newer one; the server's acknowledgement ends a pending one here.
    upsert: sqlite.prepare(
      `INSERT INTO alerts_mirror (id, seq, state, severity, domain, acknowledged, last_seen_at, cleared_at, body)
       VALUES (@id, @seq, @state, @severity, @domain, @acknowledged, @lastSeenAt, @clearedAt, @body)
       ON CONFLICT (id) DO UPDATE SET
         seq = excluded.seq, state = excluded.state, severity = excluded.severity, domain = excluded.domain,
         acknowledged = excluded.acknowledged, last_seen_at = excluded.last_seen_at, cleared_at = excluded.cleared_at,
         body = excluded.body,
         ack_outbox_id = iif(excluded.acknowledged = 1, NULL, ack_outbox_id),
         ack_by = iif(excluded.acknowledged = 1, NULL, ack_by),
         ack_at = iif(excluded.acknowledged = 1, NULL, ack_at),
         ack_note = iif(excluded.acknowledged = 1, NULL, ack_note)
       WHERE excluded.seq > alerts_mirror.seq`,
    ),
    prune: sqlite.prepare(
      `DELETE FROM alerts_mirror WHERE state = 'cleared' AND coalesce(cleared_at, last_seen_at) < ?`,
    ),
    clear: sqlite.prepare('DELETE FROM alerts_mirror'),
    saveFeed: sqlite.prepare(
      'UPDATE alerts_feed SET server_url = ?, cursor = ?, last_sync_at = ?, updated_at = ? WHERE id = 1',
    ),
    markPending: sqlite.prepare(
      `UPDATE alerts_mirror SET ack_outbox_id = @outboxId, ack_by = @by, ack_at = @at, ack_note = @note
       WHERE id = @alertId`,
    ),
    // A queued acknowledgement whose row was replaced by a full re-read: marked again unless the server's copy
    // is acknowledged already.
    remarkPending: sqlite.prepare(
      `UPDATE alerts_mirror SET ack_outbox_id = @outboxId, ack_by = @by, ack_at = @at, ack_note = @note
       WHERE id = @alertId AND acknowledged = 0 AND ack_outbox_id IS NULL`,
    ),
    epoch: sqlite.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?'),
    saveEpoch: sqlite.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ),
    dropEpoch: sqlite.prepare('DELETE FROM settings WHERE key = ?'),
    clearPending: sqlite.prepare(
      'UPDATE alerts_mirror SET ack_outbox_id = NULL, ack_by = NULL, ack_at = NULL, ack_note = NULL WHERE id = ?',
    ),
  };

  return {
    /** What the workstation knew when it stopped. */
    load(): { alerts: Alert[]; pending: PendingAck[]; feed: SavedFeed } {
      const alerts: Alert[] = [];
      const pending: PendingAck[] = [];
      for (const row of s.rows.all()) {
        const parsed = AlertSchema.safeParse(safeJson(row.body));
        if (!parsed.success) continue;
        alerts.push(parsed.data);
        if (row.ack_outbox_id !== null && row.ack_by !== null && row.ack_at !== null) {
          pending.push({
            alertId: row.id,
            outboxId: row.ack_outbox_id,
            by: row.ack_by,
            at: row.ack_at,
            note: row.ack_note,
          });
        }
      }
      const feed = s.feed.get();
      return {
        alerts,
        pending,
        feed: {
          serverUrl: feed?.server_url ?? null,
          cursor: feed?.cursor ?? 0,
          lastSyncAt: feed?.last_sync_at ?? null,
          epoch: s.epoch.get(EPOCH_KEY)?.value ?? null,
        },
      };
    },

    /**
     * Saves a page and the cursor after it in one transaction; `fresh` (a pull from nothing) replaces everything
     * held before. Cleared alerts older than the mirror keeps are forgotten in the same step. `keep`: queued
     * acknowledgements to mark again on their alerts' rows (a full re-read replaced them).
     */
    savePage(
      page: readonly Alert[],
      feed: SavedFeed,
      options: { fresh: boolean; now: Date; keep?: readonly PendingAck[] },
    ): void {
      writeTransaction(sqlite, () => {
        if (options.fresh) s.clear.run();
        for (const a of page) {
          s.upsert.run({
            id: a.id,
            seq: a.seq,
            state: a.state,
            severity: a.severity,
            domain: a.domain,
            acknowledged: a.acknowledged ? 1 : 0,
            lastSeenAt: a.lastSeenAt,
            clearedAt: a.clearedAt,
            body: JSON.stringify({ ...a, ackPending: undefined, ackConflict: undefined }),
          });
        }
        for (const ack of options.keep ?? []) s.remarkPending.run(ack);
        s.prune.run(new Date(options.now.getTime() - KEEP_CLEARED_MS).toISOString());
        s.saveFeed.run(feed.serverUrl, feed.cursor, feed.lastSyncAt, options.now.toISOString());
        if (feed.epoch) s.saveEpoch.run(EPOCH_KEY, feed.epoch);
        else if (feed.epoch === null) s.dropEpoch.run(EPOCH_KEY);
      })();
    },

    /** Runs inside the outbox's transaction: the command and its pending mark commit together. */
    markPending(ack: PendingAck): void {
      s.markPending.run(ack);
    },

    clearPending(alertIds: readonly string[]): void {
      writeTransaction(sqlite, () => {
        for (const id of alertIds) s.clearPending.run(id);
      })();
    },
  };
}
export type SavedAlerts = ReturnType<typeof createSavedAlerts>;

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
