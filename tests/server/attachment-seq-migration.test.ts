// Server migration 008 on a database that already holds attachments: each draws a sync cursor after every change
// already handed out, in the order they were added, so workstations past their cases still receive them.
import { expect, it } from 'vitest';
import { withAttachmentTables } from '../../src-server/attachments/tables';
import { migrateToLatest } from '../../src-server/db/migrate';
import { readPage } from '../../src-server/sync/pull';
import { describeOnEachDatabase } from './databases';
import { caseRow, migrationDatabases, migrationsFrom } from './migration-harness';

const AT = '2026-03-02T03:00:00.000Z';

describeOnEachDatabase('server migration 008: attachments in the sync cursor', (dialect) => {
  const databases = migrationDatabases(dialect);

  it('numbers existing attachments after the last cursor and a pull from there carries them', async () => {
    const target = await databases.before('008');
    await target.db
      .insertInto('cases')
      .values(caseRow('c1', { assignee: null }))
      .execute();
    await target.db.updateTable('sync_state').set({ last_seq: 1 }).where('id', '=', 1).execute();
    await target.db.insertInto('sync_changes').values({ seq: 1, entity: 'case', entity_id: 'c1', at: AT }).execute();
    const db = withAttachmentTables(target.db);
    for (const [i, hex] of ['a', 'b'].entries()) {
      await db
        .insertInto('media')
        .values({
          sha256: hex.repeat(64),
          kind: 'image',
          mime: 'image/jpeg',
          bytes: 100,
          width: 640,
          height: 480,
          duration_ms: null,
          codec: null,
          published_sha256: 'c'.repeat(63) + String(i),
          published_mime: 'image/jpeg',
          thumb_sha256: 'd'.repeat(63) + String(i),
          created_at: AT,
        })
        .execute();
      // Through the table as migration 004 left it (no change_seq yet).
      await target.db
        .withTables<{ attachments: Record<string, unknown> }>()
        .insertInto('attachments')
        .values({
          id: `a${i}`,
          case_id: 'c1',
          media_sha256: hex.repeat(64),
          kind: i === 0 ? 'citizen' : 'result',
          public: 1,
          file_name: null,
          added_by: i === 0 ? 'open311:k1' : 'agency:u1',
          created_at: AT,
        })
        .execute();
    }

    expect((await migrateToLatest(target)).applied).toEqual(migrationsFrom('008'));
    const rows = await db.selectFrom('attachments').select(['id', 'change_seq']).orderBy('seq').execute();
    expect(rows.map((r) => [r.id, Number(r.change_seq)])).toEqual([
      ['a0', 2],
      ['a1', 3],
    ]);
    const state = await target.db.selectFrom('sync_state').select('last_seq').executeTakeFirstOrThrow();
    expect(Number(state.last_seq)).toBe(3);
    const changes = await target.db.selectFrom('sync_changes').select(['seq', 'entity']).orderBy('seq').execute();
    expect(changes.map((c) => [Number(c.seq), c.entity])).toEqual([
      [1, 'case'],
      [2, 'attachment'],
      [3, 'attachment'],
    ]);

    const epoch = (await target.db.selectFrom('sync_meta').select('epoch').executeTakeFirstOrThrow()).epoch;
    const page = await readPage(target.db, dialect, { epoch, since: 1, limit: 100 }, new Date(AT));
    expect(page.cases).toEqual([]);
    expect(page.attachments.map((a) => [a.id, a.origin, a.role, a.sha256])).toEqual([
      ['a0', 'citizen', 'citizen', `${'c'.repeat(63)}0`],
      ['a1', 'agency', 'result', `${'c'.repeat(63)}1`],
    ]);
  });
});
