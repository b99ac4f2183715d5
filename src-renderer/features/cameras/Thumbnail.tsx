import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera } from '../../../src-shared/contract';
import { isReachable } from './cameraView';
import { Glyph } from './Glyph';
import type { SnapshotCache } from './snapshots';
import { useSnapshot } from './useSnapshot';

/** A small snapshot, fetched only once the row scrolls into view and only from a camera that answers. */
export function Thumbnail({ cache, camera }: { cache: SnapshotCache; camera: Camera }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const [seen, setSeen] = useState(false);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        setSeen(true);
        observer.disconnect();
      }
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const { state } = useSnapshot(cache, camera.id, seen && isReachable(camera.status));
  const picture = state.status === 'done' && state.snapshot.ok ? state.snapshot.url : null;
  return (
    <div ref={box} className="cam-thumb" data-loading={state.status === 'loading' || undefined}>
      {picture ? (
        <img src={picture} alt={t('cameras.snapshot.alt', { name: camera.name })} data-testid="camera-thumb" />
      ) : (
        <Glyph name="camera" size={20} className="cam-thumb__placeholder" />
      )}
    </div>
  );
}
