/**
 * Full-jitter exponential backoff above a floor: the n-th retry waits between `baseMs` and min(capMs, baseMs·2ⁿ),
 * so forty workstations coming back after a network cut do not hit the central server in lock-step.
 */
export function retryDelay(attempt: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  const floor = Math.min(baseMs, ceiling);
  return Math.round(floor + random() * (ceiling - floor));
}
