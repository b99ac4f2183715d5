import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../dialect';
import type { ServerMigration } from './migration';

/**
 * The sync engine's tables (issue 5, DESIGN.md §6): enrolled devices, each workstation client's last applied
 * command number, the outcome of every command (so a retry gets the first answer), and the epoch that orders
 * workstations to drop their mirrors. Cases gain the centre's follow-up assignee.
 */
export const migration002Sync: ServerMigration = {
  name: '002-sync',
  up: async (db: Kysely<unknown>, _dialect: DialectName) => {
    await db.schema
      .createTable('sync_meta')
      .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
      .addColumn('epoch', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    const epoch = randomBytes(9).toString('base64url');
    await sql`insert into sync_meta (id, epoch, updated_at) values (1, ${epoch}, ${new Date().toISOString()})`.execute(
      db,
    );

    await db.schema
      .createTable('sync_devices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      // SHA-256 of a 256-bit random secret: nothing to brute-force, and a copied database hands out no device.
      .addColumn('secret_hash', 'text', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('enrolled_at', 'text', (c) => c.notNull())
      .addColumn('enrolled_by', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .addColumn('last_seen_at', 'text')
      .addColumn('client_version', 'text')
      .execute();

    await db.schema
      .createTable('sync_clients')
      .addColumn('client_id', 'text', (c) => c.primaryKey())
      .addColumn('device_id', 'text', (c) => c.notNull().references('sync_devices.id'))
      .addColumn('last_seq', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('sync_applied')
      .addColumn('client_id', 'text', (c) => c.notNull().references('sync_clients.client_id'))
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('actor_username', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('applied', 'rejected')`))
      .addColumn('code', 'text')
      .addColumn('message', 'text')
      .addColumn('case_id', 'text')
      // The cursor at which the command's effects were committed: the workstation keeps its optimistic view
      // until its mirror has passed it.
      .addColumn('change_seq', 'bigint')
      .addColumn('client_created_at', 'text', (c) => c.notNull())
      .addColumn('applied_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('sync_applied_pk', ['client_id', 'seq'])
      .execute();

    await db.schema.alterTable('cases').addColumn('assignee', 'text').execute();
    await db.schema.createIndex('case_events_by_change').on('case_events').columns(['change_seq']).execute();
  },
};
