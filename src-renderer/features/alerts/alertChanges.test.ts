import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../src-shared/contract/alerts';
import { mergeAlertChanges, reuseUnchanged } from './alertChanges';
import { FRESH_MS, freshAlerts } from './alertView';

const alert = (id: string, overrides: Partial<Alert> = {}): Alert =>
  ({ id, severity: 'critical', state: 'active', acknowledged: false, suppressed: false, ...overrides }) as Alert;

describe('mergeAlertChanges: a frame’s alert events at once', () => {
  const list = [alert('a'), alert('b'), alert('c')];

  it('gives the list each event applied alone would: newest change first, one entry per alert', () => {
    const changes = [
      { kind: 'repeated' as const, alert: alert('c', { count: 2 }) },
      { kind: 'raised' as const, alert: alert('d') },
      { kind: 'repeated' as const, alert: alert('c', { count: 3 }) },
    ];
    const { alerts } = mergeAlertChanges(list, new Map(), changes, 1000, false);
    expect(alerts.map((a) => [a.id, a.count])).toEqual([
      ['c', 3],
      ['d', undefined],
      ['a', undefined],
      ['b', undefined],
    ]);
  });

  it('marks raised and worsened alerts seen now, and forgets the ones no longer fresh', () => {
    const seenAt = new Map([
      ['a', 0],
      ['b', 5000],
    ]);
    const changes = [
      { kind: 'worsened' as const, alert: alert('c') },
      { kind: 'repeated' as const, alert: alert('a') },
    ];
    const { seenAt: next } = mergeAlertChanges(list, seenAt, changes, FRESH_MS + 1, false);
    expect([...next]).toEqual([
      ['b', 5000],
      ['c', FRESH_MS + 1],
    ]);
    // Nothing new: the same map, so views holding it do not redraw.
    expect(mergeAlertChanges(list, seenAt, [changes[1]!], 10, false).seenAt).toBe(seenAt);
  });

  it('counts one chime per critical alert raised, none when muted', () => {
    const changes = [
      { kind: 'raised' as const, alert: alert('x') },
      { kind: 'raised' as const, alert: alert('y', { severity: 'minor' }) },
      { kind: 'worsened' as const, alert: alert('z') },
    ];
    expect(mergeAlertChanges([], new Map(), changes, 0, false).chimes).toBe(2);
    expect(mergeAlertChanges([], new Map(), changes, 0, true).chimes).toBe(0);
  });
});

describe('freshAlerts', () => {
  it('holds the alerts seen less than FRESH_MS ago, until the first of them expires', () => {
    const seenAt = new Map([
      ['old', 0],
      ['a', 1000],
      ['b', 3000],
    ]);
    const fresh = freshAlerts(seenAt, FRESH_MS + 500);
    expect([...fresh.ids]).toEqual(['a', 'b']);
    expect(fresh.until).toBe(1000 + FRESH_MS);
    expect(freshAlerts(seenAt, 3000 + FRESH_MS)).toEqual({ ids: new Set(), until: null });
  });
});

describe('reuseUnchanged: a reloaded list', () => {
  const held = [alert('a', { location: { type: 'Point', coordinates: [105.6, 10.4] } }), alert('b')];
  const copy = (a: Alert): Alert => JSON.parse(JSON.stringify(a)) as Alert;

  it('is the list already held when nothing changed', () => {
    expect(reuseUnchanged(held, held.map(copy))).toBe(held);
  });

  it('keeps the unchanged alerts as the objects held, and takes the changed and new ones', () => {
    const loaded = [copy(held[1]!), { ...copy(held[0]!), count: 4 }, alert('c')];
    const merged = reuseUnchanged(held, loaded);
    expect(merged[0]).toBe(held[1]);
    expect(merged[1]).toBe(loaded[1]);
    expect(merged[2]).toBe(loaded[2]);
    // The same alerts in another order are another list.
    expect(reuseUnchanged(held, [copy(held[1]!), copy(held[0]!)])).not.toBe(held);
  });
});
