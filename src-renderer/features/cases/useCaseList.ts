import { useCallback, useEffect, useState } from 'react';
import type { CaseSummary } from '../../../src-shared/contract/cases';
import { core, type ClientError } from '../../bridge';
import type { CaseFilter } from './caseFilter';

const PAGE = 1000;
/** The inbox loads at most this many cases for one query; the count says when there are more. */
export const MAX_LOADED = 20_000;
/** A burst of `case.changed` (a page of sync) reloads the list once per this interval. */
const CHANGE_THROTTLE_MS = 250;

export type CaseListState =
  | { status: 'loading' }
  | { status: 'failed'; error: ClientError }
  | { status: 'ready'; cases: CaseSummary[]; total: number };

/** The core's cases for a query and status, reloaded when cases change or the socket comes back. */
export function useCaseList(query: string, status: CaseFilter['status']): { state: CaseListState; reload: () => void } {
  const [state, setState] = useState<CaseListState>({ status: 'loading' });
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((n) => n + 1), []);

  useEffect(() => {
    let live = true;
    const input = { ...(query.trim() ? { query: query.trim() } : {}), ...(status ? { status } : {}) };
    void (async () => {
      const cases: CaseSummary[] = [];
      let total = 0;
      do {
        const result = await core.call('cases.list', { ...input, limit: PAGE, offset: cases.length });
        if (!live) return;
        if (!result.ok) {
          setState({ status: 'failed', error: result.error });
          return;
        }
        cases.push(...result.value.items);
        total = result.value.total;
        if (result.value.items.length === 0) break;
      } while (cases.length < Math.min(total, MAX_LOADED));
      setState({ status: 'ready', cases, total });
    })();
    return () => {
      live = false;
    };
  }, [query, status, round]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const offChanged = core.onEvent('case.changed', () => {
      // Throttled, not debounced: a steady stream of changes must not postpone the reload forever.
      timer ??= setTimeout(() => {
        timer = undefined;
        reload();
      }, CHANGE_THROTTLE_MS);
    });
    let wasConnected = core.connection().state === 'connected';
    const offConnection = core.onConnection((snapshot) => {
      const connected = snapshot.state === 'connected';
      if (connected && !wasConnected) reload();
      wasConnected = connected;
    });
    return () => {
      clearTimeout(timer);
      offChanged();
      offConnection();
    };
  }, [reload]);

  return { state, reload };
}
