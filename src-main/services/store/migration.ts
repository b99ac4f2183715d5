import type BetterSqlite3 from 'better-sqlite3';

/**
 * A numbered schema step. Versions are consecutive from 1; a migration is never edited once released —
 * a change is a new migration. `up` runs inside a transaction together with the user_version bump.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: BetterSqlite3.Database): void;
}
