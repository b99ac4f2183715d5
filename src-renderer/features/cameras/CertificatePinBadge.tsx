import { useTranslation } from 'react-i18next';
import type { AwaitingState } from './certificatePinAwaiting';

/** In the camera list's status column: the camera's rtsps certificate waits for a technician, or changed. */
export function CertificatePinBadge({ state }: { state: AwaitingState }) {
  const { t } = useTranslation();
  return (
    <span
      className={`cam-badge cam-badge--${state === 'changed' ? 'danger' : 'warn'} cam-badge--certificate`}
      title={t('cameras.certificate.badgeTitle')}
      data-testid="camera-certificate-badge"
      data-state={state}
    >
      <span className="cam-badge__dot" aria-hidden="true" />
      {t(`cameras.certificate.badge.${state}`)}
    </span>
  );
}
