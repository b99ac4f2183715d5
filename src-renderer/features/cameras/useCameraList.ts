import { useCallback, useEffect, useState } from 'react';
import type { Camera, CameraEvent } from '../../../src-shared/contract';
import { core, type ClientError } from '../../bridge';

export type CameraListState =
  | { status: 'loading' }
  | { status: 'failed'; error: ClientError }
  | { status: 'ready'; cameras: Camera[]; refreshing: boolean };

export interface CameraList {
  state: CameraListState;
  reload: () => void;
  upsert: (camera: Camera) => void;
  removed: (id: string) => void;
  /** Events that are active right now (motion, tamper…), by camera id. */
  activity: ReadonlyMap<string, CameraEvent>;
}

/**
 * The cameras the core lists, kept current by `camera.status` events and reloaded when the socket comes
 * back (events missed while it was down are not replayed).
 */
export function useCameraList(): CameraList {
  const [state, setState] = useState<CameraListState>({ status: 'loading' });
  const [round, setRound] = useState(0);
  const [activity, setActivity] = useState<ReadonlyMap<string, CameraEvent>>(new Map());
  const reload = useCallback(() => setRound((n) => n + 1), []);

  useEffect(() => {
    let live = true;
    setState((s) => (s.status === 'ready' ? { ...s, refreshing: true } : { status: 'loading' }));
    void core.call('cameras.list', {}).then((result) => {
      if (!live) return;
      setState(
        result.ok
          ? { status: 'ready', cameras: result.value, refreshing: false }
          : { status: 'failed', error: result.error },
      );
    });
    return () => {
      live = false;
    };
  }, [round]);

  useEffect(() => {
    const offStatus = core.onEvent('camera.status', ({ cameraId, status, detail }) => {
      setState((s) =>
        s.status === 'ready'
          ? {
              ...s,
              cameras: s.cameras.map((c) => (c.id === cameraId ? { ...c, status, statusDetail: detail } : c)),
            }
          : s,
      );
    });
    const offEvent = core.onEvent('camera.event', (event) => {
      setActivity((current) => {
        const next = new Map(current);
        if (event.active) next.set(event.cameraId, event);
        else if (next.get(event.cameraId)?.kind === event.kind) next.delete(event.cameraId);
        return next;
      });
    });
    let wasConnected = core.connection().state === 'connected';
    const offConnection = core.onConnection((snapshot) => {
      const connected = snapshot.state === 'connected';
      if (connected && !wasConnected) reload();
      wasConnected = connected;
    });
    return () => {
      offStatus();
      offEvent();
      offConnection();
    };
  }, [reload]);

  const upsert = useCallback((camera: Camera) => {
    setState((s) => {
      if (s.status !== 'ready') return s;
      const exists = s.cameras.some((c) => c.id === camera.id);
      return {
        ...s,
        cameras: exists ? s.cameras.map((c) => (c.id === camera.id ? camera : c)) : [...s.cameras, camera],
      };
    });
  }, []);

  const removed = useCallback((id: string) => {
    setState((s) => (s.status === 'ready' ? { ...s, cameras: s.cameras.filter((c) => c.id !== id) } : s));
  }, []);

  return { state, reload, upsert, removed, activity };
}
