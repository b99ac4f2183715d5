import { describe, expect, it } from 'vitest';
import { createLoginThrottle } from './login-throttle';

describe('login throttle', () => {
  it('blocks a username after the failures and frees it when the window passes', () => {
    let now = 0;
    const t = createLoginThrottle({ maxFailures: 3, windowMs: 1000, now: () => now });
    for (let i = 0; i < 3; i++) t.recordFailure('Operator');
    expect(t.retryAfterMs('operator')).toBe(1000);
    expect(t.retryAfterMs('director')).toBe(0);
    now = 600;
    expect(t.retryAfterMs('OPERATOR')).toBe(400);
    now = 1001;
    expect(t.retryAfterMs('operator')).toBe(0);
  });
  it('forgets failures after a success and bounds its memory', () => {
    const t = createLoginThrottle({ maxFailures: 1, windowMs: 1000, maxTracked: 2, now: () => 0 });
    t.recordFailure('a');
    t.recordSuccess('a');
    expect(t.retryAfterMs('a')).toBe(0);
    t.recordFailure('b');
    t.recordFailure('c');
    t.recordFailure('d');
    expect(t.retryAfterMs('b')).toBe(0);
    expect(t.retryAfterMs('d')).toBeGreaterThan(0);
  });
});
