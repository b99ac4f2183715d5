import { createHash } from 'node:crypto';

/** The same hash the central server keeps of a push token (src-server/probes/monitors.ts). */
export function hashHeartbeatTokenForSim(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export interface Heartbeat {
  /** Stops pushing (the monitor then goes down after its interval × downAfter). */
  pause(): void;
  resume(): void;
  dispose(): void;
}

/**
 * An on-premises agent pushing "I am alive" for a system the server cannot probe itself (Uptime Kuma's push
 * monitor): a bearer-token POST to /api/heartbeat every `everyMs`. Failures are retried at the next beat.
 */
export function startHeartbeat(serverUrl: string, token: string, everyMs: number): Heartbeat {
  let paused = false;
  const beat = () => {
    if (paused) return;
    void fetch(`${serverUrl}/api/heartbeat`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })
      .then((r) => r.arrayBuffer())
      .catch(() => undefined);
  };
  beat();
  const timer = setInterval(beat, everyMs);
  return {
    pause: () => void (paused = true),
    resume: () => {
      paused = false;
      beat();
    },
    dispose: () => clearInterval(timer),
  };
}
