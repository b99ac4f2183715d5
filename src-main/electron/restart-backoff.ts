export interface BackoffOptions {
  /** Delay ceiling for the first retry. */
  readonly baseMs: number;
  /** No delay ever exceeds this. */
  readonly capMs: number;
}

export const DEFAULT_CORE_BACKOFF: BackoffOptions = { baseMs: 500, capMs: 30_000 };

/**
 * Delay before restart number `attempt` (0-based): exponential, capped, with "equal jitter" (half fixed, half
 * random). The fixed half keeps a crash loop from spinning; the random half keeps workstations that lost
 * power together from restarting in lock-step.
 */
export function restartDelayMs(
  attempt: number,
  options: BackoffOptions = DEFAULT_CORE_BACKOFF,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(0, Math.floor(attempt)), 30);
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** exponent);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(ceiling / 2 + (ceiling / 2) * r);
}
