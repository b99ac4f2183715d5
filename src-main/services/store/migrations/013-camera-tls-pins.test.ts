import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '.';
import { migration013CameraTlsPins } from './013-camera-tls-pins';

const FP = Array.from({ length: 32 }, (_, i) => (i * 7).toString(16).toUpperCase().padStart(2, '0')).join(':');

function migrated(): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  for (const m of MIGRATIONS.filter((m) => m.version < 13)) m.up(db);
  migration013CameraTlsPins.up(db);
  db.prepare(
    `INSERT INTO cameras (id, name, name_folded, host, port, username, secret_id, added_at, updated_at)
     VALUES ('c1', 'Cổng chợ', 'cong cho', 'cam.local', 80, 'admin', NULL, 'now', 'now')`,
  ).run();
  return db;
}

describe('migration 013', () => {
  it('keeps one pin per camera, in the AB:CD:… form only, and drops it with the camera', () => {
    const db = migrated();
    db.prepare(`INSERT INTO camera_tls_pins (camera_id, seen_sha256, seen_at) VALUES ('c1', ?, 'now')`).run(FP);
    expect(() =>
      db.prepare(`INSERT INTO camera_tls_pins (camera_id, seen_sha256, seen_at) VALUES ('c1', ?, 'now')`).run(FP),
    ).toThrow(/UNIQUE|PRIMARY/);
    expect(() =>
      db
        .prepare(`UPDATE camera_tls_pins SET pinned_sha256 = ?, pinned_at = 'now' WHERE camera_id = 'c1'`)
        .run(FP.toLowerCase()),
    ).toThrow(/CHECK/);
    expect(() => db.prepare(`UPDATE camera_tls_pins SET pinned_sha256 = ? WHERE camera_id = 'c1'`).run(FP)).toThrow(
      /CHECK/,
    );
    expect(() =>
      db.prepare(`INSERT INTO camera_tls_pins (camera_id, seen_sha256) VALUES ('nobody', ?)`).run(FP),
    ).toThrow(/FOREIGN KEY/);
    db.prepare("DELETE FROM cameras WHERE id = 'c1'").run();
    expect(db.prepare('SELECT count(*) FROM camera_tls_pins').pluck().get()).toBe(0);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
