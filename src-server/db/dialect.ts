import { sql, type ColumnDataType, type Expression } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

/** The few column types the two dialects spell differently; everything else is portable Kysely. */
export interface ColumnTypes {
  double: ColumnDataType;
  /** An auto-numbered primary key (INTEGER PRIMARY KEY AUTOINCREMENT / BIGSERIAL). */
  serial: ColumnDataType | Expression<unknown>;
  serialIsAutoIncrement: boolean;
}

export function columnTypes(dialect: DialectName): ColumnTypes {
  return dialect === 'postgres'
    ? { double: 'double precision', serial: sql`bigserial`, serialIsAutoIncrement: false }
    : { double: 'real', serial: 'integer', serialIsAutoIncrement: true };
}
