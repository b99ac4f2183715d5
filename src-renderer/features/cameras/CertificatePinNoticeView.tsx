import { useTranslation } from 'react-i18next';
import { camerasHash } from './cameraFilter';
import type { CertificatesAwaiting } from './certificatePinAwaiting';
import './certificate-pin.css';

/**
 * The header's notice: how many cameras wait for a technician to trust their rtsps certificate, linking to the
 * Cameras page filtered to those cameras; none, nothing.
 */
export function CertificatePinNoticeView({ awaiting }: { awaiting: CertificatesAwaiting }) {
  const { t } = useTranslation();
  if (awaiting.size === 0) return null;
  const changed = [...awaiting.values()].some((state) => state === 'changed');
  return (
    <a
      className="cert-notice"
      href={camerasHash('awaiting')}
      role="status"
      title={t('cameras.certificate.noticeTitle')}
      data-testid="certificate-notice"
      data-state={changed ? 'changed' : 'pending'}
      data-count={awaiting.size}
    >
      <span aria-hidden="true">⚠</span> {t('cameras.certificate.notice', { count: awaiting.size })}
    </a>
  );
}
