export { openStore, type Store, type StoreOptions } from './open-store';
export { writeTransaction } from './write-transaction';
export { StoreError, type StoreErrorCode } from './store-error';
export type { CaseEventMirrorTable, CaseMirrorTable, Database, UsersTable } from './schema';
export type { Migration } from './migration';
export { MIGRATIONS } from './migrations';
