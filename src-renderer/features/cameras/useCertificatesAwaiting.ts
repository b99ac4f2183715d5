// Which cameras' rtsps certificate waits for a technician, from the window's one copy (certificatesAwaitingSource.ts):
// the header's notice and the Cameras page together ask the core once, not once each.
import { useSyncExternalStore } from 'react';
import { core } from '../../bridge';
import type { CertificatesAwaiting } from './certificatePinAwaiting';
import { createCertificatesAwaitingSource, NONE_AWAITING } from './certificatesAwaitingSource';

const source = createCertificatesAwaitingSource(core);
const nothing = (): CertificatesAwaiting => NONE_AWAITING;
const noSubscription = (): (() => void) => () => undefined;

/** `enabled` false (no cameras.read): nothing is asked and the map stays empty. */
export function useCertificatesAwaiting(enabled = true): CertificatesAwaiting {
  return useSyncExternalStore(enabled ? source.subscribe : noSubscription, enabled ? source.current : nothing);
}
