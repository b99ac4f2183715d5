import { useTranslation } from 'react-i18next';
import { EmptyState, Page } from '../../ui';

export function MapPage() {
  const { t } = useTranslation();
  return (
    <Page name="map" title={t('map.title')}>
      <EmptyState icon="map" title={t('map.emptyTitle')} body={t('map.emptyBody')} next={t('map.emptyNext')} />
    </Page>
  );
}
