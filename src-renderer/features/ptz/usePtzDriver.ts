import { useEffect, useState } from 'react';
import { core } from '../../bridge';
import { PtzDriver, type DriverState } from './ptzDriver';
import { STILL } from './velocity';

const IDLE: DriverState = { moving: false, velocity: STILL, error: null };

/**
 * One driver per camera shown, disposed (camera stopped) when the panel goes away. Leaving the window
 * releases every input: a key-up or pointer-up that happens elsewhere never reaches this page.
 */
export function usePtzDriver(cameraId: string): { driver: PtzDriver | null; state: DriverState } {
  const [driver, setDriver] = useState<PtzDriver | null>(null);
  const [state, setState] = useState<DriverState>(IDLE);

  useEffect(() => {
    const created = new PtzDriver({
      move: (v, timeoutMs) => core.call('ptz.move', { cameraId, pan: v.pan, tilt: v.tilt, zoom: v.zoom, timeoutMs }),
      stop: () => core.call('ptz.stop', { cameraId }),
      onState: setState,
    });
    setDriver(created);
    const release = (): void => created.release();
    const onVisibility = (): void => {
      if (document.hidden) created.release();
    };
    window.addEventListener('blur', release);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('blur', release);
      document.removeEventListener('visibilitychange', onVisibility);
      void created.dispose();
      setDriver(null);
      setState(IDLE);
    };
  }, [cameraId]);

  return { driver, state };
}
