import { useTranslation } from 'react-i18next';
import type { CameraCertificate } from '../../../src-shared/contract';
import { formatDateTime } from '../../../src-shared/i18n';
import { Notice } from '../../ui';

interface CertificatePinViewProps {
  certificate: CameraCertificate;
  canManage: boolean;
  busy: boolean;
  onTrust: (fingerprint: string) => void;
}

/**
 * An rtsps camera's certificate pin: what is trusted, what the camera presents when that was refused, and for
 * technicians the button that trusts what it presents (after comparing it with the camera's own page).
 */
export function CertificatePinView({ certificate, canManage, busy, onTrust }: CertificatePinViewProps) {
  const { t } = useTranslation();
  const { state, pinnedSha256, seenSha256 } = certificate;
  const warn = state === 'pending' || state === 'changed';
  return (
    <div className="cam-cert" data-testid="camera-certificate" data-state={state}>
      <h3 className="cam-detail__section">{t('cameras.certificate.title')}</h3>
      <Notice tone={state === 'changed' ? 'error' : warn ? 'warn' : 'info'}>
        {t(`cameras.certificate.state.${state}`)}
      </Notice>
      <dl className="cam-facts">
        {pinnedSha256 ? (
          <>
            <dt>{t('cameras.certificate.pinned')}</dt>
            <dd className="mono cam-cert__fp" data-testid="camera-certificate-pinned">
              {pinnedSha256}
              {certificate.pinnedAt ? (
                <span className="muted"> · {formatDateTime(new Date(certificate.pinnedAt))}</span>
              ) : null}
            </dd>
          </>
        ) : null}
        {seenSha256 && warn ? (
          <>
            <dt>{t('cameras.certificate.seen')}</dt>
            <dd className="mono cam-cert__fp" data-testid="camera-certificate-seen">
              {seenSha256}
            </dd>
          </>
        ) : null}
      </dl>
      {canManage && seenSha256 && warn ? (
        <>
          <p className="muted">{t('cameras.certificate.compare')}</p>
          <button
            type="button"
            className={`btn btn--small${state === 'changed' ? ' cam-danger' : ''}`}
            disabled={busy}
            data-testid="camera-certificate-trust"
            onClick={() => onTrust(seenSha256)}
          >
            {busy ? t('cameras.certificate.trusting') : t('cameras.certificate.trust')}
          </button>
        </>
      ) : null}
    </div>
  );
}
