import type BetterSqlite3 from 'better-sqlite3';
import { CommandError } from '../../../src-shared/contract';
import type { Conflict } from '../../../src-shared/contract/cases';
import { isSyncCommandName, SYNC_COMMAND_ARGS } from '../../../src-shared/sync/protocol';
import type { WallItemRef } from './mirror';
import { type NewCommand, wallItemOf } from './outbox';

/** Queues a command with its audit record and optimistic effect (the sync service's enqueue). */
export type Enqueue = (
  command: NewCommand,
  alsoInTransaction?: (entry: { id: number; seq: number }) => void,
) => { seq: number };

interface Raw {
  id: number;
  name: string;
  args: string;
  case_id: string | null;
  actor_user_id: string;
  actor_username: string;
  created_at: string;
  code: string;
  message: string;
  rejected_at: string;
  resolution: 'discarded' | 'retried' | null;
  resolved_at: string | null;
}

const SELECT = `SELECT c.id, o.name, o.args, o.case_id, o.actor_user_id, o.actor_username, o.created_at, c.code, c.message,
  c.rejected_at, c.resolution, c.resolved_at FROM sync_conflicts c JOIN outbox o ON o.id = c.outbox_id`;

/**
 * Rejected commands are never dropped silently: they wait here until someone discards or retries them. Retrying
 * a layout or tour save means "keep mine": it is queued again on the version the mirror now holds.
 */
export function createConflicts(
  sqlite: BetterSqlite3.Database,
  enqueue: Enqueue,
  now: () => Date,
  wallMirrorVersion: (item: WallItemRef) => number | null = () => null,
) {
  const s = {
    open: sqlite.prepare<[], Raw>(`${SELECT} WHERE c.resolution IS NULL ORDER BY c.id DESC`),
    all: sqlite.prepare<[], Raw>(`${SELECT} ORDER BY c.id DESC LIMIT 1000`),
    one: sqlite.prepare<[number], Raw>(`${SELECT} WHERE c.id = ?`),
    count: sqlite.prepare<[], { n: number }>('SELECT count(*) AS n FROM sync_conflicts WHERE resolution IS NULL'),
    resolve: sqlite.prepare(
      `UPDATE sync_conflicts SET resolution = ?, resolved_at = ?, resolved_by = ?, retry_outbox_id = ?
       WHERE id = ? AND resolution IS NULL`,
    ),
  };
  const toConflict = (r: Raw): Conflict => ({
    id: r.id,
    name: r.name,
    args: JSON.parse(r.args) as unknown,
    caseId: r.case_id,
    actorUsername: r.actor_username,
    createdAt: r.created_at,
    code: r.code,
    message: r.message,
    rejectedAt: r.rejected_at,
    resolution: r.resolution,
    resolvedAt: r.resolved_at,
  });

  return {
    list(includeResolved: boolean): Conflict[] {
      return (includeResolved ? s.all.all() : s.open.all()).map(toConflict);
    },
    count(): number {
      return s.count.get()?.n ?? 0;
    },
    /**
     * Discard, or queue again as a new command (a new number: the server already answered the old one), with the
     * same or edited arguments, in one transaction. The retry is made in the resolver's name.
     */
    resolve(
      id: number,
      resolution: 'discard' | 'retry',
      by: { userId: string; username: string },
      editedArgs?: unknown,
    ): { seq: number | null; caseId: string | null } {
      const row = s.one.get(id);
      if (!row) throw new CommandError('not_found', `There is no conflict ${id}.`);
      if (row.resolution !== null) throw new CommandError('conflict', `Conflict ${id} was already ${row.resolution}.`);
      if (resolution === 'discard') {
        s.resolve.run('discarded', now().toISOString(), by.userId, null, id);
        return { seq: null, caseId: row.case_id };
      }
      if (!isSyncCommandName(row.name)) throw new CommandError('invalid_input', `Unknown command ${row.name}.`);
      const args = SYNC_COMMAND_ARGS[row.name].safeParse(editedArgs ?? (JSON.parse(row.args) as unknown));
      if (!args.success) {
        throw new CommandError(
          'invalid_input',
          `The arguments do not fit ${row.name}: ${args.error.issues[0]?.message}`,
        );
      }
      const caseId = 'caseId' in args.data ? args.data.caseId : null;
      const item = wallItemOf(row.name, args.data);
      const retried =
        item && 'baseVersion' in args.data ? { ...args.data, baseVersion: wallMirrorVersion(item) } : args.data;
      const command: NewCommand = { name: row.name, args: retried, caseId, actor: by };
      const entry = enqueue(command, (queued) => {
        const changed = s.resolve.run('retried', now().toISOString(), by.userId, queued.id, id).changes;
        if (changed !== 1) throw new CommandError('conflict', `Conflict ${id} was resolved meanwhile.`);
      });
      return { seq: entry.seq, caseId };
    },
  };
}
export type Conflicts = ReturnType<typeof createConflicts>;
