import { describe, expect, it } from 'vitest';
import { DEFAULT_CORE_BACKOFF, restartDelayMs } from './restart-backoff';

const options = { baseMs: 500, capMs: 30_000 };

describe('restartDelayMs', () => {
  it('doubles per attempt between half and all of the ceiling', () => {
    expect(restartDelayMs(0, options, () => 0)).toBe(250);
    expect(restartDelayMs(0, options, () => 1)).toBe(500);
    expect(restartDelayMs(3, options, () => 0)).toBe(2000);
    expect(restartDelayMs(3, options, () => 1)).toBe(4000);
  });

  it('is capped', () => {
    expect(restartDelayMs(10, options, () => 1)).toBe(30_000);
    expect(restartDelayMs(1000, options, () => 1)).toBe(30_000);
    expect(restartDelayMs(Number.POSITIVE_INFINITY, options, () => 1)).toBe(30_000);
  });

  it('never spins: even zero jitter waits', () => {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      expect(restartDelayMs(attempt, DEFAULT_CORE_BACKOFF, () => 0)).toBeGreaterThanOrEqual(250);
    }
  });

  it('tolerates odd inputs', () => {
    expect(restartDelayMs(-5, options, () => 0.5)).toBe(375);
    expect(restartDelayMs(0, options, () => 7)).toBe(500);
  });
});
