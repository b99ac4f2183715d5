import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera } from '../../../src-shared/contract';
import { matchesSearch } from '../../../src-shared/i18n';
import { dragCamera } from './dragData';

interface CameraListProps {
  cameras: readonly Camera[] | null;
  /** Cameras already on the layout being edited, marked in the list. */
  onLayout: ReadonlySet<string>;
  /** Double-click or Enter: put the camera on the selected (or the first empty) tile. */
  onPick(cameraId: string): void;
}

/** Cameras to drag onto tiles; search without diacritics. */
export function CameraList({ cameras, onLayout, onPick }: CameraListProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const shown = useMemo(
    () => (cameras ?? []).filter((c) => matchesSearch(`${c.name} ${c.id} ${c.siteId ?? ''}`, query)),
    [cameras, query],
  );
  return (
    <section className="wall-cameras" aria-label={t('wall.cameras.title')} data-testid="wall-camera-list">
      <h2 className="wall-side__title">{t('wall.cameras.title')}</h2>
      <input
        className="input input--small"
        type="search"
        value={query}
        placeholder={t('wall.cameras.search')}
        aria-label={t('wall.cameras.search')}
        onChange={(event) => setQuery(event.target.value)}
      />
      <p className="muted wall-cameras__hint">{t('wall.cameras.hint')}</p>
      {cameras === null ? (
        <p className="loading">{t('common.loading')}</p>
      ) : shown.length === 0 ? (
        <p className="muted">{cameras.length === 0 ? t('wall.cameras.none') : t('wall.cameras.noMatch')}</p>
      ) : (
        <ul className="wall-cameras__list">
          {shown.map((camera) => (
            <li
              key={camera.id}
              className={onLayout.has(camera.id) ? 'wall-camera wall-camera--on' : 'wall-camera'}
              draggable
              tabIndex={0}
              data-testid={`wall-camera-${camera.id}`}
              onDragStart={(event) => dragCamera(event, camera.id)}
              onDoubleClick={() => onPick(camera.id)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  event.stopPropagation();
                  onPick(camera.id);
                }
              }}
              title={t('wall.cameras.itemHint')}
            >
              <span className={`wall-camera__dot wall-camera__dot--${camera.status}`} aria-hidden="true" />
              <span className="wall-camera__name">{camera.name}</span>
              <span className="wall-camera__meta mono">
                {camera.id}
                {camera.ptz ? ' · PTZ' : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
