import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '.';
import { migration009OutboxBlobs } from './009-outbox-blobs';

function before009(): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  for (const m of MIGRATIONS.filter((m) => m.version < 9)) m.up(db);
  return db;
}

describe('migration 009', () => {
  it('adds the files to upload and the provisional cases, keeping the outbox', () => {
    const db = before009();
    db.prepare(
      "INSERT INTO sync_client (id, client_id, next_seq, epoch, cursor_seq, updated_at) VALUES (1, 'c1', 2, NULL, 0, 'now')",
    ).run();
    db.prepare(
      `INSERT INTO outbox (client_id, seq, name, args, case_id, actor_user_id, actor_username, created_at)
       VALUES ('c1', 1, 'case.comment', '{"caseId":"k1","text":"x"}', 'k1', 'u1', 'operator', 'now')`,
    ).run();
    migration009OutboxBlobs.up(db);
    const sha = 'a'.repeat(64);
    db.prepare(
      "INSERT INTO outbox_blobs (sha256, size, mime, file_name, created_at) VALUES (?, 10, 'image/jpeg', 'x.jpg', 'now')",
    ).run(sha);
    expect(db.prepare('SELECT uploaded_at, refused_reason FROM outbox_blobs').get()).toEqual({
      uploaded_at: null,
      refused_reason: null,
    });
    expect(() =>
      db
        .prepare(
          "INSERT INTO outbox_blobs (sha256, size, mime, file_name, created_at) VALUES ('short', 1, 'x', 'x', 'now')",
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare("INSERT INTO outbox_blobs (sha256, size, mime, file_name, created_at) VALUES (?, 0, 'x', 'x', 'now')")
        .run('b'.repeat(64)),
    ).toThrow(/CHECK/);
    db.prepare("INSERT INTO provisional_cases (case_id, created_at) VALUES ('k2', 'now')").run();
    expect(db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(1);
  });
});
