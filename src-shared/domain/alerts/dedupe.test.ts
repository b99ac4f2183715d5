import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applySignal, expire, liftSuppression } from './dedupe';
import { type AlertCondition, type AlertSignal, dedupeKey } from './model';

const at = (minute: number) => new Date(Date.UTC(2026, 5, 1, 3, minute)).toISOString();

function signal(overrides: Partial<AlertSignal> = {}): AlertSignal {
  return {
    source: 'ngsi-ld',
    type: 'flood.level',
    entityId: 'urn:ngsi-ld:FloodMonitoring:cao-lanh-01',
    domain: 'drainage',
    severity: 'major',
    active: true,
    value: 1.6,
    threshold: 1.5,
    unit: 'MTR',
    title: 'Mực nước vượt mức báo động',
    observedAt: at(0),
    location: { type: 'Point', coordinates: [105.63, 10.46] },
    ...overrides,
  };
}
const quiet = { suppressed: false };

describe('dedupeKey', () => {
  it('joins source, type and entity', () => {
    expect(dedupeKey('probe', 'svc.down', 'dvc')).toBe('probe|svc.down|dvc');
  });
  it('never gives two different triples the same key, whatever characters they hold', () => {
    const part = fc.string({ unit: fc.constantFrom('a', '|', '%', '7', 'C', 'b'), maxLength: 6 });
    fc.assert(
      fc.property(fc.tuple(part, part, part), fc.tuple(part, part, part), (a, b) => {
        fc.pre(a.join('\u0000') !== b.join('\u0000'));
        expect(dedupeKey(...a)).not.toBe(dedupeKey(...b));
      }),
    );
  });
});

describe('applySignal', () => {
  it('raises a new alert, then counts repeats into it', () => {
    const raised = applySignal(null, signal(), quiet);
    expect(raised.change).toBe('raised');
    expect(raised.next).toMatchObject({ state: 'active', count: 1, acknowledged: false, firstSeenAt: at(0) });
    const again = applySignal(raised.next, signal({ observedAt: at(1) }), quiet);
    expect(again.change).toBe('repeated');
    expect(again.next).toMatchObject({ count: 2, firstSeenAt: at(0), lastSeenAt: at(1) });
  });

  it('says "updated" when the value moves and "worsened" (unacknowledged again) when severity rises', () => {
    const raised = applySignal(null, signal(), quiet).next!;
    const acked: AlertCondition = { ...raised, acknowledged: true };
    const moved = applySignal(acked, signal({ value: 1.7, observedAt: at(1) }), quiet);
    expect(moved.change).toBe('updated');
    expect(moved.next?.acknowledged).toBe(true);
    const worse = applySignal(moved.next, signal({ severity: 'critical', value: 2.1, observedAt: at(2) }), quiet);
    expect(worse.change).toBe('worsened');
    expect(worse.next).toMatchObject({ severity: 'critical', acknowledged: false, count: 3 });
    const milder = applySignal(worse.next, signal({ severity: 'major', value: 1.8, observedAt: at(3) }), quiet);
    expect(milder.change).toBe('updated');
    expect(milder.next?.severity).toBe('major');
  });

  it('clears when the condition recovers, keeping the acknowledgement (CLEARED_ACK)', () => {
    const raised = { ...applySignal(null, signal(), quiet).next!, acknowledged: true };
    const cleared = applySignal(raised, signal({ active: false, value: 1.2, observedAt: at(5) }), quiet);
    expect(cleared.change).toBe('cleared');
    expect(cleared.next).toMatchObject({ state: 'cleared', clearedAt: at(5), clearReason: 'auto', acknowledged: true });
  });

  it('ignores "fine" for a key with nothing active, and messages older than the state they would change', () => {
    expect(applySignal(null, signal({ active: false }), quiet).change).toBe('none');
    const raised = applySignal(null, signal({ observedAt: at(10) }), quiet).next!;
    expect(applySignal(raised, signal({ active: false, observedAt: at(9) }), quiet).change).toBe('none');
    const cleared = applySignal(raised, signal({ active: false, observedAt: at(12) }), quiet).next!;
    expect(applySignal(cleared, signal({ observedAt: at(11) }), quiet).change).toBe('none');
    expect(applySignal(cleared, signal({ observedAt: at(13) }), quiet).change).toBe('raised');
  });

  it('marks alerts raised inside a maintenance window as suppressed', () => {
    expect(applySignal(null, signal(), { suppressed: true }).next?.suppressed).toBe(true);
  });

  it('lifts suppression with the window: "worsened" at the first reading after it, keeping an acknowledgement', () => {
    const silenced = { ...applySignal(null, signal(), { suppressed: true }).next!, acknowledged: true };
    const still = applySignal(silenced, signal({ observedAt: at(1) }), { suppressed: true });
    expect(still.change).toBe('repeated');
    expect(still.next?.suppressed).toBe(true);
    const heard = applySignal(still.next, signal({ observedAt: at(2) }), quiet);
    expect(heard.change).toBe('worsened');
    expect(heard.next).toMatchObject({ suppressed: false, acknowledged: true, count: 3 });
    // A window that begins while the alert is active silences it: seen, not announced.
    const silencedAgain = applySignal(heard.next, signal({ observedAt: at(3) }), { suppressed: true });
    expect(silencedAgain.change).toBe('updated');
    expect(silencedAgain.next?.suppressed).toBe(true);
  });

  it('lifts suppression without a reading only from an active alert no window covers any more', () => {
    const silenced = applySignal(null, signal(), { suppressed: true }).next!;
    expect(liftSuppression(silenced, true)).toBeNull();
    expect(liftSuppression(silenced, false)).toMatchObject({ suppressed: false, state: 'active' });
    expect(liftSuppression({ ...silenced, state: 'cleared' }, false)).toBeNull();
    expect(liftSuppression({ ...silenced, suppressed: false }, false)).toBeNull();
  });

  it('keeps one active alert per key whatever order signals come in: count = active signals since the raise', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 40 }), (actives) => {
        let current: AlertCondition | null = null;
        let expected = 0;
        actives.forEach((active, i) => {
          const outcome = applySignal(current, signal({ active, observedAt: at(i) }), quiet);
          if (outcome.change === 'raised') expected = 1;
          else if (active && current?.state === 'active') expected++;
          current = outcome.next;
        });
        const last = actives.at(-1)!;
        expect(current === null ? 'none' : (current as AlertCondition).state).toBe(
          last ? 'active' : current === null ? 'none' : 'cleared',
        );
        if (current !== null && (current as AlertCondition).state === 'active') {
          expect((current as AlertCondition).count).toBe(expected);
        }
      }),
    );
  });
});

describe('expire', () => {
  it('clears an alert once its validity has passed, not before', () => {
    const raised = applySignal(null, signal({ expiresAt: at(30) }), quiet).next!;
    expect(expire(raised, at(29))).toBeNull();
    expect(expire(raised, at(30))).toMatchObject({ state: 'cleared', clearReason: 'expired', clearedAt: at(30) });
    expect(expire({ ...raised, expiresAt: null }, at(99))).toBeNull();
  });
});
