import type BetterSqlite3 from 'better-sqlite3';
import type { LocalBlobStore } from './blob-store';
import { writeTransaction } from '../store';

/** Files still needed by `case.attach` commands: waiting to be sent, or refused and waiting in the conflicts inbox. */
const NEEDED = `
  SELECT json_extract(o.args, '$.sha256') AS sha256, 1 AS pending FROM outbox o
    WHERE o.state = 'pending' AND o.name = 'case.attach'
  UNION ALL
  SELECT json_extract(o.args, '$.sha256') AS sha256, 0 AS pending FROM sync_conflicts c JOIN outbox o ON o.id = c.outbox_id
    WHERE c.resolution IS NULL AND o.name = 'case.attach'`;

/**
 * Frees the outbox's files once the commands naming them are settled: answered by the server, or turned into a
 * conflict that was discarded. A file a conflict still names is kept while the conflict is open — "send again" (after
 * the case it belongs to was fixed, say) needs the same bytes — unless the server refused the file itself, when no
 * retry can use it. Rows go first (in one transaction), then files; a file left by a crash in between, or written for
 * a command that was never queued, is swept at the next start.
 */
export function createBlobCleanup(sqlite: BetterSqlite3.Database, blobs: LocalBlobStore) {
  const s = {
    needed: sqlite.prepare<[], { sha256: string | null; pending: number }>(NEEDED),
    rows: sqlite.prepare<[], { sha256: string; refused: number }>(
      'SELECT sha256, refused_reason IS NOT NULL AS refused FROM outbox_blobs',
    ),
    remove: sqlite.prepare('DELETE FROM outbox_blobs WHERE sha256 = ?'),
    has: sqlite.prepare<[string], number>('SELECT 1 FROM outbox_blobs WHERE sha256 = ?').pluck(),
  };

  /** Deletes the rows and files no command needs any more; returns how many went. */
  function release(): number {
    const gone = writeTransaction(sqlite, () => {
      const pending = new Set<string>();
      const inConflict = new Set<string>();
      for (const n of s.needed.all()) if (n.sha256) (n.pending ? pending : inConflict).add(n.sha256);
      const free = s.rows
        .all()
        .filter((r) => !pending.has(r.sha256) && (r.refused === 1 || !inConflict.has(r.sha256)))
        .map((r) => r.sha256);
      for (const sha256 of free) s.remove.run(sha256);
      return free;
    })();
    for (const sha256 of gone) blobs.remove(sha256);
    return gone.length;
  }

  return {
    release,

    /** At start: rows whose commands are gone or settled, then files without a row (and half-written ones). */
    sweep(): { rows: number; files: number } {
      const rows = release();
      const files = blobs.sweep((sha256) => s.has.get(sha256) !== undefined);
      return { rows, files };
    },
  };
}
export type BlobCleanup = ReturnType<typeof createBlobCleanup>;
