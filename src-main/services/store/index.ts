export { openStore, type Store, type StoreOptions } from './open-store';
export { StoreError, type StoreErrorCode } from './store-error';
export type { Database, UsersTable } from './schema';
export type { Migration } from './migration';
export { MIGRATIONS } from './migrations';
