import { describe, expect, it } from 'vitest';
import { MAX_ASSET_IMPORT_BYTES } from '../../../src-shared/contract/alerts';
import { base64OfDataUrl, checkImportFile, readPercent } from './assetImport';

describe('asset register import: file checks', () => {
  it('takes the format from the extension, whatever its case', () => {
    expect(checkImportFile('Đèn đường Q1.CSV', 10)).toEqual({ ok: true, format: 'csv' });
    expect(checkImportFile('so-dang-ky.xlsx', 10)).toEqual({ ok: true, format: 'xlsx' });
    expect(checkImportFile('tram.geojson', 10)).toEqual({ ok: true, format: 'geojson' });
    expect(checkImportFile('tram.json', 10)).toEqual({ ok: true, format: 'geojson' });
  });

  it('refuses other types, empty files and files over the limit', () => {
    expect(checkImportFile('so-dang-ky.xls', 10)).toEqual({ ok: false, reason: 'unsupportedType' });
    expect(checkImportFile('csv', 10)).toEqual({ ok: false, reason: 'unsupportedType' });
    expect(checkImportFile('a.csv', 0)).toEqual({ ok: false, reason: 'empty' });
    expect(checkImportFile('a.csv', MAX_ASSET_IMPORT_BYTES)).toEqual({ ok: true, format: 'csv' });
    expect(checkImportFile('a.csv', MAX_ASSET_IMPORT_BYTES + 1)).toEqual({ ok: false, reason: 'tooLarge' });
  });

  it('extracts the base64 payload of a data URL and nothing else', () => {
    const payload = btoa('id,kind,name\n');
    expect(base64OfDataUrl(`data:text/csv;base64,${payload}`)).toBe(payload);
    expect(base64OfDataUrl(`data:;base64,${payload}`)).toBe(payload);
    expect(base64OfDataUrl('data:text/csv,id,kind')).toBeNull();
    expect(base64OfDataUrl('not a data url')).toBeNull();
  });

  it('turns FileReader progress into a bounded percent', () => {
    expect(readPercent(0, 0)).toBe(0);
    expect(readPercent(50, 200)).toBe(25);
    expect(readPercent(300, 200)).toBe(100);
  });
});
