import type { Generated } from 'kysely';

/** Kysely table types of the workstation cache. Each migration that changes a table changes its type here. */
export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  /** JSON array of role names. */
  roles: string;
  /** JSON array of site ids, or ["*"]. */
  sites: string;
  default_site_id: string | null;
  disabled: number;
  created_at: string;
}

export interface SessionsTable {
  /** SHA-256 of the bearer token: a stolen database file cannot be replayed as a login. */
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface SitesTable {
  id: string;
  name: string;
  name_folded: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  user_id: string | null;
  action: string;
  subject: string | null;
  /** JSON object with details; never credentials. */
  detail: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

/** Migration 002. AES-256-GCM values; the key lives outside the database. */
export interface SecretsTable {
  id: string;
  ciphertext: Buffer;
  /** Fingerprint of the key that encrypted the value: a changed key is reported, not mis-decrypted. */
  key_id: string;
  created_at: string;
  updated_at: string;
}

/** Migration 002. The password is never here: `secret_id` points into `secrets`. */
export interface CamerasTable {
  id: string;
  name: string;
  name_folded: string;
  site_id: string | null;
  host: string;
  port: number;
  device_path: string;
  username: string;
  secret_id: string | null;
  auth_mode: 'both' | 'digest';
  manufacturer: string;
  model: string;
  firmware: string;
  serial: string;
  status: string;
  status_detail: string | null;
  clock_offset_ms: number | null;
  ptz: number;
  ptz_profile_token: string | null;
  events: number;
  /** JSON array of StreamProfile. */
  profiles: string;
  /** JSON object: ONVIF service name → address (rewritten to the reached host). */
  services: string;
  lat: number | null;
  lon: number | null;
  heading_deg: number | null;
  fov_deg: number | null;
  added_at: string;
  updated_at: string;
  last_seen_at: string | null;
}

/** Migration 003, one row: this workstation's sync client and where its mirror stands. */
export interface SyncClientTable {
  id: number;
  client_id: string;
  next_seq: number;
  server_url: string | null;
  device_id: string | null;
  epoch: string | null;
  cursor_seq: number;
  last_sync_at: string | null;
  updated_at: string;
}

/** Migration 003: read-only copy of the server's cases (reporter masked). */
export interface CaseMirrorTable {
  id: string;
  code: string;
  kind: string;
  channel: string;
  service_code: string;
  service_name: string;
  description: string | null;
  lat: number | null;
  long: number | null;
  address_string: string | null;
  state: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  agency_id: string | null;
  duplicate_of: string | null;
  assignee: string | null;
  sla_working_days: number;
  pending_extension_days: number | null;
  extension_count: number;
  reopen_count: number;
  public_result: string | null;
  rejection_reason: string | null;
  received_at: string;
  due_at: string;
  updated_at: string;
  resolved_at: string | null;
  closed_at: string | null;
  /** JSON MaskedReporter or null. */
  reporter: string | null;
  version: number;
  change_seq: number;
  search_text: string;
  /** Migration 006: the centre's site whose operators see the case; null: every site's. */
  site_id: string | null;
}

/** Migration 003: read-only copy of the server's case timelines. */
export interface CaseEventMirrorTable {
  id: number;
  case_id: string;
  at: string;
  actor: string;
  actor_name: string | null;
  action: string;
  from_state: string | null;
  to_state: string;
  public_note: string | null;
  internal_note: string | null;
  /** JSON object. */
  data: string;
  change_seq: number;
}

/** Migration 003: how a case looks with this workstation's unanswered commands applied. */
export interface CaseOverlayTable {
  case_id: string;
  state: string;
  status: 'open' | 'closed';
  assignee: string | null;
  agency_id: string | null;
  due_at: string;
  pending: number;
  updated_at: string;
}

/** Migration 003: named commands waiting for (or answered by) the server. */
export interface OutboxTable {
  id: Generated<number>;
  client_id: string;
  seq: number;
  name: string;
  /** JSON. */
  args: string;
  case_id: string | null;
  actor_user_id: string;
  actor_username: string;
  created_at: string;
  state: 'pending' | 'applied' | 'rejected';
  attempts: number;
  last_attempt_at: string | null;
  last_error: string | null;
  server_change_seq: number | null;
  done_at: string | null;
}

/** Migration 003: commands the server rejected, until someone discards or retries them. */
export interface SyncConflictsTable {
  id: Generated<number>;
  outbox_id: number;
  code: string;
  message: string;
  rejected_at: string;
  resolution: 'discarded' | 'retried' | null;
  resolved_at: string | null;
  resolved_by: string | null;
  retry_outbox_id: number | null;
}

/** Migration 004. `tiles` is a JSON array of {x, y, w, h, cameraId}; rows are tombstoned, never deleted. */
export interface WallLayoutsTable {
  id: string;
  name: string;
  name_folded: string;
  cols: number;
  rows: number;
  tiles: string;
  version: number;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
  deleted: Generated<number>;
}

/** Migration 004. `pinned_tiles` and `steps` are JSON arrays (contract/layouts.ts). */
export interface WallToursTable {
  id: string;
  name: string;
  name_folded: string;
  layout_id: string | null;
  pinned_tiles: string;
  steps: string;
  version: number;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
  deleted: Generated<number>;
}

/** Migration 004. One row per display: its layout or tour, and its alarm pop-up policy (JSON). */
export interface WallDisplaysTable {
  display_id: string;
  source_kind: 'layout' | 'tour' | null;
  source_id: string | null;
  tour_running: Generated<number>;
  tour_started_at: string | null;
  tour_held_step: number | null;
  alarm_policy: string;
  version: Generated<number>;
  updated_at: string;
  updated_by: string | null;
}

/** Migration 004. Cameras shown together with `camera_id` when it raises an alarm. */
export interface WallAlarmLinksTable {
  camera_id: string;
  linked_camera_id: string;
  position: number;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  sites: SitesTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  secrets: SecretsTable;
  cameras: CamerasTable;
  sync_client: SyncClientTable;
  case_mirror: CaseMirrorTable;
  case_event_mirror: CaseEventMirrorTable;
  case_overlay: CaseOverlayTable;
  outbox: OutboxTable;
  sync_conflicts: SyncConflictsTable;
  wall_layouts: WallLayoutsTable;
  wall_tours: WallToursTable;
  wall_displays: WallDisplaysTable;
  wall_alarm_links: WallAlarmLinksTable;
}
