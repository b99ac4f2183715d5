import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../ui';
import { mapFocusHash, MiniMap } from '../map';

interface CaseMiniMapProps {
  lat: number;
  long: number;
  caseId: string;
  code: string;
}

/**
 * Where the case is, on the offline basemap (the map code loads only when a case with a location is opened), and
 * "show on map": the Map page zoomed in on it, the case marked.
 */
export function CaseMiniMap({ lat, long, caseId, code }: CaseMiniMapProps) {
  const { t } = useTranslation();
  return (
    <section className="case-mini-map" data-testid="case-mini-map">
      <div className="case-mini-map__head">
        <h3 className="case-section-title">{t('cases.miniMap.title')}</h3>
        <a
          className="btn btn--small"
          href={mapFocusHash({ lat, lon: long, caseId, code })}
          data-testid="case-show-on-map"
        >
          {t('cases.miniMap.showOnMap')}
        </a>
      </div>
      <Suspense fallback={<div className="case-mini-map__placeholder" />}>
        <MiniMap
          lat={lat}
          long={long}
          label={t('cases.miniMap.label')}
          fallback={(reason, message) => (
            <Notice tone="warn" testId="case-mini-map-fallback">
              {reason === 'webgl'
                ? t('cases.miniMap.noWebGl', { lat: lat.toFixed(5), long: long.toFixed(5) })
                : t('cases.miniMap.failed', { message })}
            </Notice>
          )}
        />
      </Suspense>
    </section>
  );
}
