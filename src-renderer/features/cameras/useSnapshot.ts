import { useCallback, useEffect, useState } from 'react';
import type { Snapshot, SnapshotCache } from './snapshots';

export type SnapshotState = { status: 'idle' } | { status: 'loading' } | { status: 'done'; snapshot: Snapshot };

function fromCache(cache: SnapshotCache, cameraId: string): SnapshotState {
  const snapshot = cache.peek(cameraId);
  return snapshot ? { status: 'done', snapshot } : { status: 'idle' };
}

/** The camera's snapshot from the page's cache, fetched when `enabled`; `refresh` takes a new one. */
export function useSnapshot(
  cache: SnapshotCache,
  cameraId: string,
  enabled: boolean,
): { state: SnapshotState; refresh: () => void } {
  const [state, setState] = useState<SnapshotState>(() => fromCache(cache, cameraId));
  const [round, setRound] = useState(0);

  useEffect(() => cache.subscribe(cameraId, (snapshot) => setState({ status: 'done', snapshot })), [cache, cameraId]);

  useEffect(() => {
    if (!enabled) {
      setState(fromCache(cache, cameraId));
      return;
    }
    const fresh = round > 0;
    const cached = fromCache(cache, cameraId);
    setState(cached.status === 'done' && !fresh ? cached : { status: 'loading' });
    // The result arrives through the subscription above.
    void cache.get(cameraId, fresh);
  }, [cache, cameraId, enabled, round]);

  const refresh = useCallback(() => setRound((n) => n + 1), []);
  return { state, refresh };
}
