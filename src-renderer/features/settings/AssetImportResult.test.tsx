import i18next from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AssetImportReport } from '../../../src-shared/contract/alerts';
import { initI18nForTests } from '../../app/i18n';
import { ProcessingView, ReportView } from './AssetImportResult';

const badRow = (line: number) => ({
  line,
  code: 'bad_kind' as const,
  params: { kind: 'lamp', kinds: 'streetlight' },
  message: 'x',
});

const rejected = (over: Partial<AssetImportReport>): AssetImportReport => ({
  id: 'i1',
  fileName: 'den.csv',
  format: 'csv',
  status: 'rejected',
  totalRows: 1200,
  processedRows: 1200,
  importedRows: 0,
  errors: Array.from({ length: 200 }, (_, i) => badRow(i + 2)),
  startedAt: '2026-06-01T03:00:00.000Z',
  finishedAt: '2026-06-01T03:00:01.000Z',
  ...over,
});

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the asset import result, worded', () => {
  beforeAll(initI18nForTests);

  it('gives the count of every bad row, not only of those listed, and says the list is the first 200', async () => {
    await i18next.changeLanguage('vi');
    const html = renderToStaticMarkup(<ReportView report={rejected({ badRows: 400, goodRows: 800 })} />);
    expect(html).toContain('data-bad="400"');
    expect(text(html)).toContain('Số dòng lỗi: 400.');
    expect(text(html)).toContain('400 dòng lỗi, 800 dòng hợp lệ, tổng cộng 1200 dòng.');
    expect(text(html)).toContain('chỉ liệt kê 200 dòng lỗi đầu tiên trong số 400 dòng lỗi');
    expect(html.match(/data-testid="asset-import-bad-row"/g)).toHaveLength(200);
    await i18next.changeLanguage('en');
    const en = text(renderToStaticMarkup(<ReportView report={rejected({ badRows: 400, goodRows: 800 })} />));
    expect(en).toContain('Rows with errors: 400; good rows: 800; 1200 rows in all.');
    expect(en).toContain('Only the first 200 of the 400 rows with errors are listed below.');
  });

  it('says nothing of a shortened list when every bad row is listed, or when the server does not count', async () => {
    await i18next.changeLanguage('vi');
    const all = renderToStaticMarkup(
      <ReportView report={rejected({ badRows: 3, goodRows: 1197, errors: [badRow(2), badRow(5), badRow(9)] })} />,
    );
    expect(text(all)).toContain('Số dòng lỗi: 3.');
    expect(all).toContain('data-testid="asset-import-tally"');
    expect(all).not.toContain('asset-import-listed-first');
    // An older server: the list is all there is.
    const old = renderToStaticMarkup(<ReportView report={rejected({})} />);
    expect(text(old)).toContain('Số dòng lỗi: 200.');
    expect(old).not.toContain('asset-import-tally');
    expect(old).not.toContain('asset-import-listed-first');
  });

  it('tells the bad rows found so far while the server checks', async () => {
    await i18next.changeLanguage('vi');
    const step = { status: 'validating' as const, processedRows: 500, totalRows: 1200 };
    const html = renderToStaticMarkup(
      <ProcessingView fileName="den.csv" step={{ ...step, badRows: 167, goodRows: 333 }} />,
    );
    expect(text(html)).toContain('Đã thấy 167 dòng lỗi');
    expect(html).toContain('data-bad="167"');
    expect(renderToStaticMarkup(<ProcessingView fileName="den.csv" step={{ ...step, badRows: 0 }} />)).not.toContain(
      'asset-import-bad-so-far',
    );
  });
});
