import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '.';
import { migration007CaseSearchIndex } from './007-case-search-index';

function before007(): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  for (const m of MIGRATIONS.filter((m) => m.version < 7)) m.up(db);
  return db;
}

function insertCase(db: BetterSqlite3.Database, id: string, searchText: string): void {
  db.prepare(
    `INSERT INTO case_mirror (id, code, kind, channel, service_code, service_name, state, status, sla_working_days,
       extension_count, reopen_count, received_at, due_at, updated_at, version, change_seq, search_text)
     VALUES (?, ?, 'citizen_report', 'open311', 'waste', 'Rác', 'received', 'open', 5, 0, 0, 'now', 'now', 'now', 1,
       1, ?)`,
  ).run(id, id.toUpperCase(), searchText);
}

const found = (db: BetterSqlite3.Database, word: string) =>
  db
    .prepare(
      `SELECT m.id FROM case_mirror m
       WHERE m.rowid IN (SELECT rowid FROM case_mirror_search WHERE case_mirror_search MATCH ?) ORDER BY m.id`,
    )
    .pluck()
    .all(`"${word}"`);

describe('migration 007', () => {
  it('indexes the cases already mirrored', () => {
    const db = before007();
    insertCase(db, 'k1', 'k1 rac thai 12 nguyen hue, phuong my phu');
    insertCase(db, 'k2', 'k2 den duong 3 le loi, phuong 1');
    migration007CaseSearchIndex.up(db);
    expect(found(db, 'nguyen hue')).toEqual(['k1']);
    expect(found(db, 'duong')).toEqual(['k2']);
    expect(found(db, 'zzz')).toEqual([]);
  });

  it('finds what LIKE finds, quotes and LIKE syntax included', () => {
    const db = before007();
    migration007CaseSearchIndex.up(db);
    const texts = ['dt-00a1 nguyen hue', 'ngap 50% "duong" pham huu lau', 'le_loi 100%', 'ca phe 3/2', 'uyen'];
    texts.forEach((text, i) => insertCase(db, `k${i}`, text));
    const like = db.prepare('SELECT id FROM case_mirror WHERE instr(search_text, ?) > 0 ORDER BY id').pluck();
    for (const word of ['dt-00a1', 'uye', '50%', '"duong"', 'e_l', '3/2', 'nguyen hue', 'hue ', 'xyz']) {
      expect(found(db, word.replace(/"/g, '""')), word).toEqual(like.all(word));
    }
  });

  it('follows inserts, upserts and deletes of the mirror', () => {
    const db = before007();
    migration007CaseSearchIndex.up(db);
    insertCase(db, 'k1', 'k1 rac thai le loi');
    insertCase(db, 'k2', 'k2 rac thai hung vuong');
    expect(found(db, 'rac thai')).toEqual(['k1', 'k2']);
    db.prepare(
      `INSERT INTO case_mirror (id, code, kind, channel, service_code, service_name, state, status, sla_working_days,
         extension_count, reopen_count, received_at, due_at, updated_at, version, change_seq, search_text)
       VALUES ('k1', 'K1', 'citizen_report', 'open311', 'waste', 'Rác', 'received', 'open', 5, 0, 0, 'now', 'now',
         'now', 2, 2, 'k1 cay xanh le loi')
       ON CONFLICT(id) DO UPDATE SET search_text = excluded.search_text`,
    ).run();
    expect(found(db, 'rac thai')).toEqual(['k2']);
    expect(found(db, 'cay xanh')).toEqual(['k1']);
    db.prepare("DELETE FROM case_mirror WHERE id = 'k2'").run();
    expect(found(db, 'rac thai')).toEqual([]);
    expect(() =>
      db.exec("INSERT INTO case_mirror_search (case_mirror_search) VALUES ('integrity-check')"),
    ).not.toThrow();
  });
});
