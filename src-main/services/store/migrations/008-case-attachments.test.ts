import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '.';
import { migration008CaseAttachments } from './008-case-attachments';

function before008(): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  for (const m of MIGRATIONS.filter((m) => m.version < 8)) m.up(db);
  return db;
}

const SHA = 'a'.repeat(64);
const THUMB = 'b'.repeat(64);
const insert = `INSERT INTO case_attachments (id, case_id, sha256, thumb_sha256, kind, mime, width, height, duration_ms,
  public, origin, role, created_at, change_seq) VALUES (@id, 'k1', @sha, @thumb, @kind, 'image/jpeg', 640, 480, NULL,
  1, 'citizen', 'citizen', '2026-11-27T01:00:00.000Z', 7)`;

describe('migration 008', () => {
  it('adds the attachments mirror and refuses rows that are not a photo or video with a 64-digit hash', () => {
    const db = before008();
    migration008CaseAttachments.up(db);
    db.prepare(insert).run({ id: 'a1', sha: SHA, thumb: THUMB, kind: 'photo' });
    expect(db.prepare('SELECT id, kind, change_seq FROM case_attachments').all()).toEqual([
      { id: 'a1', kind: 'photo', change_seq: 7 },
    ]);
    expect(() => db.prepare(insert).run({ id: 'a2', sha: SHA, thumb: THUMB, kind: 'audio' })).toThrow(/CHECK/);
    expect(() => db.prepare(insert).run({ id: 'a3', sha: 'abc', thumb: THUMB, kind: 'photo' })).toThrow(/CHECK/);
    expect(() => db.prepare(insert).run({ id: 'a1', sha: SHA, thumb: THUMB, kind: 'video' })).toThrow(/UNIQUE/);
  });

  it('winds the cursor back so attachments of mirrored cases arrive, keeping the cases, epoch and outbox', () => {
    const db = before008();
    db.prepare(
      "INSERT INTO sync_client (id, client_id, next_seq, epoch, cursor_seq, updated_at) VALUES (1, 'c1', 3, 'epoch-0001', 42, 'now')",
    ).run();
    db.prepare(
      `INSERT INTO outbox (client_id, seq, name, args, case_id, actor_user_id, actor_username, created_at)
       VALUES ('c1', 2, 'case.comment', '{"caseId":"k1","text":"x"}', 'k1', 'u1', 'operator', 'now')`,
    ).run();
    db.prepare(
      `INSERT INTO case_mirror (id, code, kind, channel, service_code, service_name, state, status, sla_working_days,
         extension_count, reopen_count, received_at, due_at, updated_at, version, change_seq, search_text)
       VALUES ('k1', 'DT-1', 'citizen_report', 'open311', 'water', 'Cấp nước', 'received', 'open', 3, 0, 0,
         'now', 'later', 'now', 1, 40, 'dt-1 cap nuoc')`,
    ).run();
    migration008CaseAttachments.up(db);
    expect(db.prepare('SELECT epoch, cursor_seq FROM sync_client').get()).toEqual({
      epoch: 'epoch-0001',
      cursor_seq: 0,
    });
    expect(db.prepare('SELECT count(*) FROM case_mirror').pluck().get()).toBe(1);
    expect(db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(1);
  });
});
