// Which cameras' rtsps certificate waits for a technician, one copy for the whole window: the header's notice and
// the Cameras page read the same map, so the core is asked once per change (first reader, reconnect), not once
// per reader (useCertificatesAwaiting.ts reads it).
import type { CoreClient } from '../../bridge';
import { applyCertificate, awaitingFrom, type CertificatesAwaiting } from './certificatePinAwaiting';

export type CertificatesClient = Pick<CoreClient, 'call' | 'connection' | 'onConnection' | 'onEvent'>;

export interface CertificatesAwaitingSource {
  /** The map now; the same object until it changes. */
  current(): CertificatesAwaiting;
  /** The first reader loads the map and follows its changes; once the last one leaves, it is forgotten. */
  subscribe(listener: () => void): () => void;
}

export const NONE_AWAITING: CertificatesAwaiting = new Map();

/**
 * Loaded when the first reader comes, then kept current by `camera.certificate` events, and loaded again when the
 * socket comes back (events missed meanwhile are not replayed). With no reader left (after the current task)
 * nothing is followed and the map is dropped, so the next reader (perhaps another user) loads it afresh.
 */
export function createCertificatesAwaitingSource(client: CertificatesClient): CertificatesAwaitingSource {
  const listeners = new Set<() => void>();
  let awaiting = NONE_AWAITING;
  /** Bumped on every load and on stop: an answer to an older load is dropped. */
  let round = 0;
  let stop: (() => void) | null = null;

  const set = (next: CertificatesAwaiting): void => {
    awaiting = next;
    for (const listener of [...listeners]) listener();
  };

  const load = (): void => {
    const mine = ++round;
    void client.call('cameras.certificatesAwaiting', {}).then((result) => {
      if (mine === round && result.ok) set(awaitingFrom(result.value));
    });
  };

  const start = (): (() => void) => {
    const off = client.onEvent('camera.certificate', (certificate) => set(applyCertificate(awaiting, certificate)));
    let wasConnected = client.connection().state === 'connected';
    const offConnection = client.onConnection((snapshot) => {
      const connected = snapshot.state === 'connected';
      if (connected && !wasConnected) load();
      wasConnected = connected;
    });
    load();
    return () => {
      off();
      offConnection();
      round++;
      awaiting = NONE_AWAITING;
    };
  };

  return {
    current: () => awaiting,
    subscribe(listener) {
      listeners.add(listener);
      stop ??= start();
      return () => {
        if (!listeners.delete(listener) || listeners.size > 0) return;
        // A reader that leaves and comes back at once (React's StrictMode re-running effects) asks nothing again.
        queueMicrotask(() => {
          if (listeners.size > 0) return;
          stop?.();
          stop = null;
        });
      };
    },
  };
}
