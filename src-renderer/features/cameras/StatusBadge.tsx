import { useTranslation } from 'react-i18next';
import type { CameraStatus } from '../../../src-shared/contract';
import { statusTone } from './cameraView';

/** Status in words with its colour; the title says what to do about it. */
export function StatusBadge({ status }: { status: CameraStatus }) {
  const { t } = useTranslation();
  return (
    <span
      className={`cam-badge cam-badge--${statusTone(status)}`}
      title={t(`cameras.advice.${status}`)}
      data-testid="camera-status"
      data-status={status}
    >
      <span className="cam-badge__dot" aria-hidden="true" />
      {t(`cameras.status.${status}`)}
    </span>
  );
}
