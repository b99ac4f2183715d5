import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssetImportReport, AssetImportStep } from '../../../src-shared/contract/alerts';
import { ASSET_KINDS } from '../../../src-shared/domain/alerts/model';
import { core, type ClientError } from '../../bridge';
import { Notice, Panel } from '../../ui';
import {
  ASSET_IMPORT_ACCEPT,
  checkImportFile,
  importPath,
  MAX_UPLOAD_MB,
  parseImportReport,
  readImportStep,
  readPercent,
} from './assetImport';
import { ProcessingView, ReportView } from './AssetImportResult';

type Stage =
  | { kind: 'idle' }
  | { kind: 'uploading'; fileName: string; percent: number }
  /** `step` once the server says where it is: checking or writing, rows done of the total. */
  | { kind: 'processing'; fileName: string; step: AssetImportStep | null }
  | { kind: 'done'; report: AssetImportReport }
  | { kind: 'refused'; fileName: string; reason: 'unsupportedType' | 'empty' | 'tooLarge' }
  | { kind: 'failed'; fileName: string; error: ClientError };

/**
 * Imports an asset register (CSV, XLSX, GeoJSON, up to 20 MB) on the central server: the file's bytes go to the
 * core's upload route with a progress bar, and the server imports every row or none and lists the bad rows by line.
 */
export function AssetImportPanel() {
  const { t } = useTranslation();
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const input = useRef<HTMLInputElement>(null);
  const busy = stage.kind === 'uploading' || stage.kind === 'processing';

  function start(file: File) {
    const check = checkImportFile(file.name, file.size);
    if (!check.ok) return setStage({ kind: 'refused', fileName: file.name, reason: check.reason });
    const fileName = file.name;
    setStage({ kind: 'uploading', fileName, percent: 0 });
    // Every byte sent: the server is checking the rows now; a late upload event never hides its steps.
    const onProgress = (sent: number, total: number) =>
      setStage((now) =>
        now.kind === 'processing'
          ? now
          : sent >= total
            ? { kind: 'processing', fileName, step: null }
            : { kind: 'uploading', fileName, percent: readPercent(sent, total) },
      );
    const onLine = (line: unknown) => {
      const step = readImportStep(line);
      if (step) setStage({ kind: 'processing', fileName, step });
    };
    void core.uploadFile(importPath(check.format, fileName), file, onProgress, onLine).then((result) => {
      if (!result.ok) return setStage({ kind: 'failed', fileName, error: result.error });
      const report = parseImportReport(result.value);
      setStage(
        report
          ? { kind: 'done', report }
          : {
              kind: 'failed',
              fileName,
              error: { code: 'bad_response', message: 'The reply is not an import report.' },
            },
      );
    });
  }

  const picker = (
    <>
      <button
        type="button"
        className="btn btn--small"
        disabled={busy}
        data-testid="asset-import-choose"
        onClick={() => input.current?.click()}
      >
        {t('settings.assetImport.choose')}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        accept={ASSET_IMPORT_ACCEPT}
        data-testid="asset-import-file"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) start(file);
        }}
      />
    </>
  );

  return (
    <Panel title={t('settings.assetImport.title')} actions={picker} testId="asset-import">
      <StageView stage={stage} />
    </Panel>
  );
}

function StageView({ stage }: { stage: Stage }) {
  const { t } = useTranslation();
  switch (stage.kind) {
    case 'idle':
      return (
        <div className="asset-import__help" data-testid="asset-import-empty">
          <p>{t('settings.assetImport.empty', { size: MAX_UPLOAD_MB })}</p>
          <p>{t('settings.assetImport.columns')}</p>
          <p>{t('settings.assetImport.geojson')}</p>
          <p>
            {t('settings.assetImport.kinds')} <code>{ASSET_KINDS.join(', ')}</code>
          </p>
          <p className="muted">{t('settings.assetImport.whole')}</p>
        </div>
      );
    case 'uploading':
      return (
        <div
          className="asset-import__progress"
          role="status"
          data-testid="asset-import-progress"
          data-stage="uploading"
          data-percent={stage.percent}
        >
          <p>{t('settings.assetImport.uploading', { file: stage.fileName, percent: stage.percent })}</p>
          <progress max={100} value={stage.percent} />
        </div>
      );
    case 'processing':
      return <ProcessingView fileName={stage.fileName} step={stage.step} />;
    case 'refused':
      return (
        <Notice tone="error" testId="asset-import-refused">
          {t(`settings.assetImport.refused.${stage.reason}`, {
            file: stage.fileName,
            size: MAX_UPLOAD_MB,
          })}
        </Notice>
      );
    case 'failed':
      return (
        <Notice tone="error" testId="asset-import-failed" hint={<span className="mono">{stage.error.message}</span>}>
          {t('settings.assetImport.failed', { file: stage.fileName, message: t(`errors.${stage.error.code}`) })}
        </Notice>
      );
    case 'done':
      return <ReportView report={stage.report} />;
  }
}
