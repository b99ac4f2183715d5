import { useCallback, useEffect, useState } from 'react';
import type { Display } from '../../../src-shared/contract';
import { shell } from '../../bridge';

/** The workstation's displays as the host shell reports them; null while asking. */
export function useDisplays(): { displays: Display[] | null; reload: () => void } {
  const [displays, setDisplays] = useState<Display[] | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    setDisplays(null);
    void shell.displays().then((list) => {
      if (live) setDisplays(list);
    });
    return () => {
      live = false;
    };
  }, [round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { displays, reload };
}
