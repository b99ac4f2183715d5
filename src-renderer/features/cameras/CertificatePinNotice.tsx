import { useCan } from '../../stores/session';
import { CertificatePinNoticeView } from './CertificatePinNoticeView';
import { useCertificatesAwaiting } from './useCertificatesAwaiting';

/**
 * In the header on every page: how many cameras wait for a technician to trust (or re-trust) their rtsps
 * certificate — their pictures are stopped until then — linking to the Cameras page. Nothing when none wait.
 */
export function CertificatePinNotice() {
  const canRead = useCan('cameras.read');
  const awaiting = useCertificatesAwaiting(canRead);
  return <CertificatePinNoticeView awaiting={awaiting} />;
}
