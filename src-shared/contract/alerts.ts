import { z } from 'zod';
import {
  AssetKindSchema,
  AlertDomainSchema,
  AlertSeveritySchema,
  AlertStateSchema,
  CLEAR_REASONS,
  GeoPointSchema,
  ObservedValueSchema,
} from '../domain/alerts/model';

/**
 * Alerts and the Systems board as the workstation receives them from the central server (DESIGN.md §6). The
 * server's `GET /api/alerts` and `GET /api/systems` replies are parsed with these same schemas.
 */
const Instant = z.string().min(20).max(30);
const Id = z.string().min(1).max(100);

export const ALERT_EVENT_KINDS = [
  'raised',
  'worsened',
  'updated',
  'repeated',
  'cleared',
  'acknowledged',
  'case_opened',
] as const;
export const AlertEventKindSchema = z.enum(ALERT_EVENT_KINDS);
export type AlertEventKind = z.infer<typeof AlertEventKindSchema>;

export const AlertSchema = z.object({
  id: Id,
  dedupeKey: z.string().max(1000),
  source: z.string().max(64),
  /** The entity, monitor or camera the alert is about. */
  sourceId: z.string().max(300),
  type: z.string().max(100),
  domain: AlertDomainSchema,
  severity: AlertSeveritySchema,
  state: AlertStateSchema,
  acknowledged: z.boolean(),
  ackBy: z.string().max(128).nullable(),
  ackAt: Instant.nullable(),
  ackNote: z.string().max(1000).nullable(),
  firstSeenAt: Instant,
  lastSeenAt: Instant,
  clearedAt: Instant.nullable(),
  clearReason: z.enum(CLEAR_REASONS).nullable(),
  count: z.number().int().min(1),
  value: ObservedValueSchema,
  threshold: ObservedValueSchema,
  unit: z.string().max(8).nullable(),
  title: z.string().max(200),
  /** What the alert is about, by name (a camera's display name); null or absent when its feed names nothing. */
  subject: z.string().max(200).nullable().optional(),
  location: GeoPointSchema.nullable(),
  suppressed: z.boolean(),
  caseId: Id.nullable(),
  caseCode: z.string().max(32).nullable(),
  lastChange: AlertEventKindSchema,
  /** The server's change cursor of the alert's last change. */
  seq: z.number().int().min(0),
  /**
   * Workstation only: pending acknowledgement — acknowledged here (ackBy/ackAt/ackNote say by whom) and queued for
   * the central server, which has not confirmed it yet; `acknowledged` stays false until it does. Absent from the
   * server's replies.
   */
  ackPending: z.boolean().optional(),
  /**
   * Workstation only: an acknowledgement queued here that the central server refused (its reason code and words,
   * e.g. `already_acknowledged`, `not_found`); it waits in the conflicts inbox until retried or discarded.
   */
  ackConflict: z
    .object({ conflictId: z.number().int(), code: z.string().max(64), message: z.string().max(2000), at: Instant })
    .optional(),
});
export type Alert = z.infer<typeof AlertSchema>;

export const AlertFilterSchema = z
  .object({
    state: z.enum(['active', 'cleared', 'all']).default('active'),
    domains: z.array(AlertDomainSchema).max(20).optional(),
    minSeverity: AlertSeveritySchema.optional(),
    acknowledged: z.boolean().optional(),
    /** Only alerts seen at or after this instant (the map's time window). */
    since: z.iso.datetime({ offset: true }).optional(),
    limit: z.number().int().min(1).max(5000).default(1000),
  })
  .strict();
export type AlertFilter = z.infer<typeof AlertFilterSchema>;

/** Where the workstation's copy of the server's alerts stands. */
export const AlertLinkSchema = z.object({
  state: z.enum(['connected', 'connecting', 'offline', 'not_configured']),
  lastSyncAt: Instant.nullable(),
  message: z.string().max(500).nullable(),
  /**
   * The list is this workstation's saved copy as of `lastSyncAt`, not confirmed by the server since (offline,
   * or reconnecting after a restart): alerts may have changed meanwhile.
   */
  stale: z.boolean().optional(),
  /** Acknowledgements made here that the central server has not confirmed yet. */
  pendingAcks: z.number().int().min(0).optional(),
});
export type AlertLink = z.infer<typeof AlertLinkSchema>;

// ── utility assets (the map's asset layer) ──────────────────────────────────────────────────────────────────

