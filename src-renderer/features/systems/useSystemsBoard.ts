import { useCallback, useEffect, useState } from 'react';
import type { SystemsBoard } from '../../../src-shared/contract/alerts';
import { core, type ClientError } from '../../bridge';

export type BoardState =
  | { status: 'loading' }
  | { status: 'failed'; error: ClientError }
  | { status: 'ready'; board: SystemsBoard };

const REFRESH_MS = 15_000;

/**
 * The Systems board, fetched again every 15 s and at once when a government-system alert changes (a system
 * going down raises one as soon as the probe decides), so the board follows the checks closely.
 */
export function useSystemsBoard(range: { from: string; to?: string }): { state: BoardState; reload: () => void } {
  const [state, setState] = useState<BoardState>({ status: 'loading' });
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((n) => n + 1), []);

  useEffect(() => {
    let live = true;
    void core.call('systems.board', { from: range.from }).then((r) => {
      if (!live) return;
      setState(r.ok ? { status: 'ready', board: r.value } : { status: 'failed', error: r.error });
    });
    return () => {
      live = false;
    };
  }, [range.from, round]);

  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    const off = core.onEvent('alert.changed', ({ alert }) => {
      if (alert.domain === 'gov_systems') reload();
    });
    return () => {
      clearInterval(timer);
      off();
    };
  }, [reload]);

  return { state, reload };
}
