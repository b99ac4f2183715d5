export type StoreErrorCode = 'not_a_database' | 'corrupt' | 'newer_schema' | 'bad_migrations' | 'migration_failed';

/** Why the local database could not be opened; the message says what the user can do about it. */
export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}
