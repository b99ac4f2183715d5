import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '.';
import { migration006CasesAgenciesSites } from './006-cases-agencies-sites';

function before006(): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  for (const m of MIGRATIONS.filter((m) => m.version < 6)) m.up(db);
  return db;
}

describe('migration 006', () => {
  it('adds the agency directory, every column required', () => {
    const db = before006();
    migration006CasesAgenciesSites.up(db);
    db.prepare(
      `INSERT INTO agency_directory (id, name, short_name, kind, name_folded, fetched_at)
       VALUES ('cap-nuoc', 'Đơn vị cấp nước', 'Cấp nước', 'utility', 'don vi cap nuoc', 'now')`,
    ).run();
    expect(db.prepare('SELECT short_name FROM agency_directory').pluck().all()).toEqual(['Cấp nước']);
    expect(() =>
      db
        .prepare(
          "INSERT INTO agency_directory (id, name, short_name, kind, name_folded, fetched_at) VALUES ('x', NULL, 'x', 'x', 'x', 'x')",
        )
        .run(),
    ).toThrow(/NOT NULL/);
  });

  it('gives mirrored cases a site and pulls the mirror again, keeping the outbox', () => {
    const db = before006();
    db.prepare(
      "INSERT INTO sync_client (id, client_id, next_seq, epoch, cursor_seq, updated_at) VALUES (1, 'c1', 3, 'epoch-0001', 42, 'now')",
    ).run();
    db.prepare(
      `INSERT INTO outbox (client_id, seq, name, args, case_id, actor_user_id, actor_username, created_at)
       VALUES ('c1', 2, 'case.comment', '{"caseId":"k1","text":"x"}', 'k1', 'u1', 'operator', 'now')`,
    ).run();
    migration006CasesAgenciesSites.up(db);
    const columns = db.prepare("SELECT name FROM pragma_table_info('case_mirror')").pluck().all();
    expect(columns).toContain('site_id');
    expect(db.prepare('SELECT epoch, cursor_seq FROM sync_client').get()).toEqual({ epoch: null, cursor_seq: 0 });
    expect(db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(1);
  });
});
