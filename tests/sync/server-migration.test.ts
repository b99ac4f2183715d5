import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { migrateToLatest } from '../../src-server/db/migrate';
import { openDatabase, type ServerDb } from '../../src-server/db/open-database';
import { withSyncTables } from '../../src-server/sync/tables';
import { createDatabase, describeOnEachDatabase, type TestDatabase } from '../server/databases';

describeOnEachDatabase('server migration 002-sync', (dialect) => {
  const opened: { db: ServerDb; test: TestDatabase }[] = [];
  async function migrated(): Promise<ServerDb> {
    const test = await createDatabase(dialect);
    const db = await openDatabase(test.target);
    opened.push({ db, test });
    await migrateToLatest(db);
    return db;
  }
  afterEach(async () => {
    for (const { db, test } of opened.splice(0)) {
      await db.dispose();
      await test.drop();
    }
  });

  it('draws an epoch once, in a table that holds one row', async () => {
    const { db } = await migrated();
    const rows = await db.selectFrom('sync_meta').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.epoch).toMatch(/^[A-Za-z0-9_-]{12}$/);
    await expect(
      db.insertInto('sync_meta').values({ id: 2, epoch: 'x', updated_at: 'now' }).execute(),
    ).rejects.toThrow();
    const other = await migrated();
    expect((await other.db.selectFrom('sync_meta').select('epoch').executeTakeFirstOrThrow()).epoch).not.toBe(
      rows[0]!.epoch,
    );
  });

  it('records one outcome per client and number, and ties each client to an enrolled device', async () => {
    const { db } = await migrated();
    await expect(
      db
        .insertInto('sync_clients')
        .values({ client_id: 'c1', device_id: 'nope', last_seq: 0, created_at: 'a', updated_at: 'a' })
        .execute(),
    ).rejects.toThrow();
    await db
      .insertInto('sync_devices')
      .values({ id: 'd1', secret_hash: 'h', label: 'Bàn 1', enrolled_at: 'a', enrolled_by: 'enrol-secret' })
      .execute();
    await db
      .insertInto('sync_clients')
      .values({ client_id: 'c1', device_id: 'd1', last_seq: 0, created_at: 'a', updated_at: 'a' })
      .execute();
    const outcome = {
      client_id: 'c1',
      seq: 1,
      name: 'case.comment',
      actor_username: 'operator',
      outcome: 'applied' as const,
      client_created_at: 'a',
      applied_at: 'b',
    };
    await db.insertInto('sync_applied').values(outcome).execute();
    await expect(db.insertInto('sync_applied').values(outcome).execute()).rejects.toThrow();
    await expect(
      db
        .insertInto('sync_applied')
        .values({ ...outcome, seq: 2, outcome: 'maybe' as 'applied' })
        .execute(),
    ).rejects.toThrow();
  });

  it('gives cases a nullable assignee and indexes timeline events by cursor', async () => {
    const { db, dialect: d } = await migrated();
    const tables = await db.introspection.getTables();
    const cases = tables.find((t) => t.name === 'cases')!;
    expect(cases.columns.find((c) => c.name === 'assignee')).toMatchObject({ isNullable: true });
    const indexes =
      d === 'postgres'
        ? await sql<{ name: string }>`select indexname as name from pg_indexes where tablename = 'case_events'`.execute(
            db,
          )
        : await sql<{
            name: string;
          }>`select name from sqlite_master where type = 'index' and tbl_name = 'case_events'`.execute(db);
    expect(indexes.rows.map((r) => r.name)).toContain('case_events_by_change');
  });

  it('keys shared layouts by kind and id, and stores each workstation audit row once', async () => {
    const { db: base } = await migrated();
    const db = withSyncTables(base);
    const item = {
      kind: 'layout' as const,
      id: 'l1',
      name: 'Cổng chợ',
      body: '{}',
      version: 1,
      deleted: 0,
      created_at: 'a',
      updated_at: 'a',
      updated_by: 'operator',
      writer_client: 'c1',
      run_base: 0,
      change_seq: 1,
    };
    await db.insertInto('wall_items').values(item).execute();
    await db
      .insertInto('wall_items')
      .values({ ...item, kind: 'tour' })
      .execute();
    await expect(db.insertInto('wall_items').values(item).execute()).rejects.toThrow();
    await expect(
      db
        .insertInto('wall_items')
        .values({ ...item, id: 'l2', kind: 'map' as 'layout' })
        .execute(),
    ).rejects.toThrow();
    const row = {
      origin: 'o1',
      local_seq: 7,
      device_id: 'd1',
      at: 'a',
      user_id: null,
      username: null,
      action: 'camera.view',
      subject: 'cam-1',
      detail: '{}',
      received_at: 'b',
    };
    await db.insertInto('workstation_audit').values(row).execute();
    await expect(db.insertInto('workstation_audit').values(row).execute()).rejects.toThrow();
    await db
      .insertInto('workstation_audit')
      .values({ ...row, origin: 'o2' })
      .execute();
  });
});
