import { useTranslation } from 'react-i18next';
import type { AwaitingState } from './certificatePinAwaiting';
import './certificate-pin.css';

/**
 * In the camera list's status column: the camera's rtsps certificate waits for a technician, or changed. With
 * `onTrust` (users holding cameras.manage) it is a button that opens the trust confirmation in place.
 */
export function CertificatePinBadge({ state, onTrust }: { state: AwaitingState; onTrust?: (() => void) | undefined }) {
  const { t } = useTranslation();
  const className = `cam-badge cam-badge--${state === 'changed' ? 'danger' : 'warn'} cam-badge--certificate`;
  const content = (
    <>
      <span className="cam-badge__dot" aria-hidden="true" />
      {t(`cameras.certificate.badge.${state}`)}
    </>
  );
  if (!onTrust) {
    return (
      <span
        className={className}
        title={t('cameras.certificate.badgeTitle')}
        data-testid="camera-certificate-badge"
        data-state={state}
      >
        {content}
      </span>
    );
  }
  return (
    <button
      type="button"
      className={`${className} cam-badge--action`}
      title={t('cameras.certificate.badgeTrustTitle')}
      aria-haspopup="dialog"
      data-testid="camera-certificate-badge"
      data-state={state}
      onClick={(event) => {
        // The row's own click opens the camera's detail; this opens only the confirmation.
        event.stopPropagation();
        onTrust();
      }}
    >
      {content}
    </button>
  );
}
