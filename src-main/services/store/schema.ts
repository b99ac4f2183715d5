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

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  sites: SitesTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  secrets: SecretsTable;
  cameras: CamerasTable;
}
