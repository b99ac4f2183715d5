import { useEffect, useState } from 'react';
import type { SyncStatus } from '../../../src-shared/contract/cases';
import { core } from '../../bridge';

/** The sync engine's status: asked once, then kept current by the `sync.status` event. Null until known. */
export function useSyncStatus(): SyncStatus | null {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEffect(() => {
    let live = true;
    const ask = (): void => {
      void core.call('sync.status', {}).then((r) => {
        if (live && r.ok) setStatus(r.value);
      });
    };
    ask();
    const offStatus = core.onEvent('sync.status', (s) => setStatus(s));
    const offConnection = core.onConnection((snapshot) => {
      if (snapshot.state === 'connected') ask();
    });
    return () => {
      live = false;
      offStatus();
      offConnection();
    };
  }, []);
  return status;
}
