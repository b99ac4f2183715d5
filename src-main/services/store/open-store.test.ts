import { closeSync, existsSync, openSync, readdirSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../tests/integration/tmp-dir';
import type { Migration } from './migration';
import { MIGRATIONS } from './migrations';
import { openStore } from './open-store';

const temps: { remove: () => void }[] = [];
function tempDb(): string {
  const t = makeTempDir();
  temps.push(t);
  return join(t.dir, 'ioc.sqlite');
}
afterEach(() => temps.splice(0).forEach((t) => t.remove()));

describe('openStore', () => {
  it('creates a WAL database at the latest schema with foreign keys on', async () => {
    const path = tempDb();
    const store = openStore({ path });
    expect(store.schemaVersion).toBe(MIGRATIONS.length);
    expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(store.backupPath).toBeNull();
    await store.dispose();
    expect(store.sqlite.open).toBe(false);
  });

  it('reopens an up-to-date database without a backup', async () => {
    const path = tempDb();
    await openStore({ path }).dispose();
    const again = openStore({ path });
    expect(again.backupPath).toBeNull();
    await again.dispose();
  });

  it('backs up with VACUUM INTO before migrating an existing database, and the backup keeps the data', async () => {
    const path = tempDb();
    const first: Migration = { version: 1, name: 'one', up: (db) => db.exec('CREATE TABLE t (x TEXT) STRICT') };
    const second: Migration = { version: 2, name: 'two', up: (db) => db.exec('ALTER TABLE t ADD COLUMN y TEXT') };
    const s1 = openStore({ path, migrations: [first] });
    s1.sqlite.prepare('INSERT INTO t (x) VALUES (?)').run('giữ lại');
    await s1.dispose();

    const s2 = openStore({ path, migrations: [first, second], now: () => new Date('2026-11-27T01:02:03Z') });
    expect(s2.schemaVersion).toBe(2);
    expect(s2.backupPath).toMatch(/ioc\.sqlite\.v1\.2026-11-27T01-02-03-000Z\.sqlite$/);
    await s2.dispose();
    const backup = new BetterSqlite3(s2.backupPath!, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(1);
    expect(backup.prepare('SELECT x FROM t').all()).toEqual([{ x: 'giữ lại' }]);
    backup.close();
  });

  it('refuses a database from a newer version and leaves it untouched', async () => {
    const path = tempDb();
    const raw = new BetterSqlite3(path);
    raw.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    raw.close();
    expect(() => openStore({ path })).toThrowError(expect.objectContaining({ code: 'newer_schema' }));
    const check = new BetterSqlite3(path, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length + 5);
    expect(check.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type='table'").get()).toEqual({ n: 0 });
    check.close();
  });

  it('refuses a file that is not SQLite with a clear error', () => {
    const path = tempDb();
    writeFileSync(path, 'this is not a database, just text that is long enough to have a header page'.repeat(20));
    expect(() => openStore({ path })).toThrowError(expect.objectContaining({ code: 'not_a_database' }));
  });

  it('refuses a corrupt database found by the integrity check', () => {
    const path = tempDb();
    const raw = new BetterSqlite3(path);
    raw.pragma('journal_mode = DELETE');
    raw.exec('CREATE TABLE t (x INTEGER PRIMARY KEY, y TEXT); CREATE INDEX t_y ON t(y);');
    const insert = raw.prepare('INSERT INTO t (y) VALUES (?)');
    // One transaction: 2,000 separate commits mean 2,000 fsyncs, seconds on a busy disk (timed out once under load).
    raw.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`value ${i}`);
    })();
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    raw.close();
    // Scribble over an interior b-tree page, as a failing disk would.
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, pageSize * 3);
    closeSync(fd);
    expect(() => openStore({ path })).toThrowError(expect.objectContaining({ code: 'corrupt' }));
  });

  it('rolls back a failing migration and says which one failed', async () => {
    const path = tempDb();
    const ok: Migration = { version: 1, name: 'ok', up: (db) => db.exec('CREATE TABLE a (x TEXT)') };
    const bad: Migration = {
      version: 2,
      name: 'bad',
      up: (db) => {
        db.exec('CREATE TABLE b (x TEXT)');
        throw new Error('boom');
      },
    };
    await openStore({ path, migrations: [ok] }).dispose();
    expect(() => openStore({ path, migrations: [ok, bad] })).toThrowError(/Migration 2 \(bad\) failed: boom/);
    const check = new BetterSqlite3(path, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(1);
    expect(check.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toBeUndefined();
    check.close();
    expect(existsSync(join(path, '..', 'backups'))).toBe(true);
    expect(readdirSync(join(path, '..', 'backups'))).toHaveLength(1);
  });

  it('rejects a migration list with gaps', () => {
    const path = tempDb();
    const m: Migration = { version: 2, name: 'gap', up: () => undefined };
    expect(() => openStore({ path, migrations: [m] })).toThrowError(
      expect.objectContaining({ code: 'bad_migrations' }),
    );
  });
});
