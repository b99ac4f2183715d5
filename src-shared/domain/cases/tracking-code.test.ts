import { describe, expect, it } from 'vitest';
import { makeTrackingCode, normalizeTrackingCode, TRACKING_ALPHABET } from './tracking-code';

describe('tracking codes', () => {
  it('look like DT-XXXX-XC and use no ambiguous characters', () => {
    const code = makeTrackingCode([7, 0, 29, 15, 4]);
    expect(code).toMatch(/^DT-[A-Z2-9]{4}-[A-Z2-9]{2}$/);
    expect(TRACKING_ALPHABET).toHaveLength(30);
    expect(TRACKING_ALPHABET).not.toMatch(/[01OILU]/);
  });

  it('reads back what a person types', () => {
    const code = makeTrackingCode([1, 2, 3, 4, 5]);
    expect(normalizeTrackingCode(code)).toBe(code);
    expect(normalizeTrackingCode(code.toLowerCase().replace(/-/g, ' '))).toBe(code);
    expect(normalizeTrackingCode(code.replace(/-/g, ''))).toBe(code);
    expect(normalizeTrackingCode('')).toBeNull();
    expect(normalizeTrackingCode('XX-ABCD-EF')).toBeNull();
    expect(normalizeTrackingCode('DT-ABCD-E0')).toBeNull();
  });

  it('catches every single wrong character', () => {
    for (let seed = 0; seed < 200; seed++) {
      const digits = [0, 1, 2, 3, 4].map((i) => (seed * 7 + i * 11 + seed * i) % 30);
      const code = makeTrackingCode(digits);
      const chars = code.replace(/-/g, '').slice(2).split('');
      for (let pos = 0; pos < chars.length; pos++)
        for (const c of TRACKING_ALPHABET) {
          if (c === chars[pos]) continue;
          const typo = [...chars];
          typo[pos] = c;
          expect(normalizeTrackingCode(`DT${typo.join('')}`)).toBeNull();
        }
    }
  });

  it('refuses digits outside the alphabet', () => {
    expect(() => makeTrackingCode([1, 2, 3, 4])).toThrow(RangeError);
    expect(() => makeTrackingCode([1, 2, 3, 4, 30])).toThrow(RangeError);
    expect(() => makeTrackingCode([1, 2, 3, 4, -1])).toThrow(RangeError);
  });
});
