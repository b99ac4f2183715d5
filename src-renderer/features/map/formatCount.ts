/** A count as the operator reads numbers: 1.000 in Vietnamese, 1,000 in English. */
export function formatCount(n: number, language: string): string {
  return new Intl.NumberFormat(language === 'vi' ? 'vi-VN' : 'en-GB').format(n);
}
