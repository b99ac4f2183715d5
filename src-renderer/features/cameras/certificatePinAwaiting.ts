// Which cameras' rtsps certificate waits for a technician (`pending`) or changed, kept by camera id
// (certificatesAwaitingSource.ts keeps one copy per window current; useCertificatesAwaiting.ts reads it).
import type { CameraCertificate } from '../../../src-shared/contract';

export type AwaitingState = 'pending' | 'changed';
export type CertificatesAwaiting = ReadonlyMap<string, AwaitingState>;

const awaits = (state: CameraCertificate['state']): state is AwaitingState =>
  state === 'pending' || state === 'changed';

/** The map after one certificate's news: kept while it waits, dropped once trusted (or gone). */
export function applyCertificate(current: CertificatesAwaiting, certificate: CameraCertificate): CertificatesAwaiting {
  const next = new Map(current);
  if (awaits(certificate.state)) next.set(certificate.cameraId, certificate.state);
  else next.delete(certificate.cameraId);
  return next;
}

export function awaitingFrom(list: readonly CameraCertificate[]): CertificatesAwaiting {
  return list.reduce<CertificatesAwaiting>(applyCertificate, new Map());
}
