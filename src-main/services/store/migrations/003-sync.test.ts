import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migration001Initial } from './001-initial';
import { migration002CamerasSecrets } from './002-cameras-secrets';
import { migration003Sync } from './003-sync';

function migrated(): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  for (const m of [migration001Initial, migration002CamerasSecrets, migration003Sync]) m.up(db);
  return db;
}

const queue = (db: BetterSqlite3.Database, seq: number, clientId = 'c1') =>
  db
    .prepare(
      `INSERT INTO outbox (client_id, seq, name, args, case_id, actor_user_id, actor_username, created_at)
       VALUES (?, ?, 'case.comment', '{"caseId":"k1","text":"x"}', 'k1', 'u1', 'operator', 'now')`,
    )
    .run(clientId, seq);

describe('migration 003', () => {
  it('creates the mirrors, the overlay, the outbox, the conflicts and the one sync_client row', () => {
    const db = migrated();
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(
      expect.arrayContaining([
        'sync_client',
        'case_mirror',
        'case_event_mirror',
        'case_overlay',
        'outbox',
        'sync_conflicts',
      ]),
    );
    db.prepare("INSERT INTO sync_client (id, client_id, next_seq, updated_at) VALUES (1, 'c1', 1, 'now')").run();
    expect(() =>
      db.prepare("INSERT INTO sync_client (id, client_id, next_seq, updated_at) VALUES (2, 'c2', 1, 'now')").run(),
    ).toThrow(/CHECK/);
  });

  it('numbers commands once per client and refuses arguments that are not JSON', () => {
    const db = migrated();
    queue(db, 1);
    queue(db, 1, 'c2');
    expect(() => queue(db, 1)).toThrow(/UNIQUE/);
    expect(() => queue(db, 0)).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO outbox (client_id, seq, name, args, actor_user_id, actor_username, created_at)
           VALUES ('c1', 5, 'case.comment', 'not json', 'u1', 'operator', 'now')`,
        )
        .run(),
    ).toThrow(/CHECK/);
  });

  it('never deletes a pending command or one waiting in the conflicts inbox', () => {
    const db = migrated();
    const pending = Number(queue(db, 1).lastInsertRowid);
    expect(() => db.prepare('DELETE FROM outbox WHERE id = ?').run(pending)).toThrow(/never deleted/);
    db.prepare("UPDATE outbox SET state = 'rejected' WHERE id = ?").run(pending);
    db.prepare("INSERT INTO sync_conflicts (outbox_id, code, message, rejected_at) VALUES (?, 'x', 'y', 'now')").run(
      pending,
    );
    expect(() => db.prepare('DELETE FROM outbox WHERE id = ?').run(pending)).toThrow(/conflicts inbox/);
    db.prepare("UPDATE sync_conflicts SET resolution = 'discarded', resolved_at = 'now'").run();
    expect(() => db.prepare('UPDATE sync_conflicts SET resolution = NULL WHERE outbox_id = ?').run(pending)).toThrow(
      /CHECK/,
    );
    const applied = Number(queue(db, 2).lastInsertRowid);
    db.prepare("UPDATE outbox SET state = 'applied' WHERE id = ?").run(applied);
    expect(db.prepare('DELETE FROM outbox WHERE id = ?').run(applied).changes).toBe(1);
  });

  it('keeps mirrored reporters as JSON and statuses to Open311’s two', () => {
    const db = migrated();
    const insert = (id: string, status: string, reporter: string | null) =>
      db
        .prepare(
          `INSERT INTO case_mirror (id, code, kind, channel, service_code, service_name, state, status,
             sla_working_days, extension_count, reopen_count, received_at, due_at, updated_at, reporter, version,
             change_seq, search_text)
           VALUES (?, 'DT-1', 'citizen_report', 'open311', 'lighting', 'Chiếu sáng', 'received', ?, 5, 0, 0,
             'a', 'b', 'c', ?, 1, 1, 'x')`,
        )
        .run(id, status, reporter);
    insert('k1', 'open', '{"name":"N***","phone":null,"email":null}');
    expect(() => insert('k2', 'pending', null)).toThrow(/CHECK/);
    expect(() => insert('k3', 'open', 'Nguyễn Lan')).toThrow(/CHECK/);
  });
});
