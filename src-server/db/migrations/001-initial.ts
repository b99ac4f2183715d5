import { type Kysely, sql } from 'kysely';
import { CASE_STATES } from '../../../src-shared/domain/cases/states';
import { columnTypes, type DialectName } from '../dialect';
import type { ServerMigration } from './migration';

const STATE_LIST = sql.join(CASE_STATES.map((s) => sql.lit(s)));

export const migration001Initial: ServerMigration = {
  name: '001-initial',
  up: async (db: Kysely<unknown>, dialect: DialectName) => {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('agencies')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('short_name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('username_key', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('roles', 'text', (c) => c.notNull())
      .addColumn('agency_id', 'text', (c) => c.references('agencies.id'))
      .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('api_keys')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('key_hash', 'text', (c) => c.notNull().unique())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .execute();

    await db.schema
      .createTable('cases')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('service_code', 'text', (c) => c.notNull())
      .addColumn('service_name', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('lat', t.double)
      .addColumn('long', t.double)
      .addColumn('address_string', 'text')
      .addColumn('address_id', 'text')
      .addColumn('zipcode', 'text')
      .addColumn('media_url', 'text')
      .addColumn('attributes', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in (${STATE_LIST})`))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'closed')`))
      .addColumn('status_notes', 'text')
      .addColumn('agency_id', 'text', (c) => c.references('agencies.id'))
      .addColumn('duplicate_of', 'text', (c) => c.references('cases.id'))
      .addColumn('sla_working_days', 'integer', (c) => c.notNull())
      .addColumn('pending_extension_days', 'integer')
      .addColumn('extension_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('public_result', 'text')
      .addColumn('rejection_reason', 'text')
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('due_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('resolved_at', 'text')
      .addColumn('closed_at', 'text')
      .addColumn('api_key_id', 'text', (c) => c.references('api_keys.id'))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('change_seq', 'bigint', (c) => c.notNull())
      .addCheckConstraint('cases_due_after_received', sql`due_at > received_at`)
      .addCheckConstraint('cases_lat_range', sql`lat is null or (lat >= -90 and lat <= 90)`)
      .addCheckConstraint('cases_long_range', sql`long is null or (long >= -180 and long <= 180)`)
      .execute();
    await db.schema.createIndex('cases_by_received').on('cases').columns(['received_at']).execute();
    await db.schema.createIndex('cases_by_status').on('cases').columns(['status', 'received_at']).execute();
    await db.schema.createIndex('cases_by_service').on('cases').columns(['service_code', 'received_at']).execute();
    await db.schema.createIndex('cases_by_change').on('cases').columns(['change_seq']).execute();
    await db.schema.createIndex('cases_by_duplicate').on('cases').columns(['duplicate_of']).execute();

    await db.schema
      .createTable('reporters')
      .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id').onDelete('cascade'))
      .addColumn('first_name', 'text')
      .addColumn('last_name', 'text')
      .addColumn('email', 'text')
      .addColumn('phone', 'text')
      .addColumn('device_id', 'text')
      .addColumn('account_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('case_events')
      .addColumn('id', t.serial, (c) => (t.serialIsAutoIncrement ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('from_state', 'text')
      .addColumn('to_state', 'text', (c) => c.notNull().check(sql`to_state in (${STATE_LIST})`))
      .addColumn('public_note', 'text')
      .addColumn('internal_note', 'text')
      .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('change_seq', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('case_events_by_case').on('case_events').columns(['case_id', 'id']).execute();
    await db.schema.createIndex('case_events_by_time').on('case_events').columns(['at']).execute();

    await db.schema
      .createTable('case_links')
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
      .addColumn('related_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('duplicate_of', 'has_duplicate')`))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('case_links_pk', ['case_id', 'related_id', 'kind'])
      .execute();

    await db.schema
      .createTable('sync_state')
      .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
      .addColumn('last_seq', 'bigint', (c) => c.notNull())
      .execute();
    await sql`insert into sync_state (id, last_seq) values (1, 0)`.execute(db);

    await db.schema
      .createTable('sync_changes')
      .addColumn('seq', 'bigint', (c) => c.primaryKey())
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
  },
};
