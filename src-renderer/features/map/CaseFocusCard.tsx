import { useTranslation } from 'react-i18next';
import { focusCase } from '../../stores/caseFocus';
import type { MapFocus } from './mapFocus';

/** The case the map was opened on: its code and place, a way back to it, and × to clear the focus. */
export function CaseFocusCard({ focus, onClose }: { focus: MapFocus; onClose(): void }) {
  const { t } = useTranslation();
  const { caseId } = focus;
  return (
    <div className="map-card" data-testid="map-case-card" data-case-id={caseId ?? undefined}>
      <div className="map-card__head">
        <strong>{focus.code ? t('map.caseFocus.title', { code: focus.code }) : t('map.caseFocus.place')}</strong>
        <button type="button" className="button button--ghost" onClick={onClose} aria-label={t('map.selected.close')}>
          ×
        </button>
      </div>
      <p className="muted mono">
        {focus.lat.toFixed(5)}, {focus.lon.toFixed(5)}
      </p>
      {caseId ? (
        <button
          type="button"
          className="button"
          data-testid="map-case-open"
          onClick={() => {
            focusCase(caseId);
            location.hash = '#/cases';
          }}
        >
          {t('map.caseFocus.open')}
        </button>
      ) : null}
    </div>
  );
}
