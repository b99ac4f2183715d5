import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '.';
import { migration012CameraReports } from './012-camera-reports';

function before012(): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  for (const m of MIGRATIONS.filter((m) => m.version < 12)) m.up(db);
  return db;
}

const insert = (db: BetterSqlite3.Database, lat: number | null, lon: number | null) =>
  db
    .prepare(
      `INSERT INTO camera_reports (camera_id, camera_name, kind, active, at, lat, lon)
       VALUES ('cam-1', 'Cổng chợ', 'offline', 1, '2026-11-27T01:00:00.000Z', ?, ?)`,
    )
    .run(lat, lon);

describe('migration 012', () => {
  it('draws one origin for this database, different from another database’s', () => {
    const a = before012();
    const b = before012();
    migration012CameraReports.up(a);
    migration012CameraReports.up(b);
    const originOf = (db: BetterSqlite3.Database) =>
      db.prepare('SELECT origin FROM camera_report_origin').pluck().all() as string[];
    expect(originOf(a)).toHaveLength(1);
    expect(originOf(a)[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(originOf(a)[0]).not.toBe(originOf(b)[0]);
    expect(() => a.prepare("INSERT INTO camera_report_origin (id, origin) VALUES (2, 'x')").run()).toThrow();
  });

  it('never gives a deleted report’s number again, and refuses half a position or an unknown kind', () => {
    const db = before012();
    migration012CameraReports.up(db);
    insert(db, 10.46, 105.63);
    insert(db, null, null);
    db.prepare('DELETE FROM camera_reports').run();
    expect(Number(insert(db, null, null).lastInsertRowid)).toBe(3);
    expect(() => insert(db, 10.46, null)).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO camera_reports (camera_id, camera_name, kind, active, at) VALUES ('c', 'n', 'input', 1, 'x')`,
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
