export {
  createSyncService,
  type DeviceAccess,
  type SyncService,
  type SyncServiceOptions,
  type SyncLogger,
} from './service';
export { syncHandlers, type SyncCallContext } from './handlers';
export { createHttpTransport, type HttpTransportOptions } from './http-transport';
export type { SyncTransport, DeviceCredentials, PullQuery } from './transport';
export type { CredentialStore } from './credentials';
export { SyncFailure, type SyncFailureKind } from './failure';
export type { NewCommand, OutboxEntry } from './outbox';
export type { StagedBlob } from './blob-upload';