export const AssetSchema = z.object({
  id: z.string().max(256),
  kind: AssetKindSchema,
  name: z.string().max(200),
  location: GeoPointSchema.nullable(),
  ward: z.string().max(200).nullable(),
  /** The latest observed values (a gauge's currentLevel, a container's fillingLevel…), as the feed sent them. */
  observed: z.record(z.string(), z.union([z.number(), z.string().max(2000), z.boolean(), z.null()])),
  observedAt: Instant.nullable(),
});
export type Asset = z.infer<typeof AssetSchema>;

// ── asset register import (forwarded to the central server's POST /api/assets/import) ──────────────────────

export const ASSET_IMPORT_FORMATS = ['csv', 'xlsx', 'geojson'] as const;
export const AssetImportFormatSchema = z.enum(ASSET_IMPORT_FORMATS);
export type AssetImportFormat = z.infer<typeof AssetImportFormatSchema>;

/**
 * The core's upload route for registers of any size up to MAX_ASSET_UPLOAD_BYTES (the central server's own cap):
 * `POST /api/assets/import?format=&fileName=` with the raw file as the body, answered with the import report.
 * Asked with `Accept: application/x-ndjson`, it answers one JSON line per step of the import
 * (`{progress: AssetImportStep}`) and last the reply itself (`{ok: true, value: report}` or `{ok: false, error}`).
 * The central server's `POST /api/assets/import` streams the same way: `{ok: true, import}` lines, the outcome last.
 */
export const ASSET_IMPORT_PATH = '/api/assets/import';
export const MAX_ASSET_UPLOAD_BYTES = 20 * 1024 * 1024;
export const ASSET_IMPORT_STREAM_TYPE = 'application/x-ndjson';

/** Where a running import is: checking every row, then writing them in one transaction. */
export const AssetImportStepSchema = z.object({
  status: z.enum(['validating', 'writing']),
  processedRows: z.number().int().min(0),
  totalRows: z.number().int().min(0),
  /** Rows found bad and good so far (all of them: the errors list stops at the first 200); absent from older servers. */
  badRows: z.number().int().min(0).optional(),
  goodRows: z.number().int().min(0).optional(),
});
export type AssetImportStep = z.infer<typeof AssetImportStepSchema>;

/** Why a register row (or the whole file) was refused: the workstation words each in the operator's language. */
export const ASSET_ROW_ERROR_CODES = [
  'bad_id',
  'repeated_id',
  'bad_kind',
  'name_required',
  'coords_not_numbers',
  'coords_half',
  'lat_range',
  'lon_range',
  'missing_columns',
  'value_past_header',
  'wrong_width',
  'csv_syntax',
  'empty_file',
  'empty_sheet',
  'not_xlsx',
  'not_json',
  'not_geojson',
  'bad_feature',
  'no_rows',
  'write_failed',
] as const;
export type AssetRowErrorCode = (typeof ASSET_ROW_ERROR_CODES)[number];

export const AssetImportRowErrorSchema = z.object({
  /** CSV: the file's line; XLSX: the sheet's row; GeoJSON: the feature's position; 0: the whole file. */
  line: z.number().int().min(0),
  /** Absent from servers older than the codes: the message is then all there is. */
  code: z.enum(ASSET_ROW_ERROR_CODES).optional(),
  /** Values the worded reason quotes (the id, the column names…). */
  params: z.record(z.string().max(64), z.union([z.string().max(300), z.number()])).optional(),
  /** The reason in English, for logs and API clients. */
  message: z.string().max(2000),
});
export type AssetImportRowError = z.infer<typeof AssetImportRowErrorSchema>;

export const AssetImportProgressSchema = z.object({
  id: Id,
  fileName: z.string().max(200),
  format: AssetImportFormatSchema,
  status: z.enum(['validating', 'writing', 'imported', 'rejected', 'failed']),
  totalRows: z.number().int().min(0),
  processedRows: z.number().int().min(0),
  importedRows: z.number().int().min(0),
  /**
   * Every row found bad, and every row found good (the errors list names at most the first 200 bad rows). Absent
   * from older servers, and from imports they stored.
   */
  badRows: z.number().int().min(0).optional(),
  goodRows: z.number().int().min(0).optional(),
  errors: z.array(AssetImportRowErrorSchema).max(1000),
  startedAt: Instant,
  finishedAt: Instant.nullable(),
});
export type AssetImportProgress = z.infer<typeof AssetImportProgressSchema>;

