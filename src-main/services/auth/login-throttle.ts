/**
 * Slows password guessing: after `maxFailures` failed logins for one username within `windowMs`, further
 * attempts for it are refused until the window has passed. Memory is bounded by `maxTracked`.
 */
export function createLoginThrottle(options: {
  maxFailures: number;
  windowMs: number;
  maxTracked?: number;
  now: () => number;
}) {
  const failures = new Map<string, number[]>();
  const maxTracked = options.maxTracked ?? 10_000;

  function recent(key: string): number[] {
    const cutoff = options.now() - options.windowMs;
    const list = (failures.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length === 0) failures.delete(key);
    else failures.set(key, list);
    return list;
  }

  return {
    /** Milliseconds to wait before another attempt for this username, or 0. */
    retryAfterMs(username: string): number {
      const list = recent(username.toLowerCase());
      if (list.length < options.maxFailures) return 0;
      return Math.max(0, (list[0] ?? 0) + options.windowMs - options.now());
    },
    recordFailure(username: string): void {
      const key = username.toLowerCase();
      if (!failures.has(key) && failures.size >= maxTracked) {
        const oldest = failures.keys().next().value;
        if (oldest !== undefined) failures.delete(oldest);
      }
      failures.set(key, [...recent(key), options.now()]);
    },
    recordSuccess(username: string): void {
      failures.delete(username.toLowerCase());
    },
  };
}
