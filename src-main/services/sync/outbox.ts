import type BetterSqlite3 from 'better-sqlite3';
import type { PushCommand, PushResult, SyncCommandName } from '../../../src-shared/sync/protocol';
import { isWallCommandName, wallCommandTarget } from '../../../src-shared/sync/wall-protocol';
import { type ClientRowAccess, newClientId } from './client-row';
import type { CasesTouched, WallItemRef, WallTouched } from './mirror';
import { writeTransaction } from '../store';

export interface NewCommand {
  name: SyncCommandName;
  args: unknown;
  caseId: string | null;
  actor: { userId: string; username: string };
}

export interface OutboxEntry {
  id: number;
  clientId: string;
  seq: number;
  name: string;
  args: unknown;
  caseId: string | null;
  actorUsername: string;
  createdAt: string;
  state: 'pending' | 'applied' | 'rejected';
  attempts: number;
  serverChangeSeq: number | null;
}

interface Raw {
  id: number;
  client_id: string;
  seq: number;
  name: string;
  args: string;
  case_id: string | null;
  actor_username: string;
  created_at: string;
  state: 'pending' | 'applied' | 'rejected';
  attempts: number;
  server_change_seq: number | null;
}

const COLUMNS =
  'id, client_id, seq, name, args, case_id, actor_username, created_at, state, attempts, server_change_seq';

function entryOf(r: Raw): OutboxEntry {
  return {
    id: r.id,
    clientId: r.client_id,
    seq: r.seq,
    name: r.name,
    args: JSON.parse(r.args) as unknown,
    caseId: r.case_id,
    actorUsername: r.actor_username,
    createdAt: r.created_at,
    state: r.state,
    attempts: r.attempts,
    serverChangeSeq: r.server_change_seq,
  };
}

/** The layout or tour a wall command (`layout.save`, `tour.remove`…) is about; null for other commands. */
export function wallItemOf(name: string, args: unknown): WallItemRef | null {
  if (!isWallCommandName(name) || typeof args !== 'object' || args === null || !('id' in args)) return null;
  const id = (args as { id: unknown }).id;
  return typeof id === 'string' ? { kind: wallCommandTarget(name).kind, id } : null;
}

const UNSETTLED = `(state = 'pending' OR (state = 'applied' AND server_change_seq > ?))`;
const WALL_NAMES = `name IN ('layout.save', 'layout.remove', 'tour.save', 'tour.remove')`;

export interface SettleOutcome {
  /** Case ids whose commands were answered (applied or rejected). */
  caseIds: string[];
  rejected: number;
  /** The server is missing commands before this batch: it expects this number next. */
  gapExpected: number | null;
}

/**
 * The outbox: each local action becomes a numbered command in the same transaction as its other local effects
 * (the audit record), on a database opened with synchronous=FULL, so an acknowledged click survives a power cut.
 * Commands leave the pending state only when the server has answered them.
 */
