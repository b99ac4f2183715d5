import { useTranslation } from 'react-i18next';
import type { Camera } from '../../../src-shared/contract';
import { CertificatePin } from './CertificatePin';
import { Dialog } from './Dialog';

/**
 * From the camera list: the certificate the camera presents right now (SHA-256) and the button that trusts it,
 * the same `cameras.trustCertificate` the camera's detail uses; Escape or Close returns to the list.
 */
export function CertificateTrustDialog({ camera, onClose }: { camera: Camera; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog
      title={t('cameras.certificate.trustTitle', { name: camera.name })}
      onClose={onClose}
      testId="camera-certificate-dialog"
    >
      <div className="cam-dialog__body">
        <CertificatePin cameraId={camera.id} canManage />
      </div>
      <footer className="cam-dialog__footer">
        <button type="button" className="btn" data-testid="camera-certificate-close" onClick={onClose}>
          {t('common.close')}
        </button>
      </footer>
    </Dialog>
  );
}
