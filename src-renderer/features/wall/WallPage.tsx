import { useTranslation } from 'react-i18next';
import { EmptyState, Page } from '../../ui';
import { DisplaysPanel } from './DisplaysPanel';
import './wall.css';

export function WallPage() {
  const { t } = useTranslation();
  return (
    <Page name="wall" title={t('wall.title')}>
      <EmptyState icon="wall" title={t('wall.emptyTitle')} body={t('wall.emptyBody')} next={t('wall.emptyNext')} />
      <DisplaysPanel />
    </Page>
  );
}
