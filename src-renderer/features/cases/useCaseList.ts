import { useCallback, useEffect, useState } from 'react';
import type { CaseSummary } from '../../../src-shared/contract/cases';
import { core, type ClientError } from '../../bridge';
import type { ListInput } from './caseFilter';

const PAGE = 1000;
/** The inbox loads at most this many cases for one query; the count says when there are more. */
export const MAX_LOADED = 20_000;
/** A burst of `case.changed` (a page of sync) reloads the list once per this interval. */
const CHANGE_THROTTLE_MS = 250;

export type CaseListState =
  | { status: 'loading' }
  | { status: 'failed'; error: ClientError }
  /** `totalCapped`: the core counted `total` matches and stopped there; there may be more ("≥ total"). */
  | { status: 'ready'; cases: CaseSummary[]; total: number; totalCapped: boolean };

/** The core's cases for the filters, reloaded when cases change or the socket comes back. */
export function useCaseList(input: ListInput): { state: CaseListState; reload: () => void } {
  const [state, setState] = useState<CaseListState>({ status: 'loading' });
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((n) => n + 1), []);

  // The filters by value: a new object with the same filters must not reload.
  const key = JSON.stringify(input);
  useEffect(() => {
    let live = true;
    const filters = JSON.parse(key) as ListInput;
    void (async () => {
      const cases: CaseSummary[] = [];
      let total = 0;
      let totalCapped = false;
      // A full page may have a next one; the (capped) total of the last page read is the one shown.
      for (let full = true; full && cases.length < MAX_LOADED; ) {
        const result = await core.call('cases.list', { ...filters, limit: PAGE, offset: cases.length });
        if (!live) return;
        if (!result.ok) {
          setState({ status: 'failed', error: result.error });
          return;
        }
        cases.push(...result.value.items);
        ({ total, totalCapped } = result.value);
        full = result.value.items.length === PAGE;
      }
      setState({ status: 'ready', cases, total, totalCapped });
    })();
    return () => {
      live = false;
    };
  }, [key, round]);

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
