import { useTranslation } from 'react-i18next';
import { CASE_STATES } from '../../../src-shared/domain/cases/states';
import { Notice } from '../../ui';
import {
  activeCaseFilters,
  CASE_STATUS_CHOICES,
  type CaseStatusChoice,
  DEFAULT_CASE_FILTER,
  type FilterOption,
  type MapCaseFilter,
  NO_AGENCY,
  withChosen,
} from './caseFilter';

const isStatus = (value: string): value is CaseStatusChoice =>
  value === '' || CASE_STATUS_CHOICES.some((s) => s === value);

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
          <label className="map-filter__field">
            <span>{t('cases.status')}</span>
            <select
              className="input"
              value={filter.status}
              onChange={(e) => {
                if (isStatus(e.target.value)) set({ status: e.target.value });
              }}
              data-testid="map-case-filter-status"
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
          </label>
          <label className="map-filter__field">
            <span>{t('cases.category')}</span>
            <select
              className="input"
              value={filter.category}
              onChange={(e) => set({ category: e.target.value })}
              data-testid="map-case-filter-category"
            >
              <option value="">{t('cases.allCategories')}</option>
              {withChosen(categories, filter.category).map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
          <label className="map-filter__field">
            <span>{t('cases.agency')}</span>
            <select
              className="input"
              value={filter.agency}
              onChange={(e) => set({ agency: e.target.value })}
              data-testid="map-case-filter-agency"
            >
              <option value="">{t('cases.allAgencies')}</option>
              <option value={NO_AGENCY}>{t('cases.noAgency')}</option>
              {withChosen(agencies, filter.agency).map((a) => (
                <option key={a.value} value={a.value}>
                  {a.label}
                </option>
              ))}
            </select>
          </label>
          <label className="map-filter__option">
            <input
              type="checkbox"
              checked={filter.overdueOnly}
              onChange={(e) => set({ overdueOnly: e.target.checked })}
              data-testid="map-case-filter-overdue"
            />
            <span>{t('cases.overdueOnly')}</span>
          </label>
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
