import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../src-shared/i18n';
import { EmptyState, Page, Panel, useNow } from '../../ui';
import { nextReportDeadline } from './reportDeadline';

const MINUTE_MS = 60_000;

export function DashboardPage() {
  const { t } = useTranslation();
  const { due, daysLeft } = nextReportDeadline(useNow(MINUTE_MS));
  return (
    <Page name="dashboard" title={t('dashboard.title')}>
      <EmptyState
        icon="dashboard"
        title={t('dashboard.emptyTitle')}
        body={t('dashboard.emptyBody')}
        next={t('dashboard.emptyNext')}
      />
      <Panel title={t('dashboard.nextReport')} testId="next-report" className="panel--narrow">
        <p className="figure">{t('dashboard.nextReportValue', { date: formatDate(due), days: daysLeft })}</p>
      </Panel>
    </Page>
  );
}
