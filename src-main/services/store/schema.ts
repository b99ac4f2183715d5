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

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  sites: SitesTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
}
