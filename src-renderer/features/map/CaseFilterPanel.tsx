import { useTranslation } from 'react-i18next';
import { Notice } from '../../ui';
import { CaseFacetFields } from '../cases';
import {
  activeCaseFilters,
  DEFAULT_CASE_FILTER,
  type FilterOption,
  type MapCaseFilter,
  NO_AGENCY,
  withChosen,
} from './caseFilter';

/**
 * Which citizens' cases the map draws: by status (open/closed or a lifecycle state), category, agency, overdue
 * only. The words of each choice are those of the Cases page, so the two read alike.
 */
export function CaseFilterPanel({
  filter,
  onChange,
  categories,
  agencies,
  allFilteredOut,
  windowNarrowed,
}: {
  filter: MapCaseFilter;
  onChange(filter: MapCaseFilter): void;
  categories: readonly FilterOption[];
  agencies: readonly FilterOption[];
  /** The filter's answer is in and leaves no case to draw. */
  allFilteredOut: boolean;
  /** The time window is not "all": widening it is another way to find cases. */
  windowNarrowed: boolean;
}) {
  const { t } = useTranslation();
  const active = activeCaseFilters(filter);
  const set = (patch: Partial<MapCaseFilter>) => onChange({ ...filter, ...patch });
  return (
    <div className="map-filter" data-testid="map-case-filter" data-narrowed={active > 0 || undefined}>
      <details className="map-filter__details">
        <summary data-testid="map-case-filter-toggle">
          {t('map.caseFilter.title')}
          {active > 0 ? (
            <span className="map-filter__summary"> ({t('map.caseFilter.active', { count: active })})</span>
          ) : null}
        </summary>
        <div className="map-filter__fields">
          <CaseFacetFields
            facets={filter}
            onChange={set}
            categories={withChosen(categories, filter.category)}
            agencies={withChosen(agencies, filter.agency)}
            noAgency={NO_AGENCY}
            testIdPrefix="map-case-filter"
            fieldClassName="map-filter__field"
            checkClassName="map-filter__option"
          />
          <p className="muted map-filter__note">{t('map.caseFilter.appliesTo')}</p>
        </div>
        {/* When nothing matches, the notice below carries the same button. */}
        {active > 0 && !allFilteredOut ? (
          <button
            type="button"
            className="button button--ghost"
            onClick={() => onChange(DEFAULT_CASE_FILTER)}
            data-testid="map-case-filter-reset"
          >
            {t('map.caseFilter.reset')}
          </button>
        ) : null}
      </details>
      {allFilteredOut ? (
        <div data-testid="map-cases-filtered-out">
          <Notice
            tone="info"
            hint={t(windowNarrowed ? 'map.caseFilter.noMatchHintWindow' : 'map.caseFilter.noMatchHint')}
          >
            {t('map.caseFilter.noMatch')}
          </Notice>
          <button
            type="button"
            className="button"
            onClick={() => onChange(DEFAULT_CASE_FILTER)}
            data-testid="map-case-filter-clear"
          >
            {t('map.caseFilter.reset')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
