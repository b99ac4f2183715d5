import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera } from '../../../src-shared/contract';
import { core } from '../../bridge';
import { useCan } from '../../stores/session';
import { PtzPanel } from '../ptz';

type WallRequest = 'idle' | 'busy' | 'shown' | 'noDisplay' | 'failed';

/**
 * What the operator sees on clicking a camera: which one, its health, and where to act on it — put it on the wall
 * (the alarm slot of every display with pop-ups on) and steer it (the compact PTZ panel; its keys while it has focus).
 */
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
  const canWall = useCan('wall.view');
  const canPtz = useCan('ptz.control');
  const [wall, setWall] = useState<WallRequest>('idle');
  const showOnWall = () => {
    setWall('busy');
    void core.call('walls.popup', { cameraIds: [camera.id], title: camera.name }).then((r) => {
      if (!r.ok) setWall('failed');
      else setWall(r.value.length > 0 ? 'shown' : 'noDisplay');
    });
  };
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
      <div className="map-card__actions">
        {canWall ? (
          <button
            type="button"
            className="button"
            disabled={wall === 'busy'}
            onClick={showOnWall}
            data-testid="map-camera-to-wall"
            data-state={wall}
          >
            {wall === 'shown' ? t('map.selected.onWall') : t('map.selected.toWall')}
          </button>
        ) : null}
        <a className="button" href={`#/cameras?id=${encodeURIComponent(camera.id)}`}>
          {t('map.selected.openCameras')}
        </a>
      </div>
      {wall === 'noDisplay' || wall === 'failed' ? (
        <p className="muted" role="alert" data-testid="map-camera-wall-problem">
          {t(wall === 'noDisplay' ? 'map.selected.noPopupDisplay' : 'map.selected.toWallFailed')}
        </p>
      ) : null}
      {canPtz && camera.ptz ? (
        <details className="map-card__ptz" data-testid="map-camera-ptz">
          <summary>{t('map.selected.ptz')}</summary>
          <PtzPanel cameraId={camera.id} compact />
        </details>
      ) : null}
    </div>
  );
}
