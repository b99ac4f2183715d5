import { useCallback, useEffect, useRef, useState } from 'react';
import type { CommandOutput } from '../../../src-shared/contract';
import { core } from '../../bridge';

type Position = CommandOutput<'ptz.status'>;

const WHILE_MOVING_MS = 700;
/** After a stop or a preset, a dome keeps moving a little; read again until it settles. */
const SETTLE_READS_MS = [300, 1000, 2500];

/** The camera's reported position: read on open, every 0.7 s while this panel moves it, and as it settles. */
export function usePtzPosition(cameraId: string, moving: boolean): { position: Position | null; settle: () => void } {
  const [position, setPosition] = useState<Position | null>(null);
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());

  const read = useCallback(async (): Promise<void> => {
    const result = await core.call('ptz.status', { cameraId });
    if (result.ok) setPosition(result.value);
  }, [cameraId]);

  const settle = useCallback((): void => {
    for (const ms of SETTLE_READS_MS) {
      const timer = setTimeout(() => {
        timers.current.delete(timer);
        void read();
      }, ms);
      timers.current.add(timer);
    }
  }, [read]);

  useEffect(() => {
    if (!moving) {
      void read();
      return;
    }
    const interval = setInterval(() => void read(), WHILE_MOVING_MS);
    return () => {
      clearInterval(interval);
      settle();
    };
  }, [moving, read, settle]);

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending) clearTimeout(timer);
      pending.clear();
    };
  }, [cameraId]);

  return { position, settle };
}
