import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migration001Initial } from './001-initial';

function migrated(): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  migration001Initial.up(db);
  return db;
}

describe('migration 001', () => {
  it('creates the tables the foundation needs', () => {
    const db = migrated();
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['audit_log', 'sessions', 'settings', 'sites', 'users']));
  });

  it('keeps usernames unique regardless of case', () => {
    const db = migrated();
    const insert = db.prepare(
      "INSERT INTO users (id, username, display_name, password_hash, roles, sites, created_at) VALUES (?, ?, 'x', 'h', '[]', '[]', 'now')",
    );
    insert.run('u1', 'operator');
    expect(() => insert.run('u2', 'OPERATOR')).toThrow(/UNIQUE/);
  });

  it('rejects roles that are not JSON', () => {
    const db = migrated();
    expect(() =>
      db
        .prepare(
          "INSERT INTO users (id, username, display_name, password_hash, roles, sites, created_at) VALUES ('u', 'a', 'x', 'h', 'not json', '[]', 'now')",
        )
        .run(),
    ).toThrow(/CHECK/);
  });

  it('makes the audit log append-only', () => {
    const db = migrated();
    db.prepare("INSERT INTO audit_log (at, action) VALUES ('2026-11-27T00:00:00Z', 'login')").run();
    expect(() => db.prepare("UPDATE audit_log SET action = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it('deletes a user’s sessions with the user', () => {
    const db = migrated();
    db.prepare(
      "INSERT INTO users (id, username, display_name, password_hash, roles, sites, created_at) VALUES ('u', 'a', 'x', 'h', '[]', '[]', 'now')",
    ).run();
    db.prepare("INSERT INTO sessions VALUES ('t', 'u', 'now', 'later', 'now')").run();
    db.prepare("DELETE FROM users WHERE id = 'u'").run();
    expect(db.prepare('SELECT count(*) FROM sessions').pluck().get()).toBe(0);
  });
});
