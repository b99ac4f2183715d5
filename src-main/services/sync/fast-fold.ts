import { foldForSearch } from '../../../src-shared/i18n/fold';

/**
 * foldForSearch, character by character from a table, for the search text of every mirrored case (a 100,000-case
 * first sync folds 100,000 of them; normalize() and four regular expressions cost more than the row's insert).
 * The table holds what foldForSearch does to each character alone, for the Latin ranges Vietnamese is written in
 * (U+0000–U+036F with the combining marks, U+1E00–U+1EFF); any other character sends the whole text to
 * foldForSearch itself. Per character is exact there: NFD, dropping marks, đ → d and lower-casing act on each
 * character alone (lower case depends on context only for the Greek sigma, outside the table). fast-fold.test.ts
 * holds the two to the same output.
 */
const LOW_END = 0x370;
const EXT_START = 0x1e00;
const EXT_END = 0x1f00;
/** A whitespace character: squeezed and trimmed as foldForSearch's `\s+` → ' ' and trim(). */
const SPACE = 1;
/** A character the table cannot fold alone. */
const OTHER = 2;

type Entry = string | typeof SPACE | typeof OTHER;

function entryOf(code: number): Entry {
  const ch = String.fromCharCode(code);
  if (/\s/.test(ch)) return SPACE;
  const folded = ch
    .normalize('NFD')
    .replace(/\p{Mn}+/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
  return /\s/.test(folded) ? OTHER : folded;
}

const LOW: Entry[] = Array.from({ length: LOW_END }, (_, code) => entryOf(code));
const EXT: Entry[] = Array.from({ length: EXT_END - EXT_START }, (_, i) => entryOf(EXT_START + i));

function entry(code: number): Entry {
  if (code < LOW_END) return LOW[code]!;
  if (code >= EXT_START && code < EXT_END) return EXT[code - EXT_START]!;
  return OTHER;
}

/** Exactly foldForSearch(text). */
export function fastFold(text: string): string {
  let out = '';
  // Whitespace seen since the last kept character: one space is written before the next one (none at the ends).
  let space = false;
  for (let i = 0; i < text.length; i++) {
    const e = entry(text.charCodeAt(i));
    if (e === OTHER) return foldForSearch(text);
    if (e === SPACE) {
      space = true;
    } else if (e !== '') {
      if (space && out !== '') out += ' ';
      space = false;
      out += e;
    }
  }
  return out;
}
