import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { AssetImportReport, AssetImportRowError, AssetImportStep } from '../../../src-shared/contract/alerts';
import { Notice } from '../../ui';
import { importTally } from './assetImport';

/** The reason worded here from its code; a server older than the codes gives only its English message. */
function rowErrorText(error: AssetImportRowError, t: TFunction): string {
  return error.code ? t(`settings.assetImport.rowError.${error.code}`, error.params ?? {}) : error.message;
}

/** The server at work: which phase and how many rows of the total, or only that it is busy before it says. */
export function ProcessingView({ fileName, step }: { fileName: string; step: AssetImportStep | null }) {
  const { t } = useTranslation();
  const bad = step?.badRows ?? 0;
  return (
    <div
      className="asset-import__progress"
      role="status"
      data-testid="asset-import-progress"
      data-stage={step ? step.status : 'processing'}
      data-done={step?.processedRows}
      data-total={step?.totalRows}
      data-bad={step?.badRows}
    >
      <p>
        {step
          ? t(`settings.assetImport.${step.status}`, {
              file: fileName,
              done: step.processedRows,
              total: step.totalRows,
            })
          : t('settings.assetImport.processing', { file: fileName })}
      </p>
      {step && step.totalRows > 0 ? <progress max={step.totalRows} value={step.processedRows} /> : <progress />}
      {bad > 0 ? (
        <p className="asset-import__bad-so-far" data-testid="asset-import-bad-so-far">
          {t('settings.assetImport.badSoFar', { count: bad })}
        </p>
      ) : null}
    </div>
  );
}

export function ReportView({ report }: { report: AssetImportReport }) {
  const { t } = useTranslation();
  if (report.status === 'imported')
    return (
      <Notice tone="info" testId="asset-import-done">
        {t('settings.assetImport.imported', { count: report.importedRows, file: report.fileName })}
      </Notice>
    );
  const tally = importTally(report);
  return (
    <div data-testid="asset-import-rejected" data-bad={tally.bad} data-good={tally.good ?? undefined}>
      <Notice tone="error">{t('settings.assetImport.rejected', { file: report.fileName, count: tally.bad })}</Notice>
      {tally.good !== null && report.badRows ? (
        <p data-testid="asset-import-tally">
          {t('settings.assetImport.tally', { bad: tally.bad, good: tally.good, total: report.totalRows })}
        </p>
      ) : null}
      {tally.unlisted > 0 ? (
        <p className="muted" data-testid="asset-import-listed-first">
          {t('settings.assetImport.listedFirst', { listed: tally.listed, count: tally.bad })}
        </p>
      ) : null}
      <table className="table">
        <thead>
          <tr>
            <th>{t('settings.assetImport.line')}</th>
            <th>{t('settings.assetImport.problem')}</th>
          </tr>
        </thead>
        <tbody>
          {report.errors.map((error, i) => (
            <tr key={i} data-testid="asset-import-bad-row" data-line={error.line}>
              <td className="mono">{error.line === 0 ? t('settings.assetImport.wholeFile') : error.line}</td>
              <td>{rowErrorText(error, t)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
