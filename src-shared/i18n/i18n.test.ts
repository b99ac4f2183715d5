import { describe, expect, it } from 'vitest';
import { foldForSearch, formatDate, formatDateTime, matchesSearch, resources } from '.';

describe('Vietnamese text', () => {
  it('folds diacritics and đ for search', () => {
    expect(foldForSearch('Phường Mỹ Phú, TP. Cao Lãnh')).toBe('phuong my phu, tp. cao lanh');
    expect(foldForSearch('ĐƯỜNG Đồng Khởi')).toBe('duong dong khoi');
    expect(matchesSearch('Ngập nước đường Lê Lợi', 'ngap nuoc')).toBe(true);
    expect(matchesSearch('Ngập nước', 'cháy')).toBe(false);
  });
  it('formats dates as dd/MM/yyyy in Asia/Ho_Chi_Minh whatever the machine zone', () => {
    // 17:30 UTC on 31/12 is already 1 January in Vietnam (UTC+7).
    const d = new Date('2026-12-31T17:30:05Z');
    expect(formatDate(d)).toBe('01/01/2027');
    expect(formatDateTime(d)).toBe('01/01/2027 00:30:05');
  });
});

describe('locales', () => {
  const keysOf = (o: object, prefix = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) =>
      typeof v === 'string' ? [prefix + k] : keysOf(v as object, `${prefix}${k}.`),
    );
  it('has the same keys in vi and en, none empty', () => {
    expect(keysOf(resources.en).sort()).toEqual(keysOf(resources.vi).sort());
    for (const lang of [resources.vi, resources.en]) {
      const flat = JSON.stringify(lang);
      expect(flat).not.toMatch(/:""/);
    }
  });
});
