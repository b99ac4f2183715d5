/** Frames and bytes over a sliding window of wall-clock time, for fps and bitrate figures. */
export interface RateWindow {
  add(frames: number, bytes: number, at: number): void;
  fps(now: number): number;
  bitsPerSecond(now: number): number;
  reset(): void;
}

export function createRateWindow(windowMs = 5000): RateWindow {
  const events: { at: number; frames: number; bytes: number }[] = [];
  let since: number | null = null;

  const prune = (now: number) => {
    const cutoff = now - windowMs;
    while (events.length > 0 && events[0]!.at < cutoff) events.shift();
  };
  const span = (now: number) => (since === null ? 0 : Math.min(windowMs, Math.max(now - since, 1)) / 1000);
  const sum = (now: number, pick: (e: { frames: number; bytes: number }) => number) => {
    prune(now);
    const seconds = span(now);
    return seconds === 0 ? 0 : events.reduce((n, e) => n + pick(e), 0) / seconds;
  };

  return {
    add(frames, bytes, at) {
      since ??= at;
      events.push({ at, frames, bytes });
      prune(at);
    },
    fps: (now) => sum(now, (e) => e.frames),
    bitsPerSecond: (now) => sum(now, (e) => e.bytes * 8),
    reset() {
      events.length = 0;
      since = null;
    },
  };
}
