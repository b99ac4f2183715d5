import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { migrateToLatest } from '../../src-server/db/migrate';
import { SERVER_MIGRATIONS } from '../../src-server/db/migrations';
import { openDatabase, type ServerDb } from '../../src-server/db/open-database';
import { withAlertTables } from '../../src-server/alerts/tables';
import { createDatabase, describeOnEachDatabase, type TestDatabase } from '../server/databases';

const TABLES = [
  'alerts',
  'alert_events',
  'alert_cursor',
  'maintenance_windows',
  'assets',
  'asset_imports',
  'probe_monitors',
  'probe_results',
  'probe_incidents',
];

function alertRow(id: string, state: 'active' | 'cleared', key = 'ngsi-ld|flood.level|urn:x') {
  return {
    id,
    dedupe_key: key,
    open_key: state === 'active' ? key : null,
    source: 'ngsi-ld',
    source_id: 'urn:x',
    type: 'flood.level',
    domain: 'drainage',
    severity: 'major',
    state,
    acknowledged: 0,
    ack_by: null,
    ack_at: null,
    ack_note: null,
    first_seen_at: '2026-06-01T00:00:00.000Z',
    last_seen_at: '2026-06-01T00:00:00.000Z',
    cleared_at: null,
    clear_reason: null,
    count: 1,
    value: '1.6',
    threshold: '1.5',
    unit: 'MTR',
    title: 't',
    lon: 105.6,
    lat: 10.4,
    suppressed: 0,
    expires_at: null,
    case_id: null,
    last_change: 'raised',
    seq: 1,
  };
}

describeOnEachDatabase('migration 003-alerts', (dialect) => {
  const opened: { db: ServerDb; test: TestDatabase }[] = [];
  afterEach(async () => {
    for (const { db, test } of opened.splice(0)) {
      await db.dispose();
      await test.drop();
    }
  });
  async function migrated(upTo = SERVER_MIGRATIONS.length): Promise<ServerDb> {
    const test = await createDatabase(dialect);
    const db = await openDatabase(test.target);
    opened.push({ db, test });
    await migrateToLatest(db, SERVER_MIGRATIONS.slice(0, upTo));
    return db;
  }

  it('applies on top of the earlier migrations and creates its tables, with the cursor at 0', async () => {
    const index = SERVER_MIGRATIONS.findIndex((m) => m.name === '003-alerts');
    expect(index).toBeGreaterThan(0);
    const db = await migrated(index);
    expect((await migrateToLatest(db)).applied).toContain('003-alerts');
    const tables = new Set((await db.db.introspection.getTables()).map((t) => t.name));
    for (const t of TABLES) expect(tables.has(t), t).toBe(true);
    const cursor = await withAlertTables(db.db).selectFrom('alert_cursor').selectAll().execute();
    expect(cursor).toEqual([{ id: 1, last_seq: 0 }]);
  });

  it('allows one active alert per dedupe key, any number of cleared ones, and ties open_key to the state', async () => {
    const db = withAlertTables((await migrated()).db);
    await db.insertInto('alerts').values(alertRow('a1', 'active')).execute();
    await expect(db.insertInto('alerts').values(alertRow('a2', 'active')).execute()).rejects.toThrow();
    await db.insertInto('alerts').values(alertRow('a3', 'cleared')).execute();
    await db.insertInto('alerts').values(alertRow('a4', 'cleared')).execute();
    await expect(
      db
        .insertInto('alerts')
        .values({ ...alertRow('a5', 'cleared'), open_key: 'k' })
        .execute(),
    ).rejects.toThrow();
    await expect(
      db
        .insertInto('alerts')
        .values({ ...alertRow('a6', 'active'), severity: 'apocalyptic' })
        .execute(),
    ).rejects.toThrow();
    const n = await sql<{ n: number }>`select count(*) as n from alerts`.execute(db);
    expect(Number(n.rows[0]!.n)).toBe(3);
  });
});
