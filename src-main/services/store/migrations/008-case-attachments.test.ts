import { describe, expect, it } from 'vitest';
import { insertSyncClient, queueComment, storeBefore } from '../../../../tests/integration/store-migration-harness';
import { migration008CaseAttachments } from './008-case-attachments';

const SHA = 'a'.repeat(64);
const THUMB = 'b'.repeat(64);
const insert = `INSERT INTO case_attachments (id, case_id, sha256, thumb_sha256, kind, mime, width, height, duration_ms,
  public, origin, role, created_at, change_seq) VALUES (@id, 'k1', @sha, @thumb, @kind, 'image/jpeg', 640, 480, NULL,
  1, 'citizen', 'citizen', '2026-11-27T01:00:00.000Z', 7)`;

describe('migration 008', () => {
  it('adds the attachments mirror and refuses rows that are not a photo or video with a 64-digit hash', () => {
    const db = storeBefore(8);
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
    const db = storeBefore(8);
    insertSyncClient(db, { nextSeq: 3, epoch: 'epoch-0001', cursorSeq: 42 });
    queueComment(db, 2);
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
