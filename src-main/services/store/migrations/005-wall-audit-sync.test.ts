import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './index';

function migrated(): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  for (const m of MIGRATIONS.filter((x) => x.version <= 5)) m.up(db);
  return db;
}

describe('migration 005', () => {
  it('draws one audit origin per database, starting with nothing sent', () => {
    const a = migrated();
    const b = migrated();
    const row = a.prepare('SELECT origin, server_url, pushed_seq FROM audit_push').all();
    expect(row).toEqual([{ origin: expect.stringMatching(/^[a-f0-9]{32}$/), server_url: null, pushed_seq: 0 }]);
    expect(b.prepare('SELECT origin FROM audit_push').pluck().get()).not.toBe(
      a.prepare('SELECT origin FROM audit_push').pluck().get(),
    );
    expect(() => a.prepare("INSERT INTO audit_push (id, origin) VALUES (2, 'x')").run()).toThrow(/CHECK/);
  });

  it('mirrors layouts and tours by kind and id, with a JSON object body', () => {
    const db = migrated();
    const insert = db.prepare(
      `INSERT INTO wall_item_mirror (kind, id, name, body, version, deleted, created_at, updated_at, change_seq)
       VALUES (?, 'l1', 'Cổng chợ', ?, 1, 0, 'a', 'a', 1)`,
    );
    insert.run('layout', '{"cols":1}');
    insert.run('tour', '{}');
    expect(() => insert.run('layout', '{}')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => insert.run('map', '{}')).toThrow(/CHECK/);
    db.prepare("DELETE FROM wall_item_mirror WHERE kind = 'tour'").run();
    expect(() => insert.run('tour', '[1]')).toThrow(/CHECK/);
  });
});
