import type { Kysely, Transaction } from 'kysely';
import type { ServerDatabase } from '../db/schema';

/**
 * Kysely types of migration 006's table, joined to the server's schema with `withTables` (as alerts/tables.ts
 * does) so this work does not collide with other edits of db/schema.ts.
 */
export interface ReporterRevealsTable {
  id: string;
  case_id: string;
  user_id: string;
  username: string;
  /** The enrolled workstation the reveal was made from. */
  device_id: string;
  at: string;
}

export type CaseExtraTables = { reporter_reveals: ReporterRevealsTable };
export type CasesDatabase = ServerDatabase & CaseExtraTables;

export function withCaseTables(db: Kysely<ServerDatabase>): Kysely<CasesDatabase> {
  return db.withTables<CaseExtraTables>();
}

export function withCaseTablesIn(trx: Transaction<ServerDatabase>): Transaction<CasesDatabase> {
  return trx.withTables<CaseExtraTables>();
}
