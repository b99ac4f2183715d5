import type { Generated } from 'kysely';

/**
 * Kysely table types of the central server. Instants are ISO 8601 UTC strings (`toISOString()`, fixed width, so
 * they sort as text) in both dialects; booleans are 0/1; JSON is text. Each migration that changes a table
 * changes its type here.
 */
export interface AgenciesTable {
  id: string;
  name: string;
  short_name: string;
  kind: string;
  updated_at: string;
}

export interface UsersTable {
  id: string;
  username: string;
  /** Lower-cased username: unique whatever the case, in both dialects. */
  username_key: string;
  display_name: string;
  password_hash: string;
  /** JSON array of role names. */
  roles: string;
  /** For agency staff: the agency they act for. */
  agency_id: string | null;
  disabled: number;
  created_at: string;
}

export interface ApiKeysTable {
  id: string;
  /** SHA-256 of the key: a copied database file does not hand out working keys. */
  key_hash: string;
  label: string;
  created_at: string;
  revoked_at: string | null;
}

export interface CasesTable {
  id: string;
  /** Public tracking code, also the Open311 service_request_id. */
  code: string;
  kind: string;
  channel: string;
  service_code: string;
  service_name: string;
  description: string | null;
  lat: number | null;
  long: number | null;
  address_string: string | null;
  address_id: string | null;
  zipcode: string | null;
  media_url: string | null;
  /** JSON object of Open311 attribute answers, code → string | string[] | number. */
  attributes: string;
  state: string;
  /** Open311 open|closed, kept beside `state` so searches by status use an index. */
  status: string;
  status_notes: string | null;
  agency_id: string | null;
  duplicate_of: string | null;
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
  api_key_id: string | null;
  /** Optimistic concurrency: every write checks and bumps it. */
  version: number;
  /** The sync cursor value of the last change to this row. */
  change_seq: number;
  /** Migration 002: who in the centre follows the case up (a username); last write by server order wins. */
  assignee: string | null;
  /** Migration 006: the centre's site whose operators see the case (resources/server/sites.json); null: all. */
  site_id: string | null;
}

/** Reporter identity: restricted, never in Open311 output, masked for roles without identity.reveal. */
export interface ReportersTable {
  case_id: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  device_id: string | null;
  account_id: string | null;
  created_at: string;
}

export interface CaseEventsTable {
  id: Generated<number>;
  case_id: string;
  at: string;
  actor: string;
  actor_id: string | null;
  action: string;
  from_state: string | null;
  to_state: string;
  public_note: string | null;
  internal_note: string | null;
  /** JSON object. */
  data: string;
  change_seq: number;
}

export interface CaseLinksTable {
  case_id: string;
  related_id: string;
  /** `duplicate_of` on the duplicate, `has_duplicate` on the original. */
  kind: string;
  created_at: string;
}

/** One row (id = 1): the last sync cursor handed out. */
export interface SyncStateTable {
  id: number;
  last_seq: number;
}

/** Every change, in commit order; the downstream sync reads it from a client's cursor. */
export interface SyncChangesTable {
  seq: number;
  entity: string;
  entity_id: string;
  at: string;
}

/** Migration 002, one row: the epoch every sync cursor carries; changing it makes workstations re-sync. */
export interface SyncMetaTable {
  id: number;
  epoch: string;
  updated_at: string;
}

/** Migration 002: enrolled workstations. */
export interface SyncDevicesTable {
  id: string;
  secret_hash: string;
  label: string;
  enrolled_at: string;
  /** `enrol-secret` (demo) or the id of the it_admin who enrolled it. */
  enrolled_by: string;
  revoked_at: string | null;
  last_seen_at: string | null;
  client_version: string | null;
}

/** Migration 002: one outbox per workstation client, and the last command number applied from it. */
export interface SyncClientsTable {
  client_id: string;
  device_id: string;
  last_seq: number;
  created_at: string;
  updated_at: string;
}

/** Migration 002: the outcome of every command, recorded in the transaction that applied it. */
export interface SyncAppliedTable {
  client_id: string;
  seq: number;
  name: string;
  actor_username: string;
  outcome: 'applied' | 'rejected';
  code: string | null;
  message: string | null;
  case_id: string | null;
  change_seq: number | null;
  client_created_at: string;
  applied_at: string;
}

export interface ServerDatabase {
  agencies: AgenciesTable;
  users: UsersTable;
  api_keys: ApiKeysTable;
  cases: CasesTable;
  reporters: ReportersTable;
  case_events: CaseEventsTable;
  case_links: CaseLinksTable;
  sync_state: SyncStateTable;
  sync_changes: SyncChangesTable;
  sync_meta: SyncMetaTable;
  sync_devices: SyncDevicesTable;
  sync_clients: SyncClientsTable;
  sync_applied: SyncAppliedTable;
}
