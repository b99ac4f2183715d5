import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldForSearch } from '../../../src-shared/i18n/fold';
import { fastFold, fastFoldJoined } from './fast-fold';

/** Vietnamese letters in both cases, precomposed and decomposed, with the spaces and marks that surround them. */
const VIETNAMESE = [
  ...'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY',
  ...'áàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ',
  ...'ÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ',
  '\u0300',
  '\u0301',
  '\u0303',
  '\u0309',
  '\u0323',
  ' ',
  '  ',
  '\t',
  '\n',
  '\u00a0',
  '0',
  '9',
  ',',
  '(',
  '-',
];

describe('fastFold', () => {
  it('folds Vietnamese text exactly as foldForSearch', () => {
    const text = fc.array(fc.constantFrom(...VIETNAMESE), { maxLength: 80 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (t) => {
        expect(fastFold(t)).toBe(foldForSearch(t));
      }),
      { numRuns: 3000 },
    );
  });

  it('folds any text exactly as foldForSearch (other scripts, astral and lone surrogates go the slow way)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (t) => {
        expect(fastFold(t)).toBe(foldForSearch(t));
      }),
      { numRuns: 3000 },
    );
  });

  it('folds every character of its table as foldForSearch folds it between letters', () => {
    for (const range of [
      [0, 0x370],
      [0x1e00, 0x1f00],
    ] as const) {
      for (let code = range[0]; code < range[1]; code++) {
        const t = `A${String.fromCharCode(code)}B ${String.fromCharCode(code)}`;
        expect(fastFold(t), `U+${code.toString(16)}`).toBe(foldForSearch(t));
      }
    }
  });

  it('keeps the example readable', () => {
    expect(fastFold('  DT-S00001 Chiếu sáng  công cộng, Phường Mỹ Phú\tĐèn ')).toBe(
      'dt-s00001 chieu sang cong cong, phuong my phu den',
    );
  });
});

describe('fastFoldJoined', () => {
  it('folds the parts exactly as foldForSearch folds them joined by spaces', () => {
    const part = fc.oneof(
      fc.array(fc.constantFrom(...VIETNAMESE), { maxLength: 30 }).map((parts) => parts.join('')),
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.constantFrom('', ' ', 'ɐ', 'ΣΑΣ', '\u00a0'),
    );
    fc.assert(
      fc.property(fc.array(part, { maxLength: 5 }), (parts) => {
        expect(fastFoldJoined(parts)).toBe(foldForSearch(parts.join(' ')));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads out long texts and the buffer after a long text right', () => {
    const long = 'Đèn đường Phường Mỹ Phú '.repeat(500);
    expect(fastFoldJoined(['DT-1', long, ''])).toBe(foldForSearch(`DT-1 ${long} `));
    expect(fastFoldJoined(['a', 'B'])).toBe('a b');
    expect(fastFoldJoined([])).toBe('');
  });
});
