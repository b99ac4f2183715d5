import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CAMERA_STATUSES, type CameraStatus } from '../../../src-shared/contract';
import type { AlertSeverity } from '../../../src-shared/domain/alerts/model';
import { Panel } from '../../ui';
import type { MapAlertFilter } from './alertFilter';
import { AlertFilterPanel } from './AlertFilterPanel';
import { activeCaseFilters, type MapCaseFilter } from './caseFilter';
import { CaseFilterPanel } from './CaseFilterPanel';
import { STATUS_COLORS } from './cameraFeatures';
import { TIME_WINDOWS, type TimeWindow } from './casePoints';
import { TOGGLE_LAYERS, type ToggleLayer } from './mapPrefs';
import { MapLegendExtras } from './MapLegendExtras';
import type { CaseFacets } from './useCaseFacets';

export type { ToggleLayer } from './mapPrefs';

interface LayerPanelProps {
  visible: Record<ToggleLayer, boolean>;
  onToggle(layer: ToggleLayer): void;
  timeWindow: TimeWindow;
  onTimeWindow(window: TimeWindow): void;
  alertFilter: MapAlertFilter;
  onAlertFilter(filter: MapAlertFilter): void;
  alertsAllFiltered: boolean;
  /** Alerts on the map per severity, after the time window and the filter. */
  severityCounts: Record<AlertSeverity, number>;
  caseFilter: MapCaseFilter;
  onCaseFilter(filter: MapCaseFilter): void;
  /** The case filter's menus. */
  caseFacets: CaseFacets;
  casesAllFiltered: boolean;
  cameraNote: string;
  /** Layers this user may not see (alerts and assets need alerts.read): not offered at all. */
  withheld?: readonly ToggleLayer[];
  /** More panels under the layer list (the alerts panel). */
  children?: ReactNode;
}

const rgb = (status: CameraStatus) => `rgb(${STATUS_COLORS[status].slice(0, 3).join(',')})`;

export function LayerPanel({
  visible,
  onToggle,
  timeWindow,
  onTimeWindow,
  alertFilter,
  onAlertFilter,
  alertsAllFiltered,
  severityCounts,
  caseFilter,
  onCaseFilter,
  caseFacets,
  casesAllFiltered,
  cameraNote,
  withheld = [],
  children,
}: LayerPanelProps) {
  const { t } = useTranslation();
  const caseFilters = activeCaseFilters(caseFilter);
  return (
    <div className="map-side">
      <Panel title={t('map.layers')} testId="map-layers">
        <ul className="map-layers">
          {TOGGLE_LAYERS.filter((layer) => !withheld.includes(layer)).map((layer) => (
            <li key={layer}>
              <label className="map-layers__item">
                <input
                  type="checkbox"
                  checked={visible[layer]}
                  onChange={() => onToggle(layer)}
                  data-testid={`map-layer-${layer}`}
                />
                <span>{t(`map.layer.${layer}`)}</span>
                {layer === 'cases' && caseFilters > 0 ? (
                  <span
                    className="map-layers__filters"
                    title={t('map.caseFilter.active', { count: caseFilters })}
                    aria-label={t('map.caseFilter.active', { count: caseFilters })}
                    data-testid="map-layer-cases-filters"
                  >
                    {caseFilters}
                  </span>
                ) : null}
              </label>
            </li>
          ))}
        </ul>
        <label className="map-window">
          <span>{t('map.timeWindow.label')}</span>
          <select
            value={timeWindow}
            onChange={(event) => onTimeWindow(event.target.value as TimeWindow)}
            data-testid="map-time-window"
          >
            {TIME_WINDOWS.map((w) => (
              <option key={w} value={w}>
                {t(`map.timeWindow.${w}`)}
              </option>
            ))}
          </select>
        </label>
        {withheld.includes('alerts') ? null : (
          <AlertFilterPanel filter={alertFilter} onChange={onAlertFilter} allFilteredOut={alertsAllFiltered} />
        )}
        {withheld.includes('cases') ? null : (
          <CaseFilterPanel
            filter={caseFilter}
            onChange={onCaseFilter}
            categories={caseFacets.categories}
            agencies={caseFacets.agencies}
            allFilteredOut={casesAllFiltered}
            windowNarrowed={timeWindow !== 'all'}
          />
        )}
        <p className="muted map-side__note" data-testid="map-camera-note">
          {cameraNote}
        </p>
      </Panel>
      {children}
      <Panel title={t('map.legend')}>
        <ul className="map-legend">
          {CAMERA_STATUSES.map((status) => (
            <li key={status}>
              <span className="map-legend__dot" style={{ background: rgb(status) }} />
              {t(`map.status.${status}`)}
            </li>
          ))}
        </ul>
        <MapLegendExtras
          alerts={visible.alerts && !withheld.includes('alerts')}
          alertSeverities={alertFilter.severities}
          severityCounts={severityCounts}
          cases={visible.cases && !withheld.includes('cases')}
          assets={visible.assets && !withheld.includes('assets')}
          heat={visible.heat}
        />
      </Panel>
    </div>
  );
}
