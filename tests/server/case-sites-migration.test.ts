// Server migration 006 on a database that already holds cases: they gain an empty site, and reveals of their
// reporter can be recorded (tied to the case and to a real user), on SQLite and PostgreSQL.
import { afterEach, expect, it } from 'vitest';
import { withCaseTables } from '../../src-server/cases/tables';
import { migrateToLatest } from '../../src-server/db/migrate';
import { SERVER_MIGRATIONS } from '../../src-server/db/migrations';
import { openDatabase, type ServerDb } from '../../src-server/db/open-database';
import { createDatabase, describeOnEachDatabase, type TestDatabase } from './databases';

const BEFORE_006 = SERVER_MIGRATIONS.filter((m) => m.name < '006');

describeOnEachDatabase('server migration 006: case sites and reporter reveals', (dialect) => {
  const opened: { db: ServerDb; test: TestDatabase }[] = [];
  afterEach(async () => {
    for (const { db, test } of opened.splice(0)) {
      await db.dispose();
      await test.drop();
    }
  });

  it('keeps existing cases (with no site) and records reveals tied to a case and a user', async () => {
    const test = await createDatabase(dialect);
    const target = await openDatabase(test.target);
    opened.push({ db: target, test });
    await migrateToLatest(target, BEFORE_006);
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
      .values({
        id: 'c1',
        code: 'DT-C1',
        kind: 'citizen_report',
        channel: 'open311',
        service_code: 'water',
        service_name: 'Cấp nước sạch',
        description: null,
        lat: 10.46,
        long: 105.63,
        address_string: null,
        address_id: null,
        zipcode: null,
        media_url: null,
        attributes: '{}',
        state: 'received',
        status: 'open',
        status_notes: null,
        agency_id: null,
        duplicate_of: null,
        sla_working_days: 3,
        pending_extension_days: null,
        extension_count: 0,
        reopen_count: 0,
        public_result: null,
        rejection_reason: null,
        received_at: at,
        due_at: '2026-03-05T16:59:59.999Z',
        updated_at: at,
        resolved_at: null,
        closed_at: null,
        api_key_id: null,
        version: 1,
        change_seq: 1,
        assignee: null,
      })
      .execute();

    expect((await migrateToLatest(target)).applied).toEqual(
      SERVER_MIGRATIONS.filter((m) => m.name >= '006').map((m) => m.name),
    );
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
