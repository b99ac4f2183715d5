import { describe, expect, it } from 'vitest';
import { MAX_ASSET_UPLOAD_BYTES } from '../../../src-shared/contract/alerts';
import {
  checkImportFile,
  importPath,
  importTally,
  MAX_UPLOAD_MB,
  parseImportReport,
  readImportStep,
  readPercent,
} from './assetImport';

describe('asset register import: file checks', () => {
  it('takes the format from the extension, whatever its case', () => {
    expect(checkImportFile('Đèn đường Q1.CSV', 10)).toEqual({ ok: true, format: 'csv' });
    expect(checkImportFile('so-dang-ky.xlsx', 10)).toEqual({ ok: true, format: 'xlsx' });
    expect(checkImportFile('tram.geojson', 10)).toEqual({ ok: true, format: 'geojson' });
    expect(checkImportFile('tram.json', 10)).toEqual({ ok: true, format: 'geojson' });
  });

  it('refuses other types, empty files and files over the 20 MB upload limit', () => {
    expect(checkImportFile('so-dang-ky.xls', 10)).toEqual({ ok: false, reason: 'unsupportedType' });
    expect(checkImportFile('csv', 10)).toEqual({ ok: false, reason: 'unsupportedType' });
    expect(checkImportFile('a.csv', 0)).toEqual({ ok: false, reason: 'empty' });
    expect(checkImportFile('a.csv', 5 * 1024 * 1024)).toEqual({ ok: true, format: 'csv' });
    expect(checkImportFile('a.csv', MAX_ASSET_UPLOAD_BYTES)).toEqual({ ok: true, format: 'csv' });
    expect(checkImportFile('a.csv', MAX_ASSET_UPLOAD_BYTES + 1)).toEqual({ ok: false, reason: 'tooLarge' });
    expect(MAX_UPLOAD_MB).toBe(20);
  });

  it('names the format and the file in the upload URL, encoded', () => {
    const path = importPath('csv', 'Đèn đường & trạm.csv');
    expect(path.startsWith('/api/assets/import?')).toBe(true);
    const query = new URLSearchParams(path.split('?')[1]);
    expect(Object.fromEntries(query)).toEqual({ format: 'csv', fileName: 'Đèn đường & trạm.csv' });
  });

  it('accepts only a reply that is an import report', () => {
    const report = {
      id: 'i1',
      fileName: 'a.csv',
      format: 'csv',
      status: 'imported',
      totalRows: 1,
      processedRows: 1,
      importedRows: 1,
      errors: [],
      startedAt: '2026-06-01T03:00:00.000Z',
      finishedAt: '2026-06-01T03:00:01.000Z',
    };
    expect(parseImportReport(report)).toEqual(report);
    expect(parseImportReport({ ...report, status: 'writing' })).toBeNull();
    expect(parseImportReport(null)).toBeNull();
  });

  it('reads the server’s steps from the progress lines, and nothing from other lines', () => {
    const step = { status: 'writing', processedRows: 500, totalRows: 1200 };
    expect(readImportStep({ progress: step })).toEqual(step);
    expect(readImportStep({ progress: { ...step, status: 'validating', processedRows: 0 } })).toMatchObject({
      status: 'validating',
    });
    expect(readImportStep({ progress: { ...step, status: 'imported' } })).toBeNull();
    expect(readImportStep({ progress: { ...step, processedRows: -1 } })).toBeNull();
    expect(readImportStep({ ok: true, value: {} })).toBeNull();
    expect(readImportStep('writing')).toBeNull();
  });

  it('turns upload progress into a bounded percent', () => {
    expect(readPercent(0, 0)).toBe(0);
    expect(readPercent(50, 200)).toBe(25);
    expect(readPercent(300, 200)).toBe(100);
  });

  it('counts every bad row of a rejection, and those the list leaves out', () => {
    const errors = Array.from({ length: 200 }, (_, i) => ({ line: i + 2, message: 'x' }));
    const report = {
      id: 'i1',
      fileName: 'a.csv',
      format: 'csv' as const,
      status: 'rejected' as const,
      totalRows: 1000,
      processedRows: 1000,
      importedRows: 0,
      errors,
      startedAt: '2026-06-01T03:00:00.000Z',
      finishedAt: '2026-06-01T03:00:01.000Z',
    };
    expect(importTally({ ...report, badRows: 250, goodRows: 750 })).toEqual({
      bad: 250,
      good: 750,
      listed: 200,
      unlisted: 50,
    });
    // An older server counts nothing: the list is all there is.
    expect(importTally(report)).toEqual({ bad: 200, good: null, listed: 200, unlisted: 0 });
    // A file refused whole (a missing column) has no bad row, only its one error.
    const whole = { ...report, badRows: 0, goodRows: 0, errors: [{ line: 1, message: 'missing column(s): kind' }] };
    expect(importTally(whole)).toEqual({ bad: 1, good: 0, listed: 1, unlisted: 0 });
  });
});
