import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

const policy = { baseMs: 1000, capMs: 60_000 };

describe('backoff', () => {
  it('doubles its ceiling per attempt up to the cap, never below the base', () => {
    expect([0, 1, 2, 3, 6, 7, 50].map((n) => backoffDelay(n, policy, () => 1))).toEqual([
      1000, 2000, 4000, 8000, 60_000, 60_000, 60_000,
    ]);
    expect([0, 1, 5, 50].map((n) => backoffDelay(n, policy, () => 0))).toEqual([1000, 1000, 1000, 1000]);
  });

  it('spreads retries over the whole window (full jitter)', () => {
    const delays = Array.from({ length: 2000 }, () => backoffDelay(6, policy));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(1000);
    expect(Math.max(...delays)).toBeLessThanOrEqual(60_000);
    const low = delays.filter((d) => d < 30_000).length;
    expect(low).toBeGreaterThan(600);
    expect(low).toBeLessThan(1400);
  });
});
