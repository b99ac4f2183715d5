export { core } from './client';
export { shell } from './shell';
export { useCommand, type CommandState } from './useCommand';
export { OFFLINE_AFTER_ATTEMPTS } from './connection';
export type { CoreClient, SignOutReason } from './core';
export type { AuthUser } from './auth';
export type { ConnectionSnapshot, ConnectionState } from './connection';
export type { ClientError, ClientErrorCode, Result } from './result';
