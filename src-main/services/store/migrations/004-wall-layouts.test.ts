import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migration001Initial } from './001-initial';
import { migration002CamerasSecrets } from './002-cameras-secrets';
import { migration003Sync } from './003-sync';
import { migration004WallLayouts } from './004-wall-layouts';

function migrated(): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  for (const m of [migration001Initial, migration002CamerasSecrets, migration003Sync, migration004WallLayouts])
    m.up(db);
  return db;
}

const insertLayout = (db: BetterSqlite3.Database, id: string, cols: number, tiles: string) =>
  db
    .prepare(
      `INSERT INTO wall_layouts (id, name, name_folded, cols, rows, tiles, version, created_at, updated_at)
       VALUES (?, 'Cổng chợ', 'cong cho', ?, 1, ?, 1, 'now', 'now')`,
    )
    .run(id, cols, tiles);

describe('migration 004', () => {
  it('creates the wall tables', () => {
    const db = migrated();
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['wall_layouts', 'wall_tours', 'wall_displays', 'wall_alarm_links']));
  });

  it('refuses grids outside 1–8 and tiles that are not a JSON array', () => {
    const db = migrated();
    insertLayout(db, 'a', 8, '[]');
    expect(() => insertLayout(db, 'b', 9, '[]')).toThrow(/CHECK/);
    expect(() => insertLayout(db, 'c', 2, '{"x":1}')).toThrow(/CHECK/);
    expect(() => insertLayout(db, 'd', 2, 'not json')).toThrow(/CHECK|malformed/);
  });

  it('keeps a display source whole: both kind and id, or neither', () => {
    const db = migrated();
    const insert = db.prepare(
      `INSERT INTO wall_displays (display_id, source_kind, source_id, alarm_policy, updated_at)
       VALUES (?, ?, ?, '{}', 'now')`,
    );
    insert.run('screen-0', 'layout', 'a');
    insert.run('screen-1', null, null);
    expect(() => insert.run('screen-2', 'layout', null)).toThrow(/CHECK/);
    expect(() => insert.run('screen-3', 'map', 'x')).toThrow(/CHECK/);
  });

  it('does not link a camera to itself', () => {
    const db = migrated();
    const link = db.prepare('INSERT INTO wall_alarm_links (camera_id, linked_camera_id, position) VALUES (?, ?, 0)');
    link.run('c1', 'c2');
    expect(() => link.run('c1', 'c1')).toThrow(/CHECK/);
    expect(() => link.run('c1', 'c2')).toThrow(/UNIQUE|PRIMARY/);
  });
});
