import { describe, expect, it } from 'vitest';
import { chartGeometry, formatUptime, periodRange } from './systemsView';

describe('periodRange', () => {
  // 2026-07-01 00:30 in Vietnam is still 2026-06-30 in UTC.
  const now = new Date('2026-06-30T17:30:00Z');
  it('starts months and half-years at local midnight in Vietnam', () => {
    expect(periodRange('thisMonth', now).from).toBe('2026-06-30T17:00:00.000Z');
    expect(periodRange('halfYear', now).from).toBe('2026-06-30T17:00:00.000Z');
    expect(periodRange('halfYear', new Date('2026-06-30T16:59:00Z')).from).toBe('2025-12-31T17:00:00.000Z');
    expect(periodRange('last7days', now).from).toBe('2026-06-23T17:30:00.000Z');
  });
});

describe('chartGeometry', () => {
  it('draws a line across the window, breaks it where checks failed, and marks down points', () => {
    const from = Date.parse('2026-06-01T00:00:00Z');
    const points = [
      { at: '2026-06-01T00:00:00.000Z', ms: 100, status: 'up' as const },
      { at: '2026-06-01T12:00:00.000Z', ms: null, status: 'down' as const },
      { at: '2026-06-01T18:00:00.000Z', ms: 50, status: 'up' as const },
      { at: '2026-06-02T00:00:00.000Z', ms: 200, status: 'up' as const },
    ];
    const g = chartGeometry(points, 240, 44, from, from + 86_400_000);
    expect(g.maxMs).toBe(200);
    expect(g.path).toBe('M0,22M180,32L240,2');
    expect(g.downX).toEqual([120]);
  });
});

describe('formatUptime', () => {
  it('reads percentages the Vietnamese way', () => {
    expect(formatUptime(99.5, 'vi')).toBe('99,5 %');
    expect(formatUptime(null, 'vi')).toBe('—');
  });
});
