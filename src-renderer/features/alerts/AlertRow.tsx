import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alert } from '../../../src-shared/contract/alerts';
import { formatDateTime } from '../../../src-shared/i18n';
import { ackConflictReason, alertHeading, cssColor, formatValue } from './alertView';

interface AlertRowProps {
  alert: Alert;
  selected: boolean;
  fresh: boolean;
  /** Stable across renders (the panel passes one callback to every row), so unchanged rows are not redrawn. */
  onSelect(alert: Alert): void;
}

/**
 * One alert in the panel. Memoised: the panel re-renders on every event and clock tick with up to 2,000 alerts
 * held, and each row formats numbers and times (Intl) — only rows whose alert, selection or freshness changed redraw.
 */
export const AlertRow = memo(function AlertRow({ alert, selected, fresh, onSelect }: AlertRowProps) {
  const { t, i18n } = useTranslation();
  const value = formatValue(alert.value, alert.unit, i18n.language);
  const threshold = formatValue(alert.threshold, alert.unit, i18n.language);
  return (
    <li
      id={`alert-${alert.id}`}
      role="option"
      aria-selected={selected}
      className="alert-row"
      data-testid="alert-row"
      data-alert-id={alert.id}
      data-severity={alert.severity}
      data-state={alert.state}
      data-acknowledged={alert.acknowledged}
      data-ack-pending={alert.ackPending || undefined}
      data-ack-conflict={alert.ackConflict ? true : undefined}
      data-fresh={fresh || undefined}
      onClick={() => onSelect(alert)}
    >
      <span className="alert-row__dot" style={{ background: cssColor(alert.severity) }} aria-hidden="true" />
      <span className="alert-row__main">
        <span className="alert-row__title">{alertHeading(alert, t)}</span>
        <span className="alert-row__meta muted">
          {t(`alerts.severity.${alert.severity}`)} · {t(`alerts.domain.${alert.domain}`)}
          {value ? ` · ${threshold ? t('alerts.valueOf', { value, threshold }) : value}` : ''}
        </span>
      </span>
      <span className="alert-row__side">
        <time className="muted" dateTime={alert.lastSeenAt}>
          {formatDateTime(new Date(alert.lastSeenAt)).slice(11)}
        </time>
        <span className="alert-row__badges">
          {alert.count > 1 ? <span className="badge">×{alert.count}</span> : null}
          {alert.acknowledged ? <span className="badge badge--ok">{t('alerts.acknowledgedShort')}</span> : null}
          {alert.ackPending ? (
            <span className="badge badge--pending" data-testid="alert-ack-pending">
              {t('alerts.pendingShort')}
            </span>
          ) : null}
          {alert.ackConflict ? (
            <span
              className="badge badge--conflict"
              data-testid="alert-ack-conflict"
              title={ackConflictReason(alert.ackConflict, t)}
            >
              {t('alerts.conflictShort')}
            </span>
          ) : null}
          {alert.caseCode ? <span className="badge badge--case">{alert.caseCode}</span> : null}
          {alert.suppressed ? <span className="badge">{t('alerts.suppressedShort')}</span> : null}
          {alert.state === 'cleared' ? <span className="badge">{t('alerts.clearedShort')}</span> : null}
        </span>
      </span>
    </li>
  );
});
