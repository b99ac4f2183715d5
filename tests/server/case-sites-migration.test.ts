// Server migration 006 on a database that already holds cases: they gain an empty site, and reveals of their
// reporter can be recorded (tied to the case and to a real user), on SQLite and PostgreSQL.
import { expect, it } from 'vitest';
import { withCaseTables } from '../../src-server/cases/tables';
import { migrateToLatest } from '../../src-server/db/migrate';
import { describeOnEachDatabase } from './databases';
import { caseRow, migrationDatabases, migrationsFrom } from './migration-harness';

describeOnEachDatabase('server migration 006: case sites and reporter reveals', (dialect) => {
  const databases = migrationDatabases(dialect);

  it('keeps existing cases (with no site) and records reveals tied to a case and a user', async () => {
    const target = await databases.before('006');
    const at = '2026-03-02T03:00:00.000Z';
    await target.db
      .insertInto('users')
      .values({
        id: 'u1',
        username: 'police',
        username_key: 'police',
        display_name: 'Trần Thị Bình',
        password_hash: 'x',
        roles: '["police"]',
        agency_id: null,
        disabled: 0,
        created_at: at,
      })
      .execute();
    await target.db
      .insertInto('cases')
      .values(caseRow('c1', { assignee: null }))
      .execute();

    expect((await migrateToLatest(target)).applied).toEqual(migrationsFrom('006'));
    const row = await target.db.selectFrom('cases').select(['id', 'site_id']).executeTakeFirstOrThrow();
    expect(row).toEqual({ id: 'c1', site_id: null });
    await target.db.updateTable('cases').set({ site_id: 'sa-dec' }).where('id', '=', 'c1').execute();

    const db = withCaseTables(target.db);
    const reveal = { case_id: 'c1', user_id: 'u1', username: 'police', device_id: 'dev-12345678', at };
    await db
      .insertInto('reporter_reveals')
      .values({ id: 'r1', ...reveal })
      .execute();
    await expect(
      db
        .insertInto('reporter_reveals')
        .values({ id: 'r2', ...reveal, case_id: 'no-such-case' })
        .execute(),
    ).rejects.toThrow();
    await expect(
      db
        .insertInto('reporter_reveals')
        .values({ id: 'r3', ...reveal, user_id: 'no-such-user' })
        .execute(),
    ).rejects.toThrow();
    expect(await db.selectFrom('reporter_reveals').select('id').execute()).toEqual([{ id: 'r1' }]);
  });
});
