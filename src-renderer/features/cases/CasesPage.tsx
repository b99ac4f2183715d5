import { useTranslation } from 'react-i18next';
import { EmptyState, Page } from '../../ui';

export function CasesPage() {
  const { t } = useTranslation();
  return (
    <Page name="cases" title={t('cases.title')}>
      <EmptyState icon="cases" title={t('cases.emptyTitle')} body={t('cases.emptyBody')} next={t('cases.emptyNext')} />
    </Page>
  );
}
