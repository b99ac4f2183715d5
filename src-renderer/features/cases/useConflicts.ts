import { useCallback, useEffect, useState } from 'react';
import type { Conflict } from '../../../src-shared/contract/cases';
import { core, type ClientError } from '../../bridge';

export type ConflictsState =
  | { status: 'loading' }
  | { status: 'failed'; error: ClientError }
  | { status: 'ready'; conflicts: Conflict[] };

/** The conflicts inbox; reloaded when the number of conflicts the sync status reports changes. */
export function useConflicts(count: number | undefined): { state: ConflictsState; reload: () => void } {
  const [state, setState] = useState<ConflictsState>({ status: 'loading' });
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  useEffect(() => {
    let live = true;
    void core.call('sync.conflicts', { includeResolved: false }).then((r) => {
      if (live) setState(r.ok ? { status: 'ready', conflicts: r.value } : { status: 'failed', error: r.error });
    });
    return () => {
      live = false;
    };
  }, [count, round]);
  return { state, reload };
}
