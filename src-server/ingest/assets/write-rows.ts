import type { AlertsTrx } from '../../alerts/tables';
import type { AssetRow } from './register';

/** Bound parameters per row of the upsert below (every column of `assets`). */
const PARAMETERS_PER_ROW = 11;

/**
 * Rows per INSERT statement. A statement binds at most 65,535 parameters on PostgreSQL and 32,766 on the SQLite
 * better-sqlite3 builds; 22,000 parameters stay under both with room to spare.
 */
export const MAX_ROWS_PER_INSERT = Math.floor(22_000 / PARAMETERS_PER_ROW);

/**
 * Upserts register rows in one multi-row statement, inside the caller's transaction (an import is written whole or
 * not at all). A known asset keeps its live readings (observed, observed_at): only the register's columns move.
 */
export async function upsertRegisterRows(
  trx: AlertsTrx,
  rows: readonly AssetRow[],
  importId: string,
  at: string,
): Promise<void> {
  if (rows.length === 0) return;
  if (rows.length > MAX_ROWS_PER_INSERT) throw new RangeError(`at most ${MAX_ROWS_PER_INSERT} rows per insert`);
  await trx
    .insertInto('assets')
    .values(
      rows.map((row) => ({
        id: row.id,
        kind: row.kind,
        name: row.name,
        lon: row.lon,
        lat: row.lat,
        ward: row.ward,
        properties: JSON.stringify(row.properties),
        observed: '{}',
        observed_at: null,
        import_id: importId,
        updated_at: at,
      })),
    )
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        kind: eb.ref('excluded.kind'),
        name: eb.ref('excluded.name'),
        lon: eb.ref('excluded.lon'),
        lat: eb.ref('excluded.lat'),
        ward: eb.ref('excluded.ward'),
        properties: eb.ref('excluded.properties'),
        import_id: eb.ref('excluded.import_id'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}
