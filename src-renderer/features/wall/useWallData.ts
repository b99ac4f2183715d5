import { useCallback, useEffect, useState } from 'react';
import type { Camera } from '../../../src-shared/contract';
import type { Layout, Tour, WallDisplay } from '../../../src-shared/contract/layouts';
import { core, type ClientError, type Result } from '../../bridge';

export type Loaded<T> =
  | { status: 'loading' }
  | { status: 'failed'; error: ClientError }
  | { status: 'ready'; value: T };

type FollowEvent = 'layout.changed' | 'wall.changed' | 'camera.status';

/**
 * Loads with `load` now, again when one of `events` arrives and when the socket comes back (events missed
 * while it was down are not replayed). A failed reload keeps what was shown: a wall keeps playing.
 */
function useFollowed<T>(
  load: () => Promise<Result<T>>,
  events: readonly FollowEvent[],
): { state: Loaded<T>; reload: () => void } {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  useEffect(() => {
    let live = true;
    void load().then((result) => {
      if (!live) return;
      if (result.ok) setState({ status: 'ready', value: result.value });
      else setState((current) => (current.status === 'ready' ? current : { status: 'failed', error: result.error }));
    });
    return () => {
      live = false;
    };
  }, [round, load]);
  useEffect(() => {
    const offs = events.map((name) => core.onEvent(name, reload));
    let wasConnected = core.connection().state === 'connected';
    offs.push(
      core.onConnection((snapshot) => {
        const connected = snapshot.state === 'connected';
        if (connected && !wasConnected) reload();
        wasConnected = connected;
      }),
    );
    return () => offs.forEach((off) => off());
  }, [reload, events]);
  return { state, reload };
}

const LAYOUT_EVENTS: readonly FollowEvent[] = ['layout.changed'];
const CAMERA_EVENTS: readonly FollowEvent[] = ['camera.status'];
const WALL_EVENTS: readonly FollowEvent[] = ['wall.changed'];

const loadLayouts = () => core.call('layouts.list', {});
const loadTours = () => core.call('tours.list', {});
const loadCameras = () => core.call('cameras.list', {});

export function useLayouts(): { state: Loaded<Layout[]>; reload: () => void } {
  return useFollowed(loadLayouts, LAYOUT_EVENTS);
}

export function useTours(): { state: Loaded<Tour[]>; reload: () => void } {
  return useFollowed(loadTours, LAYOUT_EVENTS);
}

export function useCameras(): { state: Loaded<Camera[]>; reload: () => void } {
  return useFollowed(loadCameras, CAMERA_EVENTS);
}

/** Every display's wall setting and what its windows report, polled (reports are not pushed). */
export function useWalls(pollMs = 3_000): { state: Loaded<WallDisplay[]>; reload: () => void } {
  const followed = useFollowed(
    useCallback(() => core.call('walls.list', {}), []),
    WALL_EVENTS,
  );
  const { reload } = followed;
  useEffect(() => {
    const timer = setInterval(reload, pollMs);
    return () => clearInterval(timer);
  }, [reload, pollMs]);
  return followed;
}

/** A safety net under the events: a wall window re-reads its setting this often anyway. */
const DISPLAY_REFRESH_MS = 30_000;

/**
 * One display's setting, followed live: `wall.changed` for this display replaces it at once, and it is read
 * again on reconnect and every half minute. A read that was overtaken by an event is discarded.
 */
export function useWallDisplay(displayId: string): Loaded<WallDisplay> {
  const [state, setState] = useState<Loaded<WallDisplay>>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    let events = 0;
    setState({ status: 'loading' });
    const read = () => {
      const before = events;
      void core.call('walls.get', { displayId }).then((result) => {
        if (!live || events !== before) return;
        if (result.ok) setState({ status: 'ready', value: result.value });
        else setState((current) => (current.status === 'ready' ? current : { status: 'failed', error: result.error }));
      });
    };
    read();
    const offEvent = core.onEvent('wall.changed', (display) => {
      if (display.displayId !== displayId) return;
      events++;
      setState({ status: 'ready', value: display });
    });
    let wasConnected = core.connection().state === 'connected';
    const offConnection = core.onConnection((snapshot) => {
      const connected = snapshot.state === 'connected';
      if (connected && !wasConnected) read();
      wasConnected = connected;
    });
    const timer = setInterval(read, DISPLAY_REFRESH_MS);
    return () => {
      live = false;
      offEvent();
      offConnection();
      clearInterval(timer);
    };
  }, [displayId]);
  return state;
}

/** Cameras by id; null until the list has loaded once (a failed load counts as an empty list). */
export function camerasById(state: Loaded<Camera[]>): ReadonlyMap<string, Camera> | null {
  if (state.status === 'loading') return null;
  return new Map(state.status === 'ready' ? state.value.map((c) => [c.id, c]) : []);
}
