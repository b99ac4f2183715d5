import { describe, expect, test } from 'vitest';
import { backoffDelay } from './backoff';

const policy = { baseMs: 1_000, capMs: 30_000 };

describe('backoffDelay', () => {
  test('doubles from the base without jitter', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, policy, mid))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
  });

  test('is capped, even after many attempts', () => {
    expect(backoffDelay(50, policy, () => 0.5)).toBe(30_000);
    expect(backoffDelay(1_000, policy, () => 1)).toBe(37_500);
  });

  test('jitters by at most a quarter, never below half the base', () => {
    expect(backoffDelay(3, policy, () => 0)).toBe(3_000);
    expect(backoffDelay(3, policy, () => 1)).toBe(5_000);
    expect(backoffDelay(1, { baseMs: 1_000, capMs: 1_000 }, () => 0)).toBe(750);
  });
});
