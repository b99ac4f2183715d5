import { useTranslation } from 'react-i18next';
import { CaseFacetFields, FacetMenu } from './CaseFacetFields';
import { type CaseFilter, NO_AGENCY, NO_SITE, type Option } from './caseFilter';

interface CaseFiltersProps {
  filter: CaseFilter;
  onChange: (filter: CaseFilter) => void;
  categories: readonly Option[];
  agencies: readonly Option[];
  /** The caller's sites; the filter shows only when there is more than one to choose from. */
  sites: readonly Option[];
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
      <CaseFacetFields
        facets={filter}
        onChange={set}
        categories={categories}
        agencies={agencies}
        noAgency={NO_AGENCY}
        testIdPrefix="cases-filter"
        checkClassName="case-filters__check"
      >
        {sites.length > 1 ? (
          <FacetMenu
            label={t('cases.site')}
            everyLabel={t('cases.allSites')}
            choices={[{ value: NO_SITE, label: t('cases.noSite') }, ...sites]}
            value={filter.site}
            onChange={(site) => set({ site })}
            testId="cases-filter-site"
            fieldClassName={undefined}
          />
        ) : null}
      </CaseFacetFields>
    </div>
  );
}
