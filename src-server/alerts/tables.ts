import type { Generated, Kysely, Transaction } from 'kysely';
import type { ServerDatabase } from '../db/schema';

/**
 * Kysely types of migration 003's tables (alerts, ingest, probes). Kept beside the code that uses them and joined
 * to the server's schema with `withTables`, so this work does not collide with other edits of db/schema.ts.
 * Instants are ISO UTC text, booleans 0/1, JSON is text — as in the rest of the server.
 */
export interface AlertsTable {
  id: string;
  dedupe_key: string;
  /** = dedupe_key while active, null once cleared: its unique index allows one active alert per key. */
  open_key: string | null;
  source: string;
  source_id: string;
  type: string;
  domain: string;
  severity: string;
  state: string;
  acknowledged: number;
  ack_by: string | null;
  ack_at: string | null;
  ack_note: string | null;
  first_seen_at: string;
  last_seen_at: string;
  cleared_at: string | null;
  clear_reason: string | null;
  count: number;
  /** JSON of the observed value (number, text or boolean) and its threshold. */
  value: string | null;
  threshold: string | null;
  unit: string | null;
  title: string;
  /** Migration 011: what the alert is about, by name (a camera's display name); null when the feed names nothing. */
  subject: string | null;
  lon: number | null;
  lat: number | null;
  suppressed: number;
  expires_at: string | null;
  case_id: string | null;
  /** What the last change was (AlertEventKind): the workstation tells a new alert from a repeat by it. */
  last_change: string;
  seq: number;
}

/** The history of every alert: what happened, when, by whom. */
export interface AlertEventsTable {
  id: Generated<number>;
  alert_id: string;
  at: string;
  kind: string;
  actor: string | null;
  note: string | null;
}

/** One row (id = 1): the last alert change cursor handed out (GET /api/alerts?since=). */
export interface AlertCursorTable {
  id: number;
  last_seq: number;
}

export interface MaintenanceWindowsTable {
  id: string;
  label: string;
  /** JSON of the MaintenanceWindow (src-shared/domain/alerts/maintenance.ts). */
  definition: string;
  created_by: string;
  created_at: string;
}

/** The utility asset register: imported from CSV/GeoJSON and kept current by NGSI-LD observations. */
export interface AssetsTable {
  id: string;
  kind: string;
  name: string;
  lon: number | null;
  lat: number | null;
  ward: string | null;
  /** JSON object of register columns. */
  properties: string;
  /** JSON object of the latest observed attribute values (fill level, water level…), or '{}'. */
  observed: string;
  observed_at: string | null;
  import_id: string | null;
  updated_at: string;
}

export interface AssetImportsTable {
  id: string;
  file_name: string;
  /** csv or geojson (CHECK from migration 003); an XLSX register is stored as csv with file_type xlsx. */
  format: string;
  /** Migration 007: csv | geojson | xlsx; null on rows written before it. */
  file_type: string | null;
  status: string;
  total_rows: number;
  processed_rows: number;
  imported_rows: number;
  /** JSON array of {line, code, params, message}: the first 200 bad rows. */
  errors: string;
  /** Migration 009: every bad row and every good row checked; null on imports stored before they were counted. */
  bad_rows: number | null;
  good_rows: number | null;
  started_at: string;
  finished_at: string | null;
  actor: string;
}

export interface ProbeMonitorsTable {
  id: string;
  name: string;
  kind: string;
  /** JSON of the monitor's definition (target, keyword, TLS, interval, downAfter…). */
  definition: string;
  /** SHA-256 of the heartbeat token of a push monitor. */
  heartbeat_hash: string | null;
  status: string;
  status_since: string | null;
  failures: number;
  updated_at: string;
}

export interface ProbeResultsTable {
  id: Generated<number>;
  monitor_id: string;
  at: string;
  status: string;
  response_ms: number | null;
  http_status: number | null;
  cert_expires_at: string | null;
  message: string | null;
}

export interface ProbeIncidentsTable {
  id: string;
  monitor_id: string;
  started_at: string;
  ended_at: string | null;
  cause: string;
}

export type AlertTables = {
  alerts: AlertsTable;
  alert_events: AlertEventsTable;
  alert_cursor: AlertCursorTable;
  maintenance_windows: MaintenanceWindowsTable;
  assets: AssetsTable;
  asset_imports: AssetImportsTable;
  probe_monitors: ProbeMonitorsTable;
  probe_results: ProbeResultsTable;
  probe_incidents: ProbeIncidentsTable;
};

export type AlertsDatabase = ServerDatabase & AlertTables;
export type AlertsDb = Kysely<AlertsDatabase>;
export type AlertsTrx = Transaction<AlertsDatabase>;

export function withAlertTables(db: Kysely<ServerDatabase>): AlertsDb {
  return db.withTables<AlertTables>();
}

/**
 * A transaction over the server's tables and these: `base` for helpers typed on the server's schema (the case
 * cursor), `trx` for everything else — the same connection, the same transaction.
 */
export function inAlertsTransaction<T>(
  db: Kysely<ServerDatabase>,
  run: (trx: AlertsTrx, base: Transaction<ServerDatabase>) => Promise<T>,
): Promise<T> {
  return db.transaction().execute((base) => run(base.withTables<AlertTables>(), base));
}
