import { useTranslation } from 'react-i18next';
import { CASE_STATES } from '../../../src-shared/domain/cases/states';
import { type CaseFilter, NO_AGENCY, NO_SITE, type Option } from './caseFilter';

interface CaseFiltersProps {
  filter: CaseFilter;
  onChange: (filter: CaseFilter) => void;
  categories: readonly Option[];
  agencies: readonly Option[];
  /** The caller's sites; the filter shows only when there is more than one to choose from. */
  sites: readonly Option[];
}

function isStatus(value: string): value is CaseFilter['status'] {
  return value === '' || value === 'open' || value === 'closed' || CASE_STATES.some((s) => s === value);
}

export function CaseFilters({ filter, onChange, categories, agencies, sites }: CaseFiltersProps) {
  const { t } = useTranslation();
  const set = (patch: Partial<CaseFilter>): void => onChange({ ...filter, ...patch });
  return (
    <div className="case-filters" role="search">
      <input
        className="input case-filters__search"
        type="search"
        value={filter.query}
        placeholder={t('cases.search')}
        aria-label={t('cases.search')}
        data-testid="cases-search"
        onChange={(e) => set({ query: e.target.value })}
      />
      <select
        className="input"
        aria-label={t('cases.status')}
        data-testid="cases-filter-status"
        value={filter.status}
        onChange={(e) => {
          if (isStatus(e.target.value)) set({ status: e.target.value });
        }}
      >
        <option value="">{t('cases.allStatuses')}</option>
        <option value="open">{t('cases.openOnly')}</option>
        <option value="closed">{t('cases.closedOnly')}</option>
        {CASE_STATES.map((s) => (
          <option key={s} value={s}>
            {t(`cases.state.${s}`)}
          </option>
        ))}
      </select>
      <select
        className="input"
        aria-label={t('cases.category')}
        data-testid="cases-filter-category"
        value={filter.category}
        onChange={(e) => set({ category: e.target.value })}
      >
        <option value="">{t('cases.allCategories')}</option>
        {categories.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      <select
        className="input"
        aria-label={t('cases.agency')}
        data-testid="cases-filter-agency"
        value={filter.agency}
        onChange={(e) => set({ agency: e.target.value })}
      >
        <option value="">{t('cases.allAgencies')}</option>
        <option value={NO_AGENCY}>{t('cases.noAgency')}</option>
        {agencies.map((a) => (
          <option key={a.value} value={a.value}>
            {a.label}
          </option>
        ))}
      </select>
      {sites.length > 1 ? (
        <select
          className="input"
          aria-label={t('cases.site')}
          data-testid="cases-filter-site"
          value={filter.site}
          onChange={(e) => set({ site: e.target.value })}
        >
          <option value="">{t('cases.allSites')}</option>
          <option value={NO_SITE}>{t('cases.noSite')}</option>
          {sites.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      ) : null}
      <label className="case-filters__check">
        <input
          type="checkbox"
          checked={filter.overdueOnly}
          data-testid="cases-filter-overdue"
          onChange={(e) => set({ overdueOnly: e.target.checked })}
        />
        {t('cases.overdueOnly')}
      </label>
    </div>
  );
}
