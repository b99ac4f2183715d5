import { useTranslation } from 'react-i18next';
import type { CameraStatus } from '../../../src-shared/contract';
import { Notice } from '../../ui';
import { headlineOf, statusTone } from './cameraView';

interface StatusAdviceProps {
  status: CameraStatus;
  detail: string | null;
  testId?: string;
}

/** What happened and what to try, in the UI language, with the core's technical detail underneath. */
export function StatusAdvice({ status, detail, testId }: StatusAdviceProps) {
  const { t } = useTranslation();
  const headline = headlineOf(status, detail);
  const tone = statusTone(status);
  return (
    <Notice
      tone={tone === 'danger' ? 'error' : tone === 'warn' ? 'warn' : 'info'}
      testId={testId}
      hint={
        <>
          <span className="cam-advice__text">{t(`cameras.advice.${headline}`)}</span>
          {detail ? (
            <span className="cam-advice__detail">
              {t('cameras.detailLabel')}: <span className="mono">{detail}</span>
            </span>
          ) : null}
        </>
      }
    >
      <strong data-headline={headline}>{t(`cameras.headline.${headline}`)}</strong>
    </Notice>
  );
}
