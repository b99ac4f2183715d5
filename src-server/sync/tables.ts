import type { Kysely, Transaction } from 'kysely';
import type { ServerDatabase } from '../db/schema';

/**
 * Kysely types of migration 005's tables, joined to the server's schema with `withTables` (as alerts/tables.ts
 * does), so this work does not collide with other edits of db/schema.ts.
 */
export interface WallItemsTable {
  kind: 'layout' | 'tour';
  id: string;
  name: string;
  body: string;
  version: number;
  deleted: number;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
  writer_client: string;
  run_base: number;
  change_seq: number;
}

export interface WorkstationAuditTable {
  origin: string;
  local_seq: number;
  device_id: string;
  at: string;
  user_id: string | null;
  username: string | null;
  action: string;
  subject: string | null;
  detail: string;
  received_at: string;
}

export type SyncExtraTables = {
  wall_items: WallItemsTable;
  workstation_audit: WorkstationAuditTable;
};

export type SyncDb = Kysely<ServerDatabase & SyncExtraTables>;
export type SyncTrx = Transaction<ServerDatabase & SyncExtraTables>;

export function withSyncTables(db: Kysely<ServerDatabase>): SyncDb {
  return db.withTables<SyncExtraTables>();
}

export function syncTrx(trx: Transaction<ServerDatabase>): SyncTrx {
  return trx.withTables<SyncExtraTables>();
}
