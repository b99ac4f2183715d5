/** What the header shows about the socket to the core. */
export type ConnectionState = 'offline' | 'reconnecting' | 'connected';

export interface ConnectionSnapshot {
  state: ConnectionState;
  /** Consecutive failed attempts since the last good connection; 0 while the first attempt runs. */
  attempt: number;
  /** Epoch ms of the next attempt while waiting in backoff, else null. */
  nextRetryAt: number | null;
  /** The browser itself reports no network. */
  browserOffline: boolean;
  /** Core version from the socket's hello. */
  serverVersion: string | null;
}

export const DISCONNECTED: ConnectionSnapshot = {
  state: 'offline',
  attempt: 0,
  nextRetryAt: null,
  browserOffline: false,
  serverVersion: null,
};

/** After this many failed attempts in a row the status says "offline" (retries go on, capped by backoff). */
export const OFFLINE_AFTER_ATTEMPTS = 4;
