import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../src-shared/contract/alerts';
import { formatValue, isFresh, moveSelection, shouldSound, typeKey } from './alertView';

function alert(overrides: Partial<Alert> = {}): Alert {
  return {
    id: 'a1',
    dedupeKey: 'ngsi-ld|flood.level|urn:x',
    source: 'ngsi-ld',
    sourceId: 'urn:x',
    type: 'flood.level',
    domain: 'drainage',
    severity: 'critical',
    state: 'active',
    acknowledged: false,
    ackBy: null,
    ackAt: null,
    ackNote: null,
    firstSeenAt: '2026-06-01T03:00:00.000Z',
    lastSeenAt: '2026-06-01T03:00:00.000Z',
    clearedAt: null,
    clearReason: null,
    count: 1,
    value: 2.1,
    threshold: 2,
    unit: 'MTR',
    title: 'Mực nước',
    location: null,
    suppressed: false,
    caseId: null,
    caseCode: null,
    lastChange: 'raised',
    seq: 1,
    ...overrides,
  };
}

describe('shouldSound', () => {
  it('chimes for a new or newly critical alert only', () => {
    expect(shouldSound('raised', alert())).toBe(true);
    expect(shouldSound('worsened', alert())).toBe(true);
    expect(shouldSound('repeated', alert())).toBe(false);
    expect(shouldSound('raised', alert({ severity: 'major' }))).toBe(false);
    expect(shouldSound('raised', alert({ suppressed: true }))).toBe(false);
    expect(shouldSound('raised', alert({ acknowledged: true }))).toBe(false);
  });
});

describe('formatValue', () => {
  it('writes Vietnamese numbers with their unit; fractions as percentages', () => {
    expect(formatValue(1.72, 'MTR', 'vi')).toBe('1,72 m');
    expect(formatValue(1.72, 'MTR', 'en')).toBe('1.72 m');
    expect(formatValue(0.92, 'C62', 'vi')).toBe('92 %');
    expect(formatValue('defectiveLamp', null, 'vi')).toBe('defectiveLamp');
    expect(formatValue(null, 'MTR', 'vi')).toBe('');
  });
});

describe('keys and freshness', () => {
  it('maps alert types to i18n keys without dots', () => {
    expect(typeKey('flood.level')).toBe('alerts.type.flood_level');
  });
  it('moves the selection inside the list', () => {
    expect(moveSelection(-1, 'ArrowDown', 3)).toBe(0);
    expect(moveSelection(2, 'ArrowDown', 3)).toBe(2);
    expect(moveSelection(0, 'ArrowUp', 3)).toBe(0);
    expect(moveSelection(1, 'End', 3)).toBe(2);
    expect(moveSelection(1, 'ArrowDown', 0)).toBe(-1);
  });
  it('draws an alert to the eye for a while after it was raised, and never a cleared one', () => {
    const seen = new Map([['a1', 1000]]);
    expect(isFresh(alert(), seen, 2000)).toBe(true);
    expect(isFresh(alert(), seen, 1000 + 90_001)).toBe(false);
    expect(isFresh(alert({ state: 'cleared' }), seen, 2000)).toBe(false);
    expect(isFresh(alert({ id: 'other' }), seen, 2000)).toBe(false);
  });
});
