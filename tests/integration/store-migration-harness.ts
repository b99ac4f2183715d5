// What the workstation's migration tests share (the twin of tests/server/migration-harness.ts): an in-memory store
// migrated only up to a given migration, and the sync rows a migration must keep or wind back.
import BetterSqlite3 from 'better-sqlite3';
import { MIGRATIONS } from '../../src-main/services/store/migrations';

/** An in-memory store with foreign keys on, migrated up to, not including, migration `version`. */
export function storeBefore(version: number): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  for (const m of MIGRATIONS.filter((m) => m.version < version)) m.up(db);
  return db;
}

/** The one sync_client row of an enrolled workstation ('c1'): its next outbox seq and where its pulls stand. */
export function insertSyncClient(
  db: BetterSqlite3.Database,
  row: { nextSeq: number; epoch: string | null; cursorSeq: number },
): void {
  db.prepare(
    `INSERT INTO sync_client (id, client_id, next_seq, epoch, cursor_seq, updated_at)
     VALUES (1, 'c1', @nextSeq, @epoch, @cursorSeq, 'now')`,
  ).run(row);
}

/** An operator's comment on case 'k1' waiting in the outbox of client 'c1' at `seq`. */
export function queueComment(db: BetterSqlite3.Database, seq: number): void {
  db.prepare(
    `INSERT INTO outbox (client_id, seq, name, args, case_id, actor_user_id, actor_username, created_at)
     VALUES ('c1', ?, 'case.comment', '{"caseId":"k1","text":"x"}', 'k1', 'u1', 'operator', 'now')`,
  ).run(seq);
}
