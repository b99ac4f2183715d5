import { useTranslation } from 'react-i18next';
import { EmptyState, Page } from '../../ui';

export function ReviewPage() {
  const { t } = useTranslation();
  return (
    <Page name="review" title={t('review.title')}>
      <EmptyState
        icon="review"
        title={t('review.emptyTitle')}
        body={t('review.emptyBody')}
        next={t('review.emptyNext')}
      />
    </Page>
  );
}
