import { existsSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest, MigrationError } from '../../src-server/db/migrate';
import { SERVER_MIGRATIONS, type ServerMigration } from '../../src-server/db/migrations';
import type { ServerDatabase } from '../../src-server/db/schema';
import { describeOnEachDatabase } from './databases';
import { caseRow, migrationDatabases } from './migration-harness';

const TABLES = [
  'agencies',
  'alert_cursor',
  'alert_events',
  'alerts',
  'api_keys',
  'asset_imports',
  'assets',
  'attachments',
  'camera_report_receipts',
  'case_events',
  'case_links',
  'cases',
  'maintenance_windows',
  'media',
  'probe_incidents',
  'probe_monitors',
  'probe_results',
  'reporter_reveals',
  'reporters',
  'sync_applied',
  'sync_changes',
  'sync_clients',
  'sync_devices',
  'sync_meta',
  'sync_state',
  'uploads',
  'users',
  'wall_items',
  'workstation_audit',
];

describeOnEachDatabase('server migrations', (dialect) => {
  const { fresh } = migrationDatabases(dialect);

  it('creates every table on an empty database, then has nothing left to do', async () => {
    const target = await fresh();
    expect(await migrateToLatest(target)).toEqual({ applied: SERVER_MIGRATIONS.map((m) => m.name), backupPath: null });
    const tables = (await target.db.introspection.getTables()).map((t) => t.name).sort();
    expect(tables).toEqual(TABLES);
    expect(await migrateToLatest(target)).toEqual({ applied: [], backupPath: null });
  });

  it('refuses a database written by a newer server and leaves it untouched', async () => {
    const target = await fresh();
    await migrateToLatest(target);
    await sql`insert into kysely_migration (name, timestamp) values ('999-future', '2030-01-01T00:00:00.000Z')`.execute(
      target.db,
    );
    const error = await migrateToLatest(target).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect(error).toMatchObject({ code: 'newer_schema', message: expect.stringMatching(/999-future/) });
  });

  it('rolls a failing migration back and says which one failed', async () => {
    const target = await fresh();
    await migrateToLatest(target);
    const bad: ServerMigration = {
      name: '999-bad',
      up: async (db) => {
        await db.schema.createTable('half_done').addColumn('x', 'text').execute();
        throw new Error('boom');
      },
    };
    const error = await migrateToLatest(target, [...SERVER_MIGRATIONS, bad]).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'migration_failed', message: expect.stringMatching(/999-bad.*boom/) });
    const tables = (await target.db.introspection.getTables()).map((t) => t.name);
    expect(tables).not.toContain('half_done');
    expect(await migrateToLatest(target)).toEqual({ applied: [], backupPath: null });
  });

  if (dialect === 'sqlite') {
    it('backs a SQLite file up before migrating it, and the backup keeps the old schema', async () => {
      const target = await fresh();
      await migrateToLatest(target);
      const next: ServerMigration = {
        name: '999-extra',
        up: async (db) => void (await db.schema.createTable('extra').addColumn('x', 'text').execute()),
      };
      const outcome = await migrateToLatest(
        target,
        [...SERVER_MIGRATIONS, next],
        () => new Date('2026-11-27T01:02:03Z'),
      );
      expect(outcome.applied).toEqual(['999-extra']);
      expect(outcome.backupPath).toMatch(
        new RegExp(`central\\.sqlite\\.v${SERVER_MIGRATIONS.length}\\.2026-11-27T01-02-03-000Z\\.sqlite$`),
      );
      expect(existsSync(outcome.backupPath!)).toBe(true);
      const backup = new BetterSqlite3(outcome.backupPath!, { readonly: true });
      expect(backup.prepare('select name from kysely_migration order by name').pluck().all()).toEqual(
        SERVER_MIGRATIONS.map((m) => m.name),
      );
      backup.close();
    });
  }

  describe('001-initial', () => {
    /** Case 'a' received from a citizen: the first event of its timeline. */
    const RECEIVED = {
      case_id: 'a',
      at: 'now',
      actor: 'citizen',
      actor_id: null,
      action: 'receive',
      from_state: null,
      to_state: 'received',
      public_note: null,
      internal_note: null,
      data: '{}',
      change_seq: 1,
    };
    async function migrated(): Promise<Kysely<ServerDatabase>> {
      const target = await fresh();
      await migrateToLatest(target);
      return target.db;
    }

    it('starts the sync cursor at 0 and allows only one cursor row', async () => {
      const db = await migrated();
      expect(await db.selectFrom('sync_state').selectAll().execute()).toEqual([{ id: 1, last_seq: 0 }]);
      await expect(db.insertInto('sync_state').values({ id: 2, last_seq: 0 }).execute()).rejects.toThrow();
    });

    it('accepts a valid case and refuses unknown states, due dates before receipt, and impossible coordinates', async () => {
      const db = await migrated();
      await db.insertInto('cases').values(caseRow('a')).execute();
      const refused: Record<string, unknown>[] = [
        { state: 'teleported' },
        { status: 'pending' },
        { due_at: '2026-03-01T00:00:00.000Z' },
        { lat: 91 },
        { long: -180.5 },
        { code: 'DT-a' },
        { agency_id: 'no-such-agency' },
      ];
      for (const [i, overrides] of refused.entries()) {
        await expect(
          db
            .insertInto('cases')
            .values(caseRow(`bad${i}`, overrides))
            .execute(),
          JSON.stringify(overrides),
        ).rejects.toThrow();
      }
      expect(await db.selectFrom('cases').select('id').execute()).toEqual([{ id: 'a' }]);
    });

    it('keeps usernames unique whatever the case, and deletes a case’s reporter and events with it', async () => {
      const db = await migrated();
      const user = {
        display_name: 'x',
        password_hash: 'h',
        roles: '[]',
        agency_id: null,
        disabled: 0,
        created_at: 'now',
      };
      await db
        .insertInto('users')
        .values({ id: 'u1', username: 'Operator', username_key: 'operator', ...user })
        .execute();
      await expect(
        db
          .insertInto('users')
          .values({ id: 'u2', username: 'OPERATOR', username_key: 'operator', ...user })
          .execute(),
      ).rejects.toThrow();

      await db.insertInto('cases').values(caseRow('a')).execute();
      await db
        .insertInto('reporters')
        .values({
          case_id: 'a',
          first_name: 'Lan',
          last_name: null,
          email: null,
          phone: '0912',
          device_id: null,
          account_id: null,
          created_at: 'now',
        })
        .execute();
      await db.insertInto('case_events').values(RECEIVED).execute();
      await expect(
        db
          .insertInto('case_events')
          .values({ ...RECEIVED, actor: 'x', action: 'x', to_state: 'nowhere' })
          .execute(),
      ).rejects.toThrow();
      await db.deleteFrom('cases').where('id', '=', 'a').execute();
      expect(await db.selectFrom('reporters').selectAll().execute()).toEqual([]);
      expect(await db.selectFrom('case_events').selectAll().execute()).toEqual([]);
    });

    it('numbers timeline events in insertion order', async () => {
      const db = await migrated();
      await db.insertInto('cases').values(caseRow('a')).execute();
      const ids = [];
      for (let i = 0; i < 3; i++)
        ids.push((await db.insertInto('case_events').values(RECEIVED).returning('id').executeTakeFirstOrThrow()).id);
      expect(ids.map(Number)).toEqual([ids[0], ids[0]! + 1, ids[0]! + 2].map(Number));
      expect(typeof ids[0]).toBe('number');
    });
  });
});
