/**
 * Folds Vietnamese (and other Latin) text for search: lower case, diacritics removed, đ → d, spaces squeezed.
 * "Phường Mỹ Phú" and "phuong my phu" fold to the same key.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}+/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export function matchesSearch(haystack: string, query: string): boolean {
  const q = foldForSearch(query);
  return q === '' || foldForSearch(haystack).includes(q);
}
