import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { AlertDomain, AlertSeverity, AlertState } from '../../../src-shared/domain/alerts/model';
import { Notice } from '../../ui';
import {
  type AckState,
  changedFacets,
  DEFAULT_ALERT_FILTER,
  FACET_VALUES,
  type MapAlertFilter,
  SHOW_ALL_ALERTS,
  toggleFacet,
} from './alertFilter';

type Facet = keyof MapAlertFilter;
const FACETS: Facet[] = ['severities', 'domains', 'states', 'ack'];

/** One value of one facet in words: severities and domains are worded once, in the alerts section. */
function valueLabel(t: TFunction, facet: Facet, value: string): string {
  if (facet === 'severities') return t(`alerts.severity.${value as AlertSeverity}`);
  if (facet === 'domains') return t(`alerts.domain.${value as AlertDomain}`);
  if (facet === 'states') return t(`map.alertFilter.states.${value as AlertState}`);
  return t(`map.alertFilter.ack.${value as AckState}`);
}

/**
 * Which alerts the map draws: by severity, domain (water, flooding, waste, lighting, Wi-Fi, government systems,
 * cameras…), active or cleared, acknowledged or not. Plain checkboxes in fieldsets, so Tab and Space drive it.
 */
export function AlertFilterPanel({
  filter,
  onChange,
  allFilteredOut,
}: {
  filter: MapAlertFilter;
  onChange(filter: MapAlertFilter): void;
  /** The time window holds alerts and the filter hides every one of them. */
  allFilteredOut: boolean;
}) {
  const { t } = useTranslation();
  const changed = changedFacets(filter);
  return (
    <div className="map-filter" data-testid="map-alert-filter" data-narrowed={changed.length > 0 || undefined}>
      <details className="map-filter__details">
        <summary data-testid="map-alert-filter-toggle">
          {t('map.alertFilter.title')}
          {changed.length > 0 ? (
            <span className="map-filter__summary">
              {' '}
              ({changed.map((facet) => t(`map.alertFilter.facet.${facet}`)).join(', ')})
            </span>
          ) : null}
        </summary>
        {FACETS.map((facet) => (
          <fieldset key={facet} className="map-filter__facet">
            <legend>{t(`map.alertFilter.facet.${facet}`)}</legend>
            {(FACET_VALUES[facet] as readonly string[]).map((value) => (
              <label key={value} className="map-filter__option">
                <input
                  type="checkbox"
                  checked={(filter[facet] as readonly string[]).includes(value)}
                  onChange={() => onChange(toggleFacet(filter, facet, value as never))}
                  data-testid={`map-alert-filter-${facet}-${value}`}
                />
                <span>{valueLabel(t, facet, value)}</span>
              </label>
            ))}
          </fieldset>
        ))}
        {changed.length > 0 ? (
          <button
            type="button"
            className="button button--ghost"
            onClick={() => onChange(DEFAULT_ALERT_FILTER)}
            data-testid="map-alert-filter-reset"
          >
            {t('map.alertFilter.reset')}
          </button>
        ) : null}
      </details>
      {allFilteredOut ? (
        <div data-testid="map-alerts-filtered-out">
          <Notice tone="info">{t('map.alertFilter.allFilteredOut')}</Notice>
          <button
            type="button"
            className="button"
            onClick={() => onChange(SHOW_ALL_ALERTS)}
            data-testid="map-alert-filter-show-all"
          >
            {t('map.alertFilter.showAll')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
