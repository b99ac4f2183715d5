import { describe, expect, it } from 'vitest';
import { createCrashLoopBreaker, shouldReloadAfterRenderCrash } from './crash-loop';

describe('createCrashLoopBreaker', () => {
  it('allows a few recoveries per window, then trips, then recovers as time passes', () => {
    let now = 0;
    const breaker = createCrashLoopBreaker({ maxRecoveries: 3, windowMs: 300_000, now: () => now });
    expect([breaker.recordCrash(), breaker.recordCrash(), breaker.recordCrash()]).toEqual([true, true, true]);
    expect(breaker.recordCrash()).toBe(false);
    now = 299_999;
    expect(breaker.recordCrash()).toBe(false);
    now = 300_000;
    expect(breaker.recordCrash()).toBe(true);
  });
});

describe('shouldReloadAfterRenderCrash', () => {
  it.each(['crashed', 'oom', 'memory-eviction', 'abnormal-exit'])('reloads after %s', (reason) => {
    expect(shouldReloadAfterRenderCrash(reason)).toBe(true);
  });

  it.each(['clean-exit', 'killed', 'launch-failed', 'integrity-failure'])('does not reload after %s', (reason) => {
    expect(shouldReloadAfterRenderCrash(reason)).toBe(false);
  });
});
