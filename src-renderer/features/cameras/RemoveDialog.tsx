import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera } from '../../../src-shared/contract';
import { core, type ClientError } from '../../bridge';
import { Notice } from '../../ui';
import { addressLabel } from './cameraView';
import { Dialog } from './Dialog';

export function RemoveDialog({
  camera,
  onClose,
  onRemoved,
}: {
  camera: Camera;
  onClose: () => void;
  onRemoved: (id: string) => void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ClientError | null>(null);

  async function remove(): Promise<void> {
    setBusy(true);
    setError(null);
    const result = await core.call('cameras.remove', { id: camera.id });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    onRemoved(camera.id);
  }

  return (
    <Dialog title={t('cameras.remove.title')} onClose={onClose} testId="camera-remove-dialog">
      <div className="cam-dialog__body">
        <p>{t('cameras.remove.body', { name: camera.name, address: addressLabel(camera) })}</p>
        {error ? (
          <Notice tone="error">{t('cameras.remove.failed', { message: t(`errors.${error.code}`) })}</Notice>
        ) : null}
      </div>
      <footer className="cam-dialog__footer">
        <button type="button" className="btn" onClick={onClose}>
          {t('cameras.remove.cancel')}
        </button>
        <button
          type="button"
          className="btn cam-danger cam-danger--solid"
          disabled={busy}
          data-testid="camera-remove-confirm"
          onClick={() => void remove()}
        >
          {t('cameras.remove.confirm')}
        </button>
      </footer>
    </Dialog>
  );
}
