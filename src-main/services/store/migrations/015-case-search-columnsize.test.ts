import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '.';
import { migration015CaseSearchColumnsize } from './015-case-search-columnsize';

function before015(): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  for (const m of MIGRATIONS.filter((m) => m.version < 15)) m.up(db);
  return db;
}

function upsertCase(db: BetterSqlite3.Database, id: string, searchText: string): void {
  db.prepare(
    `INSERT INTO case_mirror (id, code, kind, channel, service_code, service_name, state, status, sla_working_days,
       extension_count, reopen_count, received_at, due_at, updated_at, version, change_seq, search_text)
     VALUES (?, ?, 'citizen_report', 'open311', 'waste', 'Rác', 'received', 'open', 5, 0, 0, 'now', 'now', 'now', 1,
       1, ?)
     ON CONFLICT(id) DO UPDATE SET search_text = excluded.search_text`,
  ).run(id, id.toUpperCase(), searchText);
}

const found = (db: BetterSqlite3.Database, word: string) =>
  db
    .prepare(
      `SELECT m.id FROM case_mirror m
       WHERE m.rowid IN (SELECT rowid FROM case_mirror_search WHERE case_mirror_search MATCH ?) ORDER BY m.id`,
    )
    .pluck()
    .all(word);

const triggers = (db: BetterSqlite3.Database) =>
  db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'case_mirror' ORDER BY name`)
    .pluck()
    .all();

const integrityCheck = (db: BetterSqlite3.Database) =>
  db.exec(`INSERT INTO case_mirror_search (case_mirror_search, rank) VALUES ('integrity-check', 1)`);

describe('migration 015', () => {
  it('keeps no per-case column sizes', () => {
    const db = before015();
    expect(
      db.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'case_mirror_search_docsize'`).pluck().get(),
    ).toBe(1);
    migration015CaseSearchColumnsize.up(db);
    expect(
      db.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'case_mirror_search_docsize'`).pluck().get(),
    ).toBe(0);
  });

  it('re-indexes the cases already mirrored and follows the mirror as before', () => {
    const db = before015();
    upsertCase(db, 'k1', 'k1 rac thai 12 nguyen hue, phuong my phu');
    upsertCase(db, 'k2', 'k2 den duong 3 le loi, phuong 1');
    const before = triggers(db);
    migration015CaseSearchColumnsize.up(db);
    expect(triggers(db)).toEqual(before);
    expect(found(db, '"nguyen hue"')).toEqual(['k1']);
    expect(found(db, '"phuong" AND "duong"')).toEqual(['k2']);
    upsertCase(db, 'k3', 'k3 cay xanh hung vuong');
    upsertCase(db, 'k1', 'k1 cong thoat nuoc le loi');
    db.prepare(`DELETE FROM case_mirror WHERE id = 'k2'`).run();
    expect(found(db, '"nguyen hue"')).toEqual([]);
    expect(found(db, '"le loi"')).toEqual(['k1']);
    expect(found(db, '"cay xanh"')).toEqual(['k3']);
    expect(() => integrityCheck(db)).not.toThrow();
  });

  it('leaves a search catch-up cut short (triggers dropped) to the rebuild that ends it', () => {
    const db = before015();
    upsertCase(db, 'k1', 'k1 rac thai nguyen hue');
    for (const name of triggers(db)) db.exec(`DROP TRIGGER ${name}`);
    upsertCase(db, 'k2', 'k2 rac thai le loi');
    migration015CaseSearchColumnsize.up(db);
    expect(triggers(db)).toEqual([]);
    expect(found(db, '"rac thai"')).toEqual([]);
    db.exec(`INSERT INTO case_mirror_search (case_mirror_search) VALUES ('rebuild')`);
    expect(found(db, '"rac thai"')).toEqual(['k1', 'k2']);
    expect(() => integrityCheck(db)).not.toThrow();
  });
});
