import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../bridge';
import { takeFocusedCase, useCaseFocus } from '../../stores/caseFocus';
import { useCan } from '../../stores/session';
import { CaseCreatedNotice, NewCaseDialog, type CaseCreated } from '../case-create';
import { EmptyState, Notice, Page } from '../../ui';
import { CaseDetailPane } from './CaseDetailPane';
import { CaseFilters } from './CaseFilters';
import {
  agencyOptions,
  facetsOf,
  listInputOf,
  NO_FILTER,
  type CaseFilter,
  type Option,
  withCategories,
} from './caseFilter';
import { CaseList } from './CaseList';
import { ConflictsPanel } from './ConflictsPanel';
import { SyncBar } from './SyncBar';
import { agencyName, useAgencies } from './useAgencies';
import { MAX_LOADED, useCaseList } from './useCaseList';
import { useSyncStatus } from './useSyncStatus';
import './cases.css';

/** Cases: the inbox (every filter applied by the core), one case's detail, and sync awareness. */
export function CasesPage() {
  const { t, i18n } = useTranslation();
  const canWrite = useCan('cases.write');
  const sync = useSyncStatus();
  const [filter, setFilter] = useState<CaseFilter>(NO_FILTER);
  const query = useDeferredValue(filter.query);
  const input = useMemo(() => listInputOf({ ...filter, query }), [filter, query]);
  const list = useCaseList(input);
  const [selectedId, setSelectedId] = useState<string | null>(() => takeFocusedCase());
  // "Open the case" after creating one elsewhere (the wall): select it.
  const focused = useCaseFocus((f) => f.caseId);
  useEffect(() => {
    if (focused !== null) setSelectedId(takeFocusedCase());
  }, [focused]);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CaseCreated | null>(null);
  const directory = useAgencies();
  const siteList = useCommand('sites.list', {});
  const sites = useMemo(
    () =>
      siteList.state.status === 'done' && siteList.state.result.ok
        ? siteList.state.result.value.map((s) => ({ value: s.id, label: s.name }))
        : [],
    [siteList.state],
  );

  const loaded = useMemo(() => (list.state.status === 'ready' ? list.state.cases : []), [list.state]);
  const facets = useMemo(() => facetsOf(loaded), [loaded]);
  const [categories, setCategories] = useState<readonly Option[]>([]);
  useEffect(() => setCategories((seen) => withCategories(seen, facets.categories)), [facets]);
  const agencies = useMemo(() => agencyOptions(directory.items, facets.agencies), [directory, facets]);
  const agencyLabel = useCallback((id: string) => agencyName(directory, id, true), [directory]);
  const codes = useMemo(() => new Map(loaded.map((c) => [c.id, c.code])), [loaded]);
  const codeOf = useCallback((caseId: string) => codes.get(caseId), [codes]);
  const siteName = useCallback((id: string) => sites.find((s) => s.value === id)?.label ?? id, [sites]);
  const unfiltered = Object.keys(listInputOf(filter)).length === 0;
  const count = (n: number) => new Intl.NumberFormat(i18n.language === 'vi' ? 'vi-VN' : 'en-GB').format(n);

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
    const totalCapped = list.state.status === 'ready' && list.state.totalCapped;
    content = (
      <div className="cases" data-detail={selectedId ? true : undefined}>
        <div className="cases__inbox">
          <CaseFilters filter={filter} onChange={setFilter} categories={categories} agencies={agencies} sites={sites} />
          <p className="muted cases__count" data-testid="cases-count">
            {t(totalCapped ? 'cases.countAtLeast' : 'cases.count', {
              shown: count(loaded.length),
              total: count(total),
            })}
            {loaded.length >= MAX_LOADED && (totalCapped || total > MAX_LOADED)
              ? ` — ${t('cases.truncated', { max: count(MAX_LOADED) })}`
              : ''}
          </p>
          {loaded.length > 0 ? (
            <CaseList
              cases={loaded}
              query={query}
              selectedId={selectedId}
              onSelect={setSelectedId}
              agencyLabel={agencyLabel}
            />
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
            <CaseDetailPane
              key={selectedId}
              id={selectedId}
              canWrite={canWrite}
              agencies={directory}
              siteName={siteName}
            />
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
      {canWrite ? (
        <div className="newcase__bar">
          <button
            type="button"
            className="btn btn--small"
            data-testid="cases-new"
            title={t('caseCreate.openHint')}
            onClick={() => setCreating(true)}
          >
            ＋ {t('caseCreate.open')}
          </button>
          {created ? <CaseCreatedNotice created={created} onDismiss={() => setCreated(null)} /> : null}
        </div>
      ) : null}
      {creating ? (
        <NewCaseDialog
          camera={null}
          onClose={() => setCreating(false)}
          onCreated={(result) => {
            setCreating(false);
            setCreated(result);
            setSelectedId(result.caseId);
          }}
        />
      ) : null}
      {canWrite && sync ? <ConflictsPanel count={sync.conflicts} codeOf={codeOf} /> : null}
      {content}
    </Page>
  );
}