/** The outcome of one register import: all rows imported, or none and every bad row by line. */
export const AssetImportReportSchema = AssetImportProgressSchema.extend({
  status: z.enum(['imported', 'rejected', 'failed']),
});
export type AssetImportReport = z.infer<typeof AssetImportReportSchema>;

// ── Systems board (uptime probes of the shared government software) ────────────────────────────────────────

export const MONITOR_KINDS = ['http', 'tcp', 'heartbeat'] as const;
/** Uptime Kuma's heartbeat statuses, plus unknown before the first check. */
export const MONITOR_STATUSES = ['up', 'down', 'pending', 'maintenance', 'unknown'] as const;
export const MonitorStatusSchema = z.enum(MONITOR_STATUSES);
export type MonitorStatus = z.infer<typeof MonitorStatusSchema>;

const Percent = z.number().min(0).max(100).nullable();

export const ResponsePointSchema = z.object({
  at: Instant,
  /** null when the check failed before a response. */
  ms: z.number().min(0).nullable(),
  status: MonitorStatusSchema,
});
export type ResponsePoint = z.infer<typeof ResponsePointSchema>;

export const SystemMonitorSchema = z.object({
  id: Id,
  name: z.string().max(200),
  kind: z.enum(MONITOR_KINDS),
  /** What is checked, for people: a URL or host:port, never with credentials. */
  target: z.string().max(500),
  intervalS: z.number().int().min(1),
  status: MonitorStatusSchema,
  /** Since when the status has held. */
  since: Instant.nullable(),
  lastCheckAt: Instant.nullable(),
  lastResponseMs: z.number().min(0).nullable(),
  message: z.string().max(500).nullable(),
  certExpiresAt: Instant.nullable(),
  certDaysLeft: z.number().nullable(),
  /** Uptime % excluding maintenance: last 24 h, last 30 days, and the requested reporting period. */
  uptime: z.object({ day: Percent, month: Percent, period: Percent }),
  /** The last 24 h, averaged into at most 144 points (10-minute buckets at the default interval). */
  responseTimes: z.array(ResponsePointSchema).max(1000),
});
export type SystemMonitor = z.infer<typeof SystemMonitorSchema>;

export const IncidentSchema = z.object({
  id: Id,
  monitorId: Id,
  monitorName: z.string().max(200),
  startedAt: Instant,
  endedAt: Instant.nullable(),
  cause: z.string().max(500),
});
export type Incident = z.infer<typeof IncidentSchema>;

export const SystemsBoardSchema = z.object({
  generatedAt: Instant,
  period: z.object({ from: Instant, to: Instant }),
  monitors: z.array(SystemMonitorSchema).max(500),
  /** Newest first: open ones and those of the last 30 days. */
  incidents: z.array(IncidentSchema).max(200),
});
export type SystemsBoard = z.infer<typeof SystemsBoardSchema>;

// ── the central server's alert API (GET /api/alerts?since=&wait=) ──────────────────────────────────────────

/** Longest the server holds `GET /api/alerts` open while nothing changes. */
export const MAX_ALERT_WAIT_S = 25;
export const MAX_ALERT_PAGE = 2000;

export const AlertPageSchema = z.object({
  ok: z.literal(true),
  /** Pass as `since` next time. */
  cursor: z.number().int().min(0),
  /**
   * The server's data epoch (the sync epoch): cursors count within one. A different epoch than the one a
   * workstation's cursor was read in means the server's data was replaced (restored, reset): read again from 0.
   * Absent from servers older than epochs.
   */
  epoch: z.string().min(1).max(64).optional(),
  upToDate: z.boolean(),
  alerts: z.array(AlertSchema).max(MAX_ALERT_PAGE),
});
export type AlertPageReply = z.infer<typeof AlertPageSchema>;

export const AlertActionReplySchema = z.object({ ok: z.literal(true), alert: AlertSchema });
export const EscalateReplySchema = z.object({
  ok: z.literal(true),
  alert: AlertSchema,
  caseId: z.string(),
  caseCode: z.string(),
});
export const AssetsReplySchema = z.object({ ok: z.literal(true), assets: z.array(AssetSchema).max(100_000) });
export const AssetImportReplySchema = z.object({ ok: z.literal(true), import: AssetImportProgressSchema });
export const SystemsBoardReplySchema = z.object({ ok: z.literal(true), board: SystemsBoardSchema });
export const ServerErrorReplySchema = z.object({
  ok: z.literal(false),
  error: z.object({ code: z.string().max(64), message: z.string().max(2000) }),
});
