import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../ui';
import { MiniMap } from '../map';

/** Where the case is, on the offline basemap (the map code loads only when a case with a location is opened). */
export function CaseMiniMap({ lat, long }: { lat: number; long: number }) {
  const { t } = useTranslation();
  return (
    <section className="case-mini-map" data-testid="case-mini-map">
      <h3 className="case-section-title">{t('cases.miniMap.title')}</h3>
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
