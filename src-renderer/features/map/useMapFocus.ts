import { useMemo, useSyncExternalStore } from 'react';
import { parseMapFocus, type MapFocus } from './mapFocus';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const snapshot = (): string => location.hash;

/** The focus the hash asks the Map page for (`#/map?lat=…`), following hash changes; null for none. */
export function useMapFocus(): MapFocus | null {
  const hash = useSyncExternalStore(subscribe, snapshot);
  return useMemo(() => parseMapFocus(hash), [hash]);
}
