import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CAMERA_STATUSES, type CameraStatus } from '../../../src-shared/contract';
import { Panel } from '../../ui';
import { STATUS_COLORS } from './cameraFeatures';
import { TIME_WINDOWS, type TimeWindow } from './casePoints';
import { MapLegendExtras } from './MapLegendExtras';

export type ToggleLayer = 'places' | 'cameras' | 'fieldOfView' | 'alerts' | 'cases' | 'assets' | 'heat';
const TOGGLES: ToggleLayer[] = ['places', 'cameras', 'fieldOfView', 'alerts', 'cases', 'assets', 'heat'];

interface LayerPanelProps {
  visible: Record<ToggleLayer, boolean>;
  onToggle(layer: ToggleLayer): void;
  timeWindow: TimeWindow;
  onTimeWindow(window: TimeWindow): void;
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
  cameraNote,
  withheld = [],
  children,
}: LayerPanelProps) {
  const { t } = useTranslation();
  return (
    <div className="map-side">
      <Panel title={t('map.layers')} testId="map-layers">
        <ul className="map-layers">
          {TOGGLES.filter((layer) => !withheld.includes(layer)).map((layer) => (
            <li key={layer}>
              <label className="map-layers__item">
                <input
                  type="checkbox"
                  checked={visible[layer]}
                  onChange={() => onToggle(layer)}
                  data-testid={`map-layer-${layer}`}
                />
                <span>{t(`map.layer.${layer}`)}</span>
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
          cases={visible.cases && !withheld.includes('cases')}
          assets={visible.assets && !withheld.includes('assets')}
          heat={visible.heat}
        />
      </Panel>
    </div>
  );
}
