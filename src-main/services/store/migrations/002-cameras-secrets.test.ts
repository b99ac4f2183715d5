import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migration001Initial } from './001-initial';
import { migration002CamerasSecrets } from './002-cameras-secrets';

function migrated(): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  migration001Initial.up(db);
  migration002CamerasSecrets.up(db);
  return db;
}

const insertCamera = (db: BetterSqlite3.Database, id: string, host: string, port: number, secretId: string | null) =>
  db
    .prepare(
      `INSERT INTO cameras (id, name, name_folded, host, port, username, secret_id, added_at, updated_at)
       VALUES (?, 'Cổng chợ', 'cong cho', ?, ?, 'admin', ?, 'now', 'now')`,
    )
    .run(id, host, port, secretId);

describe('migration 002', () => {
  it('creates cameras and secrets', () => {
    const db = migrated();
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['cameras', 'secrets']));
  });

  it('allows one camera per host and port, whatever the case of the host', () => {
    const db = migrated();
    insertCamera(db, 'c1', 'cam.local', 80, null);
    insertCamera(db, 'c2', 'cam.local', 8080, null);
    expect(() => insertCamera(db, 'c3', 'CAM.local', 80, null)).toThrow(/UNIQUE/);
  });

  it('keeps the camera but drops the reference when its secret is deleted', () => {
    const db = migrated();
    db.prepare("INSERT INTO secrets VALUES ('s1', x'00', 'k', 'now', 'now')").run();
    insertCamera(db, 'c1', '127.0.0.1', 80, 's1');
    db.prepare("DELETE FROM secrets WHERE id = 's1'").run();
    expect(db.prepare("SELECT secret_id FROM cameras WHERE id = 'c1'").pluck().get()).toBeNull();
  });

  it('rejects profiles that are not JSON and ports out of range', () => {
    const db = migrated();
    insertCamera(db, 'c1', 'a', 80, null);
    expect(() => db.prepare("UPDATE cameras SET profiles = 'x' WHERE id = 'c1'").run()).toThrow(/CHECK/);
    expect(() => insertCamera(db, 'c2', 'b', 70000, null)).toThrow(/CHECK/);
  });
});
