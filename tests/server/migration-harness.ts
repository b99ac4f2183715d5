// What the server migration tests share: databases opened per test (dropped after it), one migrated only up to a
// given migration, and a case row as every migration since 001 accepts it.
import { afterEach } from 'vitest';
import { migrateToLatest } from '../../src-server/db/migrate';
import { SERVER_MIGRATIONS } from '../../src-server/db/migrations';
import { openDatabase, type ServerDb } from '../../src-server/db/open-database';
import { createDatabase, type DialectUnderTest, type TestDatabase } from './databases';

/** Call inside a describe: each database it opens is disposed and dropped after the test. */
export function migrationDatabases(dialect: DialectUnderTest): {
  fresh(): Promise<ServerDb>;
  /** A database migrated up to, not including, the migration whose name starts with `prefix` (e.g. '008'). */
  before(prefix: string): Promise<ServerDb>;
} {
  const opened: { db: ServerDb; test: TestDatabase }[] = [];
  afterEach(async () => {
    for (const { db, test } of opened.splice(0)) {
      await db.dispose();
      await test.drop();
    }
  });
  const fresh = async (): Promise<ServerDb> => {
    const test = await createDatabase(dialect);
    const db = await openDatabase(test.target);
    opened.push({ db, test });
    return db;
  };
  const before = async (prefix: string): Promise<ServerDb> => {
    const db = await fresh();
    await migrateToLatest(
      db,
      SERVER_MIGRATIONS.filter((m) => m.name < prefix),
    );
    return db;
  };
  return { fresh, before };
}

/** Names of the migrations from `prefix` on, as migrateToLatest reports them applied. */
export function migrationsFrom(prefix: string): string[] {
  return SERVER_MIGRATIONS.filter((m) => m.name >= prefix).map((m) => m.name);
}

/** A citizen's report with only the columns migration 001 made (later ones are nullable or defaulted). */
export function caseRow(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    code: `DT-${id}`,
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
    received_at: '2026-03-02T03:00:00.000Z',
    due_at: '2026-03-05T16:59:59.999Z',
    updated_at: '2026-03-02T03:00:00.000Z',
    resolved_at: null,
    closed_at: null,
    api_key_id: null,
    version: 1,
    change_seq: 1,
    ...overrides,
  };
}
