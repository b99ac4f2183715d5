import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect';

/**
 * A numbered schema step, the same for SQLite and PostgreSQL: portable Kysely schema builder, with the dialect
 * passed in only for the few column types spelled differently (see ../dialect.ts). Names sort in order
 * (`001-…`, `002-…`); a released migration is never edited — a change is a new migration.
 */
export interface ServerMigration {
  readonly name: string;
  up(db: Kysely<unknown>, dialect: DialectName): Promise<void>;
}
