import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../src-shared/contract/alerts';
import { resources } from '../../../src-shared/i18n';
import { ackConflictReason, formatValue, isFresh, isTaken, moveSelection, shouldSound, typeKey } from './alertView';

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
    expect(shouldSound('raised', alert({ ackPending: true, ackBy: 'operator' }))).toBe(false);
  });
});

describe('acknowledgements made on this workstation', () => {
  it('a pending acknowledgement is taken but not acknowledged', () => {
    expect(isTaken(alert())).toBe(false);
    expect(isTaken(alert({ ackPending: true }))).toBe(true);
    expect(isTaken(alert({ acknowledged: true }))).toBe(true);
  });

  it('words the server’s refusal by its code in the operator’s language, else in the server’s words', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({
      resources: { vi: { translation: resources.vi }, en: { translation: resources.en } },
      lng: 'vi',
      initAsync: false,
    });
    const conflict = {
      conflictId: 1,
      code: 'already_acknowledged',
      message: 'Already acknowledged by x.',
      at: '2026-06-01T03:00:00.000Z',
    };
    expect(ackConflictReason(conflict, i18n.t)).toMatch(/người khác xác nhận/);
    await i18n.changeLanguage('en');
    expect(ackConflictReason(conflict, i18n.t)).toMatch(/Someone else acknowledged/);
    expect(ackConflictReason({ ...conflict, code: 'brand_new_code' }, i18n.t)).toBe('Already acknowledged by x.');
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