export function createOutbox(
  sqlite: BetterSqlite3.Database,
  client: ClientRowAccess,
  now: () => Date,
  touched: CasesTouched = () => undefined,
  wallTouched: WallTouched = () => undefined,
) {
  const s = {
    takeSeq: sqlite.prepare<[string], { client_id: string; seq: number }>(
      'UPDATE sync_client SET next_seq = next_seq + 1, updated_at = ? WHERE id = 1 RETURNING client_id, next_seq - 1 AS seq',
    ),
    insert: sqlite.prepare(
      `INSERT INTO outbox (client_id, seq, name, args, case_id, actor_user_id, actor_username, created_at)
       VALUES (@clientId, @seq, @name, @args, @caseId, @userId, @username, @createdAt)`,
    ),
    pending: sqlite.prepare<[string, number], Raw>(
      `SELECT ${COLUMNS} FROM outbox WHERE client_id = ? AND state = 'pending' ORDER BY seq LIMIT ?`,
    ),
    bySeq: sqlite.prepare<[string, number], Raw>(`SELECT ${COLUMNS} FROM outbox WHERE client_id = ? AND seq = ?`),
    attempt: sqlite.prepare(
      `UPDATE outbox SET attempts = attempts + 1, last_attempt_at = ?, last_error = ? WHERE id = ? AND state = 'pending'`,
    ),
    applied: sqlite.prepare(
      `UPDATE outbox SET state = 'applied', server_change_seq = ?, done_at = ?, last_error = NULL WHERE id = ? AND state = 'pending'`,
    ),
    rejected: sqlite.prepare(
      `UPDATE outbox SET state = 'rejected', done_at = ?, last_error = ? WHERE id = ? AND state = 'pending'`,
    ),
    conflict: sqlite.prepare(
      'INSERT OR IGNORE INTO sync_conflicts (outbox_id, code, message, rejected_at) VALUES (?, ?, ?, ?)',
    ),
    unsettled: sqlite.prepare<[number], Raw>(
      `SELECT ${COLUMNS} FROM outbox WHERE state = 'pending' OR (state = 'applied' AND server_change_seq > ?) ORDER BY id`,
    ),
    unsettledForCase: sqlite.prepare<[string, number], Raw>(
      `SELECT ${COLUMNS} FROM outbox WHERE case_id = ? AND (state = 'pending' OR (state = 'applied' AND server_change_seq > ?)) ORDER BY id`,
    ),
    unsettledCases: sqlite.prepare<[number], { case_id: string }>(
      `SELECT DISTINCT case_id FROM outbox
       WHERE case_id IS NOT NULL AND (state = 'pending' OR (state = 'applied' AND server_change_seq > ?))`,
    ),
    unsettledWall: sqlite.prepare<[string, string, string, number], Raw>(
      `SELECT ${COLUMNS} FROM outbox WHERE name IN (?, ?) AND json_extract(args, '$.id') = ? AND ${UNSETTLED} ORDER BY id`,
    ),
    unsettledWallItems: sqlite.prepare<[number], { name: string; id: string }>(
      `SELECT DISTINCT name, json_extract(args, '$.id') AS id FROM outbox WHERE ${WALL_NAMES} AND ${UNSETTLED}`,
    ),
    everWall: sqlite.prepare<[], { name: string; id: string }>(
      `SELECT DISTINCT name, json_extract(args, '$.id') AS id FROM outbox WHERE ${WALL_NAMES}`,
    ),
    wallSettledIn: sqlite.prepare<[number, number], { name: string; id: string }>(
      `SELECT name, json_extract(args, '$.id') AS id FROM outbox
       WHERE ${WALL_NAMES} AND state = 'applied' AND server_change_seq > ? AND server_change_seq <= ?`,
    ),
    counts: sqlite.prepare<[], { pending: number; oldest: string | null }>(
      `SELECT count(*) AS pending, min(created_at) AS oldest FROM outbox WHERE state = 'pending'`,
    ),
    lostApplied: sqlite.prepare<[string, number], Raw>(
      `SELECT ${COLUMNS} FROM outbox WHERE client_id = ? AND seq >= ? AND state = 'applied' ORDER BY seq`,
    ),
    allPending: sqlite.prepare<[], Raw>(
      `SELECT ${COLUMNS} FROM outbox WHERE state = 'pending' ORDER BY client_id, seq`,
    ),
    renumber: sqlite.prepare('UPDATE outbox SET client_id = ?, seq = ? WHERE id = ?'),
    replay: sqlite.prepare(
      `INSERT INTO outbox (client_id, seq, name, args, case_id, actor_user_id, actor_username, created_at)
       SELECT ?, ?, name, args, case_id, actor_user_id, actor_username, created_at FROM outbox WHERE id = ?`,
    ),
    setClient: sqlite.prepare('UPDATE sync_client SET client_id = ?, next_seq = ?, updated_at = ? WHERE id = 1'),
    prune: sqlite.prepare(
      `DELETE FROM outbox WHERE state = 'applied' AND server_change_seq <= ? AND done_at < ?
         AND id NOT IN (SELECT retry_outbox_id FROM sync_conflicts WHERE retry_outbox_id IS NOT NULL)`,
    ),
  };

  function enqueue(command: NewCommand, alsoInTransaction?: (entry: { id: number; seq: number }) => void) {
    return writeTransaction(sqlite, () => {
      const at = now().toISOString();
      const taken = s.takeSeq.get(at);
      if (!taken) throw new Error('sync_client row missing');
      const info = s.insert.run({
        clientId: taken.client_id,
        seq: taken.seq,
        name: command.name,
        args: JSON.stringify(command.args),
        caseId: command.caseId,
        userId: command.actor.userId,
        username: command.actor.username,
        createdAt: at,
      });
      const entry = { id: Number(info.lastInsertRowid), seq: taken.seq };
      alsoInTransaction?.(entry);
      return entry;
    })();
  }

  return {
    enqueue,

    /** The next commands to send, in order, from the first unanswered one. */
    nextBatch(limit: number, maxBytes: number): { clientId: string; commands: PushCommand[]; ids: number[] } {
      const { clientId } = client.read();
      const rows = s.pending.all(clientId, limit);
      const commands: PushCommand[] = [];
      const ids: number[] = [];
      let bytes = 0;
      for (const r of rows) {
        bytes += r.args.length * 3 + 200;
        if (commands.length > 0 && bytes > maxBytes) break;
        commands.push({
          seq: r.seq,
          name: r.name,
          args: JSON.parse(r.args) as unknown,
          actorUsername: r.actor_username,
          createdAt: r.created_at,
        });
        ids.push(r.id);
      }
      return { clientId, commands, ids };
    },

    markAttempt(ids: readonly number[], error: string | null): void {
      const at = now().toISOString();
      writeTransaction(sqlite, () => {
        for (const id of ids) s.attempt.run(at, error?.slice(0, 500) ?? null, id);
      })();
    },

    /**
     * Records the server's answers in one transaction. Answers for commands already settled (a late reply to a
     * duplicated request) change nothing.
     */
    settle(clientId: string, results: readonly PushResult[]): SettleOutcome {
      return writeTransaction(sqlite, (): SettleOutcome => {
        const at = now().toISOString();
        const caseIds = new Set<string>();
        const wallItems: WallItemRef[] = [];
        let rejected = 0;
        let gapExpected: number | null = null;
        for (const r of results) {
          const row = s.bySeq.get(clientId, r.seq);
          if (!row) continue;
          if (r.status === 'out_of_order') {
            gapExpected = r.expected;
            break;
          }
          if (row.state !== 'pending') continue;
          const outcome = r.status === 'duplicate' ? r.original : r;
          if (outcome.status === 'applied') {
            s.applied.run(outcome.changeSeq, at, row.id);
          } else {
            s.rejected.run(at, `${outcome.code}: ${outcome.message}`.slice(0, 500), row.id);
            s.conflict.run(row.id, outcome.code, outcome.message, at);
            rejected++;
          }
          if (row.case_id) caseIds.add(row.case_id);
          const item = wallItemOf(row.name, JSON.parse(row.args) as unknown);
          if (item) wallItems.push(item);
        }
        if (caseIds.size > 0) touched([...caseIds]);
        if (wallItems.length > 0) wallTouched(wallItems);
        return { caseIds: [...caseIds], rejected, gapExpected };
      })();
    },

    /**
     * The server has lost commands it once acknowledged (restored from a backup) or never knew this client: start
     * a new client id, queue again the lost applied commands, then renumber everything pending after them.
     */
    restartClient(lostFromSeq: number | null): string {
      return writeTransaction(sqlite, () => {
        const old = client.read().clientId;
        const fresh = newClientId();
        let seq = 1;
        if (lostFromSeq !== null) {
          for (const r of s.lostApplied.all(old, lostFromSeq)) s.replay.run(fresh, seq++, r.id);
        }
        for (const r of s.allPending.all()) s.renumber.run(fresh, seq++, r.id);
        s.setClient.run(fresh, seq, now().toISOString());
        return fresh;
      })();
    },

    /** Pending commands, and applied ones the mirror does not show yet: what the optimistic view lays on top. */
    unsettled(cursorSeq: number, caseId?: string): OutboxEntry[] {
      const rows = caseId === undefined ? s.unsettled.all(cursorSeq) : s.unsettledForCase.all(caseId, cursorSeq);
      return rows.map(entryOf);
    },

    unsettledCaseIds(cursorSeq: number): Set<string> {
      return new Set(s.unsettledCases.all(cursorSeq).map((r) => r.case_id));
    },

    /** A layout's or tour's commands the view lays over the mirror, in the order they were made. */
    unsettledWall(item: WallItemRef, cursorSeq: number): OutboxEntry[] {
      return s.unsettledWall.all(`${item.kind}.save`, `${item.kind}.remove`, item.id, cursorSeq).map(entryOf);
    },

    unsettledWallItems(cursorSeq: number): WallItemRef[] {
      return s.unsettledWallItems.all(cursorSeq).flatMap((r) => wallItemOf(r.name, { id: r.id }) ?? []);
    },

    /** Every item this workstation ever queued a command about (answered or not). */
    everQueuedWall(): WallItemRef[] {
      return s.everWall.all().flatMap((r) => wallItemOf(r.name, { id: r.id }) ?? []);
    },

    /** Wall items whose applied commands a page moving the cursor from `since` to `cursorSeq` settles. */
    wallSettledBetween(since: number, cursorSeq: number): WallItemRef[] {
      return s.wallSettledIn.all(since, cursorSeq).flatMap((r) => wallItemOf(r.name, { id: r.id }) ?? []);
    },

    counts(): { pending: number; oldestPendingAt: string | null } {
      const r = s.counts.get();
      return { pending: r?.pending ?? 0, oldestPendingAt: r?.oldest ?? null };
    },

    /** Housekeeping: applied commands the mirror already shows, answered more than `keepMs` ago. */
    prune(cursorSeq: number, keepMs: number): number {
      return s.prune.run(cursorSeq, new Date(now().getTime() - keepMs).toISOString()).changes;
    },

    firstPendingSeq(): number | null {
      const { clientId } = client.read();
      return s.pending.get(clientId, 1)?.seq ?? null;
    },
  };
}
export type Outbox = ReturnType<typeof createOutbox>;
