import { describe, expect, it } from 'vitest';
import { insertSyncClient, queueComment, storeBefore } from '../../../../tests/integration/store-migration-harness';
import { migration009OutboxBlobs } from './009-outbox-blobs';

describe('migration 009', () => {
  it('adds the files to upload and the provisional cases, keeping the outbox', () => {
    const db = storeBefore(9);
    insertSyncClient(db, { nextSeq: 2, epoch: null, cursorSeq: 0 });
    queueComment(db, 1);
    migration009OutboxBlobs.up(db);
    const sha = 'a'.repeat(64);
    db.prepare(
      "INSERT INTO outbox_blobs (sha256, size, mime, file_name, created_at) VALUES (?, 10, 'image/jpeg', 'x.jpg', 'now')",
    ).run(sha);
    expect(db.prepare('SELECT uploaded_at, refused_reason FROM outbox_blobs').get()).toEqual({
      uploaded_at: null,
      refused_reason: null,
    });
    expect(() =>
      db
        .prepare(
          "INSERT INTO outbox_blobs (sha256, size, mime, file_name, created_at) VALUES ('short', 1, 'x', 'x', 'now')",
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare("INSERT INTO outbox_blobs (sha256, size, mime, file_name, created_at) VALUES (?, 0, 'x', 'x', 'now')")
        .run('b'.repeat(64)),
    ).toThrow(/CHECK/);
    db.prepare("INSERT INTO provisional_cases (case_id, created_at) VALUES ('k2', 'now')").run();
    expect(db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(1);
  });
});
