import type { Migration } from '../migration';

/**
 * Camera events and status on their way to the central server, which turns them into alerts (issue 6): a queue
 * numbered by AUTOINCREMENT (a number is never reused, even after the rows before it are sent and deleted) and
 * this database's `origin`, drawn once. The server keeps the highest number it took per origin, so a batch sent
 * again after a lost reply counts once.
 */
export const migration012CameraReports: Migration = {
  version: 12,
  name: 'alerts: queue of camera reports for the central server',
  up(db) {
    db.exec(`
      CREATE TABLE camera_reports (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        camera_id TEXT NOT NULL,
        camera_name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('motion', 'tamper', 'offline')),
        active INTEGER NOT NULL CHECK (active IN (0, 1)),
        at TEXT NOT NULL,
        lat REAL,
        lon REAL,
        CHECK ((lat IS NULL) = (lon IS NULL))
      );
      CREATE TABLE camera_report_origin (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        origin TEXT NOT NULL
      );
      INSERT INTO camera_report_origin (id, origin) VALUES (1, lower(hex(randomblob(16))));
    `);
  },
};
