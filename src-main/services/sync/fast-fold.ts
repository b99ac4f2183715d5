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

/**
 * The table again as one number per character: the folded character's code, or one of these (an entry of more than
 * one character, none in these ranges today, goes the slow way).
 */
const DROP = -1;
const CODE_SPACE = -2;
const CODE_OTHER = -3;
function codeOf(e: Entry): number {
  if (e === SPACE) return CODE_SPACE;
  if (e === OTHER || e.length > 1) return CODE_OTHER;
  return e === '' ? DROP : e.charCodeAt(0);
}
const LOW_CODES = Int32Array.from(LOW, codeOf);
const EXT_CODES = Int32Array.from(EXT, codeOf);
/** The folded characters of one text, reused from call to call (grown when a text is longer). */
let buffer = Buffer.alloc(1024);

/**
 * Exactly foldForSearch(parts.join(' ')), without building the joined text nor a string per folded character: the
 * folded characters, Latin-1 all of them for Vietnamese, are written into one reused buffer and read out as one
 * string; a text folding to anything else goes the way of fastFold.
 */
export function fastFoldJoined(parts: readonly string[]): string {
  let total = parts.length;
  for (const part of parts) total += part.length;
  if (buffer.length < total) buffer = Buffer.alloc(Math.max(total, buffer.length * 2));
  const chars = buffer;
  let n = 0;
  // Whitespace seen since the last kept character (the parts' separators count as such).
  let space = false;
  for (let p = 0; p < parts.length; p++) {
    const text = parts[p]!;
    if (p > 0) space = true;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      const e =
        code < LOW_END
          ? LOW_CODES[code]!
          : code >= EXT_START && code < EXT_END
            ? EXT_CODES[code - EXT_START]!
            : CODE_OTHER;
      if (e >= 0) {
        if (e > 0xff) return fastFold(parts.join(' '));
        if (space && n > 0) chars[n++] = 0x20;
        space = false;
        chars[n++] = e;
      } else if (e === CODE_SPACE) {
        space = true;
      } else if (e === CODE_OTHER) {
        return foldForSearch(parts.join(' '));
      }
    }
  }
  return chars.toString('latin1', 0, n);
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
