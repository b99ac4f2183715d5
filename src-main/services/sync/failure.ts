/**
 * Why a sync step failed, as the loop needs to know it: `offline` and `timeout` mean the server is unreachable
 * (retry with backoff, commands keep queueing); `bad_reply` a reply that is not the protocol (retry, nothing
 * applied); the others are the server's explicit answers.
 */
export type SyncFailureKind =
  | 'offline'
  | 'timeout'
  | 'server_error'
  | 'bad_reply'
  | 'invalid'
  | 'unauthorized'
  | 'revoked'
  | 'forbidden'
  | 'upgrade_required'
  | 'resync_required'
  | 'enrolment_closed'
  | 'aborted';

export class SyncFailure extends Error {
  constructor(
    readonly kind: SyncFailureKind,
    message: string,
    readonly detail: { status?: number; minVersion?: string; epoch?: string } = {},
  ) {
    super(message);
    this.name = 'SyncFailure';
  }
}

/** Failures that say nothing about the data: the server is away or answered garbage. */
export function isTransient(kind: SyncFailureKind): boolean {
  return kind === 'offline' || kind === 'timeout' || kind === 'server_error' || kind === 'bad_reply';
}
