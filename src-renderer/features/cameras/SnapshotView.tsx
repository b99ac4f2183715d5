import { useTranslation } from 'react-i18next';
import type { Camera } from '../../../src-shared/contract';
import { formatTime } from '../../../src-shared/i18n';
import { isReachable } from './cameraView';
import { Glyph } from './Glyph';
import type { SnapshotCache } from './snapshots';
import { useSnapshot } from './useSnapshot';

/** The detail pane's picture: 16:9, with the time it was taken and a button to take another. */
export function SnapshotView({ cache, camera }: { cache: SnapshotCache; camera: Camera }) {
  const { t } = useTranslation();
  const reachable = isReachable(camera.status);
  const { state, refresh } = useSnapshot(cache, camera.id, reachable);
  const snapshot = state.status === 'done' ? state.snapshot : null;

  return (
    <figure className="cam-snap" data-testid="camera-snapshot">
      <div className="cam-snap__frame">
        {snapshot?.ok ? (
          <img src={snapshot.url} alt={t('cameras.snapshot.alt', { name: camera.name })} data-testid="snapshot-image" />
        ) : (
          <div className="cam-snap__empty">
            <Glyph name="camera" size={32} />
            <span>
              {!reachable
                ? t('cameras.snapshot.offline')
                : state.status === 'loading' || state.status === 'idle'
                  ? t('cameras.snapshot.loading')
                  : snapshot && !snapshot.ok
                    ? t('cameras.snapshot.failed', { message: t(`errors.${snapshot.error.code}`) })
                    : null}
            </span>
          </div>
        )}
      </div>
      <figcaption className="cam-snap__caption">
        <span className="muted">
          {snapshot?.ok ? t('cameras.snapshot.takenAt', { time: formatTime(snapshot.at) }) : '\u00a0'}
        </span>
        <button
          type="button"
          className="btn btn--ghost btn--small"
          disabled={!reachable || state.status === 'loading'}
          data-testid="snapshot-refresh"
          onClick={refresh}
        >
          <Glyph name="refresh" size={14} />
          {t('cameras.snapshot.refresh')}
        </button>
      </figcaption>
    </figure>
  );
}
