import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CameraCertificate } from '../../../src-shared/contract';
import { core, type ClientError } from '../../bridge';
import { Notice } from '../../ui';
import { CertificatePinView } from './CertificatePinView';

type Load =
  | { status: 'loading' }
  | { status: 'ready'; certificate: CameraCertificate }
  | { status: 'failed'; code: ClientError['code'] };

/** Loads the camera's certificate pin; shows nothing for a camera without rtsps that presented nothing. */
export function CertificatePin({ cameraId, canManage }: { cameraId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: true } | { ok: false; code: ClientError['code'] } | null>(null);

  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let live = true;
    void core.call('cameras.certificate', { id: cameraId }).then((result) => {
      if (!live) return;
      setLoad(
        result.ok ? { status: 'ready', certificate: result.value } : { status: 'failed', code: result.error.code },
      );
    });
    return () => {
      live = false;
    };
  }, [cameraId, reloads]);

  async function trust(fingerprint: string): Promise<void> {
    setBusy(true);
    const result = await core.call('cameras.trustCertificate', { id: cameraId, fingerprint });
    setBusy(false);
    if (result.ok) {
      setLoad({ status: 'ready', certificate: result.value });
      setOutcome({ ok: true });
    } else {
      setOutcome({ ok: false, code: result.error.code });
      // The camera may present another certificate by now: show that one.
      setReloads((n) => n + 1);
    }
  }

  if (load.status === 'loading') return null;
  if (load.status === 'failed') {
    return <Notice tone="error">{t('cameras.certificate.loadFailed', { message: t(`errors.${load.code}`) })}</Notice>;
  }
  if (!load.certificate.tls && load.certificate.state === 'none') return null;
  return (
    <>
      <CertificatePinView
        certificate={load.certificate}
        canManage={canManage}
        busy={busy}
        onTrust={(fingerprint) => void trust(fingerprint)}
      />
      {outcome?.ok ? <Notice tone="info">{t('cameras.certificate.trusted')}</Notice> : null}
      {outcome && !outcome.ok ? (
        <Notice tone="error">{t('cameras.certificate.failed', { message: t(`errors.${outcome.code}`) })}</Notice>
      ) : null}
    </>
  );
}
