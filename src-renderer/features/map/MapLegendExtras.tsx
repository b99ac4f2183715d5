import { useTranslation } from 'react-i18next';
import { ALERT_SEVERITIES, ASSET_KINDS, type AlertSeverity } from '../../../src-shared/domain/alerts/model';
import { SEVERITY_COLORS } from '../alerts';
import { alertFill } from './alertFill';
import { ASSET_COLORS } from './assetReadings';
import { CASE_STAGE_COLORS, OVERDUE_RING } from './caseColors';
import { CASE_STAGES } from './casePoints';
import { heatColor } from './heatCells';
import { formatCount } from './formatCount';

const css = (c: readonly number[]) => `rgba(${c[0]},${c[1]},${c[2]},${(c[3] ?? 255) / 255})`;

/**
 * Legend entries of the alert, asset and heat layers, shown while each is on; the alert entries only for the
 * severities the filter keeps, each with how many such alerts the map draws.
 */
export function MapLegendExtras({
  alerts,
  alertSeverities,
  severityCounts,
  cases,
  assets,
  heat,
}: {
  alerts: boolean;
  alertSeverities: readonly AlertSeverity[];
  severityCounts: Record<AlertSeverity, number>;
  cases: boolean;
  assets: boolean;
  heat: boolean;
}) {
  const { t, i18n } = useTranslation();
  const count = (n: number) => formatCount(n, i18n.language);
  return (
    <>
      {alerts ? (
        <ul className="map-legend" data-testid="legend-alerts">
          {ALERT_SEVERITIES.filter((s) => alertSeverities.includes(s)).map((s) => (
            <li key={s} data-testid={`legend-alert-${s}`} data-count={severityCounts[s]}>
              <span className="map-legend__dot" style={{ background: css(SEVERITY_COLORS[s]) }} />
              <span className="map-legend__label">
                {t('map.alertSeverity', { severity: t(`alerts.severity.${s}`) })}
              </span>
              <span className="map-legend__count">{count(severityCounts[s])}</span>
            </li>
          ))}
          <li>
            <span
              className="map-legend__dot"
              style={{ background: css(alertFill({ severity: 'warning', acknowledged: true }, SEVERITY_COLORS)) }}
            />
            {t('map.alertAcknowledged')}
          </li>
        </ul>
      ) : null}
      {cases ? (
        <ul className="map-legend" data-testid="legend-cases">
          {CASE_STAGES.map((stage) => (
            <li key={stage}>
              <span className="map-legend__dot" style={{ background: css(CASE_STAGE_COLORS[stage]) }} />
              {t(`map.caseStage.${stage}`)}
            </li>
          ))}
          <li>
            <span className="map-legend__dot map-legend__dot--ring" style={{ borderColor: css(OVERDUE_RING) }} />
            {t('map.caseOverdue')}
          </li>
        </ul>
      ) : null}
      {assets ? (
        <ul className="map-legend">
          {ASSET_KINDS.map((k) => (
            <li key={k}>
              <span className="map-legend__dot" style={{ background: css(ASSET_COLORS[k]) }} />
              {t(`map.asset.${k}`)}
            </li>
          ))}
        </ul>
      ) : null}
      {heat ? (
        <ul className="map-legend">
          <li>
            <span className="map-legend__dot" style={{ background: css(heatColor(0.1)) }} />
            {t('map.heatLow')}
          </li>
          <li>
            <span className="map-legend__dot" style={{ background: css(heatColor(1)) }} />
            {t('map.heatHigh')}
          </li>
        </ul>
      ) : null}
    </>
  );
}
