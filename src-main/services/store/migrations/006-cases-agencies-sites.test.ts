import { describe, expect, it } from 'vitest';
import { insertSyncClient, queueComment, storeBefore } from '../../../../tests/integration/store-migration-harness';
import { migration006CasesAgenciesSites } from './006-cases-agencies-sites';

describe('migration 006', () => {
  it('adds the agency directory, every column required', () => {
    const db = storeBefore(6);
    migration006CasesAgenciesSites.up(db);
    db.prepare(
      `INSERT INTO agency_directory (id, name, short_name, kind, name_folded, fetched_at)
       VALUES ('cap-nuoc', 'Đơn vị cấp nước', 'Cấp nước', 'utility', 'don vi cap nuoc', 'now')`,
    ).run();
    expect(db.prepare('SELECT short_name FROM agency_directory').pluck().all()).toEqual(['Cấp nước']);
    expect(() =>
      db
        .prepare(
          "INSERT INTO agency_directory (id, name, short_name, kind, name_folded, fetched_at) VALUES ('x', NULL, 'x', 'x', 'x', 'x')",
        )
        .run(),
    ).toThrow(/NOT NULL/);
  });

  it('gives mirrored cases a site and pulls the mirror again, keeping the outbox', () => {
    const db = storeBefore(6);
    insertSyncClient(db, { nextSeq: 3, epoch: 'epoch-0001', cursorSeq: 42 });
    queueComment(db, 2);
    migration006CasesAgenciesSites.up(db);
    const columns = db.prepare("SELECT name FROM pragma_table_info('case_mirror')").pluck().all();
    expect(columns).toContain('site_id');
    expect(db.prepare('SELECT epoch, cursor_seq FROM sync_client').get()).toEqual({ epoch: null, cursor_seq: 0 });
    expect(db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(1);
  });
});
