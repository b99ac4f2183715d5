import { foldForSearch } from '../../../src-shared/i18n/fold';

export interface Segment {
  text: string;
  hit: boolean;
}

/**
 * Splits `text` into plain and matching parts for every folded word of `query`, so "nguyen hue" marks
 * "Nguyễn Huệ" in the original spelling. Folding is per character, which keeps a map back to the original.
 */
export function highlight(text: string, query: string): Segment[] {
  const words = foldForSearch(query).split(' ').filter(Boolean);
  if (words.length === 0 || text === '') return [{ text, hit: false }];
  let folded = '';
  const origin: number[] = [];
  const chars = Array.from(text);
  let offset = 0;
  for (const ch of chars) {
    const f = /\s/.test(ch) ? ' ' : foldForSearch(ch);
    // Per UTF-16 unit, so indexes into `folded` stay indexes into `origin`.
    for (let k = 0; k < f.length; k++) origin.push(offset);
    folded += f;
    offset += ch.length;
  }
  const marked = new Array<boolean>(text.length).fill(false);
  for (const word of words) {
    for (let at = folded.indexOf(word); at !== -1; at = folded.indexOf(word, at + 1)) {
      const start = origin[at]!;
      const lastOrigin = origin[at + word.length - 1]!;
      const end = lastOrigin + (text.codePointAt(lastOrigin)! > 0xffff ? 2 : 1);
      for (let i = start; i < end; i++) marked[i] = true;
    }
  }
  const segments: Segment[] = [];
  for (let i = 0; i < text.length; i++) {
    const last = segments.at(-1);
    if (last && last.hit === marked[i]) last.text += text[i];
    else segments.push({ text: text[i]!, hit: marked[i]! });
  }
  return segments;
}
