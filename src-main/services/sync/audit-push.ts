import type BetterSqlite3 from 'better-sqlite3';
import type { AuditPushRequest, AuditRowWire } from '../../../src-shared/sync/audit-protocol';

interface Raw {
  id: number;
  at: string;
  user_id: string | null;
  username: string | null;
  action: string;
  subject: string | null;
  detail: string;
}

function detailOf(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : { value };
  } catch {
    return { unreadable: text.slice(0, 1000) };
  }
}

function wireOf(r: Raw): AuditRowWire {
  return {
    seq: r.id,
    at: r.at,
    userId: r.user_id?.slice(0, 128) ?? null,
    username: r.username?.slice(0, 128) ?? null,
    action: r.action.slice(0, 64),
    subject: r.subject?.slice(0, 300) ?? null,
    detail: detailOf(r.detail),
  };
}

/**
 * The audit log's way to the server: rows are already in SQLite (synchronous=FULL) when they are recorded; they are
 * sent in order of their local number, and the position moves only after the server's answer, so a crash or a lost
 * reply sends a batch again (the server stores each row once) and never skips one.
 */
export function createAuditPush(sqlite: BetterSqlite3.Database, now: () => Date) {
  const s = {
    position: sqlite.prepare<[], { origin: string; server_url: string | null; pushed_seq: number }>(
      'SELECT origin, server_url, pushed_seq FROM audit_push WHERE id = 1',
    ),
    rows: sqlite.prepare<[number, number], Raw>(
      `SELECT a.id, a.at, a.user_id, u.username, a.action, a.subject, a.detail FROM audit_log a
       LEFT JOIN users u ON u.id = a.user_id WHERE a.id > ? ORDER BY a.id LIMIT ?`,
    ),
    waiting: sqlite.prepare<[number], { n: number }>('SELECT count(*) AS n FROM audit_log WHERE id > ?'),
    advance: sqlite.prepare(
      'UPDATE audit_push SET pushed_seq = max(pushed_seq, ?), updated_at = ? WHERE id = 1 AND server_url IS ?',
    ),
    restart: sqlite.prepare('UPDATE audit_push SET server_url = ?, pushed_seq = 0, updated_at = ? WHERE id = 1'),
  };

  function position() {
    const row = s.position.get();
    if (!row) throw new Error('audit_push row missing');
    return row;
  }

  return {
    /** Rows sent to another server do not count for this one: it gets them all. */
    useServer(serverUrl: string): void {
      if (position().server_url !== serverUrl) s.restart.run(serverUrl, now().toISOString());
    },

    /** The server lost data (a new epoch): send everything again; it keeps what it already has. */
    sendAllAgain(): void {
      s.restart.run(position().server_url, now().toISOString());
    },

    /** The next rows to send (at most `limit`, about `maxBytes`), or null when the server has them all. */
    nextBatch(limit: number, maxBytes: number): AuditPushRequest | null {
      const at = position();
      const rows: AuditRowWire[] = [];
      let bytes = 0;
      for (const r of s.rows.all(at.pushed_seq, limit)) {
        bytes += r.detail.length * 3 + 300;
        if (rows.length > 0 && bytes > maxBytes) break;
        rows.push(wireOf(r));
      }
      return rows.length === 0 ? null : { origin: at.origin, rows };
    },

    /** The server holds every row up to `upTo` (for the server it was sent to). */
    markSent(serverUrl: string, upTo: number): void {
      s.advance.run(upTo, now().toISOString(), serverUrl);
    },

    waiting(): number {
      return s.waiting.get(position().pushed_seq)?.n ?? 0;
    },
  };
}
export type AuditPush = ReturnType<typeof createAuditPush>;
