import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../src-shared/contract/alerts';
import { feedAlert } from '../../../tests/alerts/alert-fixture';
import { createAlertMirror, KEEP_CLEARED_MS } from './mirror';

/** A waste bin filling up, a warning. */
const alert = (id: string, seq: number, overrides: Partial<Alert> = {}): Alert =>
  feedAlert(id, seq, {
    type: 'waste.fill',
    domain: 'waste',
    severity: 'warning',
    value: 0.9,
    threshold: 0.8,
    unit: 'C62',
    title: 't',
    ...overrides,
  });
const all = { state: 'all' as const, limit: 100 };

describe('the workstation’s alert mirror', () => {
  it('keeps the newest version by cursor and reports only what changed', () => {
    const m = createAlertMirror();
    expect(m.apply([alert('a', 2), alert('b', 3)]).map((a) => a.id)).toEqual(['a', 'b']);
    expect(m.apply([alert('a', 1, { count: 9 })])).toEqual([]);
    expect(m.apply([alert('a', 4, { count: 2 })])[0]?.count).toBe(2);
  });
  it('filters and orders most severe first, then most recent', () => {
    const m = createAlertMirror();
    m.apply([
      alert('w', 1),
      alert('c', 2, { severity: 'critical', domain: 'drainage' }),
      alert('m', 3, { severity: 'major', lastSeenAt: '2026-06-01T01:00:00.000Z' }),
      alert('x', 4, {
        state: 'cleared',
        clearedAt: '2026-06-01T02:00:00.000Z',
        lastSeenAt: '2026-06-01T02:00:00.000Z',
      }),
    ]);
    expect(m.list({ state: 'active', limit: 100 }).map((a) => a.id)).toEqual(['c', 'm', 'w']);
    expect(m.list({ ...all, domains: ['waste'], minSeverity: 'major' }).map((a) => a.id)).toEqual(['m']);
    expect(m.list({ state: 'cleared', limit: 100 }).map((a) => a.id)).toEqual(['x']);
    expect(m.list({ ...all, since: '2026-06-01T00:30:00Z' }).map((a) => a.id)).toEqual(['m', 'x']);
  });
  it('forgets cleared alerts after a day, never active ones', () => {
    const m = createAlertMirror();
    m.apply([alert('old', 1, { state: 'cleared', clearedAt: '2026-06-01T00:00:00.000Z' }), alert('live', 2)]);
    m.prune(new Date(Date.parse('2026-06-01T00:00:00.000Z') + KEEP_CLEARED_MS + 1));
    expect(m.list(all).map((a) => a.id)).toEqual(['live']);
  });
});
