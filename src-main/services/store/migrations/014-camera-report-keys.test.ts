import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '.';
import { migration014CameraReportKeys } from './014-camera-report-keys';

describe('migration 014', () => {
  it('keeps queued reports (without a key) and takes the camera’s identity on new ones', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    for (const m of MIGRATIONS.filter((m) => m.version < 14)) m.up(db);
    db.prepare(
      `INSERT INTO camera_reports (camera_id, camera_name, kind, active, at) VALUES ('cam-1', 'Cổng chợ', 'offline', 1, 'x')`,
    ).run();
    migration014CameraReportKeys.up(db);
    db.prepare(
      `INSERT INTO camera_reports (camera_id, camera_name, kind, active, at, camera_key)
       VALUES ('cam-1', 'Cổng chợ', 'motion', 1, 'y', 'onvif:hikvision/ds-2cd2143g0-i/dt-cam-01')`,
    ).run();
    expect(db.prepare('SELECT seq, camera_key FROM camera_reports ORDER BY seq').all()).toEqual([
      { seq: 1, camera_key: null },
      { seq: 2, camera_key: 'onvif:hikvision/ds-2cd2143g0-i/dt-cam-01' },
    ]);
    expect(() =>
      db
        .prepare(
          `INSERT INTO camera_reports (camera_id, camera_name, kind, active, at, camera_key) VALUES ('c', 'n', 'motion', 1, 'z', '')`,
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
