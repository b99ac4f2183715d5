import { useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../stores/session';
import { EmptyState, Notice, Page } from '../../ui';
import { CaseDetailPane } from './CaseDetailPane';
import { CaseFilters } from './CaseFilters';
import { facetsOf, filterCases, NO_FILTER, type CaseFilter } from './caseFilter';
import { CaseList } from './CaseList';
import { ConflictsPanel } from './ConflictsPanel';
import { SyncBar } from './SyncBar';
import { MAX_LOADED, useCaseList } from './useCaseList';
import { useSyncStatus } from './useSyncStatus';
import './cases.css';

/** Cases: the inbox (search and status on the core, other filters here), one case's detail, and sync awareness. */
export function CasesPage() {
  const { t } = useTranslation();
  const canWrite = useCan('cases.write');
  const sync = useSyncStatus();
  const [filter, setFilter] = useState<CaseFilter>(NO_FILTER);
  const query = useDeferredValue(filter.query);
  const list = useCaseList(query, filter.status);
  const [selectedId, setSelectedId] = useState<string | null>(null);

  const loaded = useMemo(() => (list.state.status === 'ready' ? list.state.cases : []), [list.state]);
  const facets = useMemo(() => facetsOf(loaded), [loaded]);
  const shown = useMemo(() => filterCases(loaded, filter), [loaded, filter]);
  const unfiltered = filter.query === '' && filter.status === '';

  let content;
  if (list.state.status === 'loading' && loaded.length === 0) content = <p className="loading">{t('cases.loading')}</p>;
  else if (list.state.status === 'failed') {
    content = (
      <Notice tone="error" testId="cases-error">
        {t('cases.failed', { message: t(`errors.${list.state.error.code}`) })}{' '}
        <button type="button" className="btn btn--small" onClick={list.reload}>
          {t('common.reload')}
        </button>
      </Notice>
    );
  } else if (list.state.status === 'ready' && list.state.total === 0 && unfiltered) {
    content = (
      <EmptyState icon="cases" title={t('cases.emptyTitle')} body={t('cases.emptyBody')} next={t('cases.emptyNext')} />
    );
  } else {
    const total = list.state.status === 'ready' ? list.state.total : 0;
    content = (
      <div className="cases" data-detail={selectedId ? true : undefined}>
        <div className="cases__inbox">
          <CaseFilters filter={filter} onChange={setFilter} categories={facets.categories} agencies={facets.agencies} />
          <p className="muted cases__count" data-testid="cases-count">
            {t('cases.count', { shown: shown.length, total })}
            {total > MAX_LOADED ? ` — ${t('cases.truncated', { max: MAX_LOADED })}` : ''}
          </p>
          {shown.length > 0 ? (
            <CaseList cases={shown} query={query} selectedId={selectedId} onSelect={setSelectedId} />
          ) : (
            <div className="cases__nomatch" data-testid="cases-nomatch">
              <p className="muted">{t('cases.noMatch')}</p>
              <button type="button" className="btn btn--small" onClick={() => setFilter(NO_FILTER)}>
                {t('cases.clearFilters')}
              </button>
            </div>
          )}
        </div>
        <aside className="cases__detail">
          {selectedId ? (
            <CaseDetailPane key={selectedId} id={selectedId} canWrite={canWrite} agencies={facets.agencies} />
          ) : (
            <p className="muted">{t('cases.detail.select')}</p>
          )}
        </aside>
      </div>
    );
  }

  return (
    <Page name="cases" title={t('cases.title')}>
      <SyncBar status={sync} />
      {canWrite && sync ? <ConflictsPanel count={sync.conflicts} /> : null}
      {content}
    </Page>
  );
}
