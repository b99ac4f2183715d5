import { useCallback, useSyncExternalStore } from 'react';
import { camerasHash, certificatesFilterOf, type CertificatesFilter } from './cameraFilter';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const snapshot = (): string => location.hash;

/**
 * The Cameras page's certificate filter, kept in the hash (`#/cameras?certificates=awaiting`, where the header's
 * notice links): following hash changes, and set by writing the hash (Back returns to the filtered list).
 */
export function useCertificatesFilter(): [CertificatesFilter, (next: CertificatesFilter) => void] {
  const filter = certificatesFilterOf(useSyncExternalStore(subscribe, snapshot));
  const set = useCallback((next: CertificatesFilter) => {
    const hash = camerasHash(next);
    if (location.hash !== hash) location.hash = hash;
  }, []);
  return [filter, set];
}
