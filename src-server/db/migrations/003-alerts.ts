import { type Kysely, sql } from 'kysely';
import { columnTypes, type DialectName } from '../dialect';
import type { ServerMigration } from './migration';

/**
 * Alerts, the asset register and uptime probes (issue 6, DESIGN.md §6). Column types live in
 * src-server/alerts/tables.ts. One active alert per dedupe key is enforced by a unique index on `open_key`,
 * which holds the key while the alert is active and NULL after (NULLs never collide, in both dialects).
 */
export const migration003Alerts: ServerMigration = {
  name: '003-alerts',
  up: async (db: Kysely<unknown>, dialect: DialectName) => {
    const t = columnTypes(dialect);
    const serial = (name: string) =>
      db.schema
        .createTable(name)
        .addColumn('id', t.serial, (c) => (t.serialIsAutoIncrement ? c.primaryKey().autoIncrement() : c.primaryKey()));

    await db.schema
      .createTable('alerts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('dedupe_key', 'text', (c) => c.notNull())
      .addColumn('open_key', 'text', (c) => c.unique())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('source_id', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('domain', 'text', (c) => c.notNull())
      .addColumn('severity', 'text', (c) =>
        c.notNull().check(sql`severity in ('critical', 'major', 'minor', 'warning', 'info')`),
      )
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('active', 'cleared')`))
      .addColumn('acknowledged', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('ack_by', 'text')
      .addColumn('ack_at', 'text')
      .addColumn('ack_note', 'text')
      .addColumn('first_seen_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .addColumn('cleared_at', 'text')
      .addColumn('clear_reason', 'text')
      .addColumn('count', 'bigint', (c) => c.notNull())
      .addColumn('value', 'text')
      .addColumn('threshold', 'text')
      .addColumn('unit', 'text')
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('lon', t.double)
      .addColumn('lat', t.double)
      .addColumn('suppressed', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('expires_at', 'text')
      .addColumn('case_id', 'text', (c) => c.references('cases.id'))
      .addColumn('last_change', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addCheckConstraint('alerts_open_key', sql`(state = 'active') = (open_key is not null)`)
      .execute();
    await db.schema.createIndex('alerts_by_seq').on('alerts').columns(['seq']).execute();
    await db.schema.createIndex('alerts_by_key').on('alerts').columns(['dedupe_key', 'first_seen_at']).execute();
    await db.schema.createIndex('alerts_by_state').on('alerts').columns(['state', 'last_seen_at']).execute();
    await db.schema.createIndex('alerts_expiring').on('alerts').columns(['expires_at']).execute();

    await serial('alert_events')
      .addColumn('alert_id', 'text', (c) => c.notNull().references('alerts.id').onDelete('cascade'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('actor', 'text')
      .addColumn('note', 'text')
      .execute();
    await db.schema.createIndex('alert_events_by_alert').on('alert_events').columns(['alert_id', 'id']).execute();

    await db.schema
      .createTable('alert_cursor')
      .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
      .addColumn('last_seq', 'bigint', (c) => c.notNull())
      .execute();
    await sql`insert into alert_cursor (id, last_seq) values (1, 0)`.execute(db);

    await db.schema
      .createTable('maintenance_windows')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('definition', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('asset_imports')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('format', 'text', (c) => c.notNull().check(sql`format in ('csv', 'geojson')`))
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sql`status in ('validating', 'writing', 'imported', 'rejected', 'failed')`),
      )
      .addColumn('total_rows', 'integer', (c) => c.notNull())
      .addColumn('processed_rows', 'integer', (c) => c.notNull())
      .addColumn('imported_rows', 'integer', (c) => c.notNull())
      .addColumn('errors', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .addColumn('actor', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('assets')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('lon', t.double)
      .addColumn('lat', t.double)
      .addColumn('ward', 'text')
      .addColumn('properties', 'text', (c) => c.notNull())
      .addColumn('observed', 'text', (c) => c.notNull())
      .addColumn('observed_at', 'text')
      .addColumn('import_id', 'text', (c) => c.references('asset_imports.id'))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addCheckConstraint('assets_lat_range', sql`lat is null or (lat >= -90 and lat <= 90)`)
      .addCheckConstraint('assets_lon_range', sql`lon is null or (lon >= -180 and lon <= 180)`)
      .execute();
    await db.schema.createIndex('assets_by_kind').on('assets').columns(['kind']).execute();

    await db.schema
      .createTable('probe_monitors')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('http', 'tcp', 'heartbeat')`))
      .addColumn('definition', 'text', (c) => c.notNull())
      .addColumn('heartbeat_hash', 'text', (c) => c.unique())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('status_since', 'text')
      .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await serial('probe_results')
      .addColumn('monitor_id', 'text', (c) => c.notNull().references('probe_monitors.id').onDelete('cascade'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('up', 'down', 'pending', 'maintenance')`))
      .addColumn('response_ms', t.double)
      .addColumn('http_status', 'integer')
      .addColumn('cert_expires_at', 'text')
      .addColumn('message', 'text')
      .execute();
    await db.schema.createIndex('probe_results_by_monitor').on('probe_results').columns(['monitor_id', 'at']).execute();

    await db.schema
      .createTable('probe_incidents')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('monitor_id', 'text', (c) => c.notNull().references('probe_monitors.id').onDelete('cascade'))
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('ended_at', 'text')
      .addColumn('cause', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('probe_incidents_by_monitor')
      .on('probe_incidents')
      .columns(['monitor_id', 'started_at'])
      .execute();
  },
};
