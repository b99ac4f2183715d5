import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../../src-shared/i18n/format';
import { Notice } from '../../ui';
import { CaseActions } from './CaseActions';
import { CaseMedia } from './CaseMedia';
import { CaseMiniMap } from './CaseMiniMap';
import { CommentBox } from './CommentBox';
import { ReporterFacts } from './ReporterFacts';
import { Timeline } from './Timeline';
import { type AgencyDirectory, agencyName } from './useAgencies';
import { useCaseDetail } from './useCaseDetail';

interface CaseDetailPaneProps {
  id: string;
  canWrite: boolean;
  agencies: AgencyDirectory;
  siteName: (id: string) => string;
}

export function CaseDetailPane({ id, canWrite, agencies, siteName }: CaseDetailPaneProps) {
  const { t } = useTranslation();
  const { state, reload } = useCaseDetail(id);
  if (state.status === 'loading') return <p className="loading">{t('cases.detail.loading')}</p>;
  if (state.status === 'failed') {
    return (
      <Notice tone="error" testId="case-detail-error">
        {t('cases.detail.failed', { message: t(`errors.${state.error.code}`) })}
      </Notice>
    );
  }
  const d = state.detail;
  const none = <span className="muted">{t('cases.detail.none')}</span>;
  return (
    <article className="case-detail" data-testid="case-detail" data-case-id={d.id} data-state={d.state}>
      <header className="case-detail__head">
        <h2 className="case-detail__code mono">{d.code}</h2>
        <span className={`case-state case-state--${d.state}`} data-testid="case-detail-state">
          {t(`cases.state.${d.state}`)}
        </span>
        <span className="muted">{d.serviceName}</span>
      </header>
      <dl className="facts">
        <dt>{t('cases.detail.description')}</dt>
        <dd className="case-detail__text">{d.description ?? none}</dd>
        <dt>{t('cases.detail.address')}</dt>
        <dd>{d.addressString ?? (d.lat !== null && d.long !== null ? `${d.lat}, ${d.long}` : none)}</dd>
        <dt>{t('cases.detail.received')}</dt>
        <dd>{formatDateTime(new Date(d.receivedAt))}</dd>
        <dt>{t('cases.detail.due')}</dt>
        <dd className={d.overdue ? 'case-row__due--overdue' : undefined} data-testid="case-detail-due">
          {formatDate(new Date(d.dueAt))}
          {d.overdue ? ` · ${t('cases.overdue')}` : ''}
        </dd>
        <dt>{t('cases.detail.agency')}</dt>
        <dd data-testid="case-detail-agency">{d.agencyId !== null ? agencyName(agencies, d.agencyId) : none}</dd>
        <dt>{t('cases.site')}</dt>
        <dd data-testid="case-detail-site">{d.siteId !== null ? siteName(d.siteId) : t('cases.noSite')}</dd>
        <dt>{t('cases.detail.assignee')}</dt>
        <dd>{d.assignee ?? none}</dd>
        {d.publicResult ? (
          <>
            <dt>{t('cases.detail.result')}</dt>
            <dd>{d.publicResult}</dd>
          </>
        ) : null}
        {d.rejectionReason ? (
          <>
            <dt>{t('cases.detail.rejection')}</dt>
            <dd>{d.rejectionReason}</dd>
          </>
        ) : null}
      </dl>
      <CaseMedia key={d.id} items={d.attachments} />
      {d.lat !== null && d.long !== null ? <CaseMiniMap lat={d.lat} long={d.long} caseId={d.id} code={d.code} /> : null}
      <ReporterFacts caseId={d.id} reporter={d.reporter} />
      {canWrite ? <CaseActions key={`${d.id}:${d.state}`} detail={d} agencies={agencies} onDone={reload} /> : null}
      <h3 className="case-section-title">{t('cases.detail.timeline')}</h3>
      <Timeline entries={d.timeline} agencyLabel={(agencyId) => agencyName(agencies, agencyId)} />
      {canWrite ? <CommentBox caseId={d.id} onDone={reload} /> : null}
    </article>
  );
}
