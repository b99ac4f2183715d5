import { useTranslation } from 'react-i18next';
import { EmptyState, Page } from '../../ui';

export function CamerasPage() {
  const { t } = useTranslation();
  return (
    <Page name="cameras" title={t('cameras.title')}>
      <EmptyState
        icon="cameras"
        title={t('cameras.emptyTitle')}
        body={t('cameras.emptyBody')}
        next={t('cameras.emptyNext')}
      />
    </Page>
  );
}
