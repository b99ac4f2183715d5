import { describe, expect, it } from 'vitest';
import { convertUnit, isKnownUnit } from './units';

describe('convertUnit', () => {
  it('converts within a quantity exactly where decimal arithmetic allows', () => {
    expect(convertUnit(150, 'CMT', 'MTR')).toEqual({ ok: true, value: 1.5 });
    expect(convertUnit(1.5, 'MTR', 'CMT')).toEqual({ ok: true, value: 150 });
    expect(convertUnit(85, 'P1', 'C62')).toEqual({ ok: true, value: 0.85 });
    expect(convertUnit(3600, 'MQH', 'MQS')).toEqual({ ok: true, value: 1 });
  });
  it('refuses another quantity and unknown codes', () => {
    expect(convertUnit(20, 'CEL', 'MTR')).toEqual({ ok: false, reason: 'wrong_quantity' });
    expect(convertUnit(2, 'FOT', 'MTR')).toEqual({ ok: false, reason: 'unknown_unit' });
    expect(convertUnit(2, 'constructor', 'MTR')).toEqual({ ok: false, reason: 'unknown_unit' });
    expect(isKnownUnit('toString')).toBe(false);
  });
});
