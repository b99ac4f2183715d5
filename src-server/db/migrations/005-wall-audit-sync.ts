import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../dialect';
import type { ServerMigration } from './migration';

/**
 * Issue 5 §7: wall layouts and tours shared between workstations, and the workstations' audit logs. Table types
 * live in src-server/sync/tables.ts.
 */
export const migration005WallAuditSync: ServerMigration = {
  name: '005-wall-audit-sync',
  up: async (db: Kysely<unknown>, _dialect: DialectName) => {
    await db.schema
      .createTable('wall_items')
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('layout', 'tour')`))
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      // JSON: {cols, rows, tiles} of a layout, {layoutId, pinnedTiles, steps} of a tour.
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('version', 'bigint', (c) => c.notNull())
      // Deletes are tombstones, so a workstation that was offline learns of them.
      .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text')
      // The workstation client that wrote the current version, and the version before its run of writes began:
      // an edit based on any version in that run overwrites only that client's own work.
      .addColumn('writer_client', 'text', (c) => c.notNull())
      .addColumn('run_base', 'bigint', (c) => c.notNull())
      .addColumn('change_seq', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('wall_items_pk', ['kind', 'id'])
      .execute();
    await db.schema.createIndex('wall_items_by_change').on('wall_items').columns(['change_seq']).execute();

    await db.schema
      .createTable('workstation_audit')
      // Drawn once per workstation database; with the local number, the row's identity (sent twice, stored once).
      .addColumn('origin', 'text', (c) => c.notNull())
      .addColumn('local_seq', 'bigint', (c) => c.notNull())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text')
      .addColumn('username', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('subject', 'text')
      .addColumn('detail', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('workstation_audit_pk', ['origin', 'local_seq'])
      .execute();
    await db.schema.createIndex('workstation_audit_by_time').on('workstation_audit').columns(['at']).execute();
  },
};
