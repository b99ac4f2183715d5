import { useTranslation } from 'react-i18next';
import type { Camera } from '../../../src-shared/contract';
import { Glyph } from './Glyph';

export function Capabilities({ camera }: { camera: Pick<Camera, 'ptz' | 'events'> }) {
  const { t } = useTranslation();
  if (!camera.ptz && !camera.events)
    return (
      <span className="muted" title={t('cameras.capability.none')}>
        —
      </span>
    );
  return (
    <span className="cam-caps">
      {camera.ptz ? (
        <span className="cam-cap" title={t('cameras.capability.ptz')} data-testid="cap-ptz">
          <Glyph name="ptz" />
          <span className="visually-hidden">{t('cameras.capability.ptz')}</span>
        </span>
      ) : null}
      {camera.events ? (
        <span className="cam-cap" title={t('cameras.capability.events')} data-testid="cap-events">
          <Glyph name="events" />
          <span className="visually-hidden">{t('cameras.capability.events')}</span>
        </span>
      ) : null}
    </span>
  );
}
