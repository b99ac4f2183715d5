import { useCallback, useEffect, useState } from 'react';
import type { CaseDetail } from '../../../src-shared/contract/cases';
import { core, type ClientError } from '../../bridge';

export type CaseDetailState =
  | { status: 'loading' }
  | { status: 'failed'; error: ClientError }
  | { status: 'ready'; detail: CaseDetail };

/** One case with its timeline, reloaded when the core says it changed. */
export function useCaseDetail(id: string): { state: CaseDetailState; reload: () => void } {
  const [state, setState] = useState<CaseDetailState>({ status: 'loading' });
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((n) => n + 1), []);

  useEffect(() => {
    let live = true;
    void core.call('cases.get', { id }).then((r) => {
      if (live) setState(r.ok ? { status: 'ready', detail: r.value } : { status: 'failed', error: r.error });
    });
    return () => {
      live = false;
    };
  }, [id, round]);

  useEffect(
    () =>
      core.onEvent('case.changed', (e) => {
        if (e.all || e.caseIds.includes(id)) reload();
      }),
    [id, reload],
  );

  return { state, reload };
}
