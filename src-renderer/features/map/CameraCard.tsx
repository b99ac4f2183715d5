import { useTranslation } from 'react-i18next';
import type { Camera } from '../../../src-shared/contract';

/** What the operator sees on clicking a camera: which one, its health, and where to act on it. */
export function CameraCard({
  camera,
  siteName,
  onClose,
}: {
  camera: Camera;
  siteName: string | null;
  onClose(): void;
}) {
  const { t } = useTranslation();
  return (
    <div className="map-card" data-testid="map-camera-card" data-camera-id={camera.id}>
      <div className="map-card__head">
        <strong>{camera.name}</strong>
        <button type="button" className="button button--ghost" onClick={onClose} aria-label={t('map.selected.close')}>
          ×
        </button>
      </div>
      <dl className="map-card__facts">
        <dt>{t('map.selected.status')}</dt>
        <dd>{t(`map.status.${camera.status}`)}</dd>
        {siteName ? (
          <>
            <dt>{t('map.selected.site')}</dt>
            <dd>{siteName}</dd>
          </>
        ) : null}
      </dl>
      <a className="button" href={`#/cameras?id=${encodeURIComponent(camera.id)}`}>
        {t('map.selected.openCameras')}
      </a>
    </div>
  );
}
