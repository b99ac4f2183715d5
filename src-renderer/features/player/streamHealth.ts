import { useEffect, useSyncExternalStore } from 'react';
import type { LiveProfile, LiveStreamState, LiveStreamStats } from '../../../src-shared/contract/streams';
import { core } from '../../bridge';

/** The core's view of each running stream (streams.stats), polled once for every tile on the page. */
const POLL_MS = 3_000;

let stats: ReadonlyMap<string, LiveStreamStats> = new Map();
const listeners = new Set<() => void>();
let users = 0;
let timer: ReturnType<typeof setInterval> | null = null;

const keyOf = (cameraId: string, profile: LiveProfile) => `${cameraId}\u0000${profile}`;

async function poll(): Promise<void> {
  if (core.connection().state !== 'connected') return;
  const result = await core.call('streams.stats', {});
  if (!result.ok) return;
  stats = new Map(result.value.map((s) => [keyOf(s.cameraId, s.profile), s]));
  for (const listener of listeners) listener();
}

function retain(): () => void {
  users++;
  if (timer === null) {
    void poll();
    timer = setInterval(() => void poll(), POLL_MS);
  }
  return () => {
    users--;
    if (users === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** What the core's supervisor says about one stream; null until it has been seen. */
export function useServerStream(cameraId: string, profile: LiveProfile): LiveStreamStats | null {
  useEffect(retain, []);
  return useSyncExternalStore(subscribe, () => stats.get(keyOf(cameraId, profile)) ?? null);
}

export function serverState(stats: LiveStreamStats | null): LiveStreamState | null {
  return stats?.state ?? null;
}
