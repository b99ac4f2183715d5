import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera } from '../../../src-shared/contract';
import type { Alert } from '../../../src-shared/contract/alerts';
import { camerasForAlert } from '../../../src-shared/domain/alerts/select-cameras';
import { formatDateTime } from '../../../src-shared/i18n';
import { core } from '../../bridge';
import { useCan } from '../../stores/session';
import { Notice } from '../../ui';
import { ackConflictReason, formatValue, isTaken } from './alertView';
import type { ActionState } from './useAlertActions';

interface AlertDetailProps {
  alert: Alert;
  cameras: readonly Camera[];
  action: ActionState;
  /** The note field is open (A pressed or the button clicked). */
  noting: boolean;
  onStartNote(): void;
  onCancelNote(): void;
  onAcknowledge(note: string): void;
  onEscalate(): void;
}

export function AlertDetail(props: AlertDetailProps) {
  const { alert, cameras, action, noting } = props;
  const { t, i18n } = useTranslation();
  const canAck = useCan('alerts.acknowledge');
  const canEscalate = useCan('alerts.escalate');
  const canWall = useCan('wall.view');
  const [wall, setWall] = useState<'idle' | 'busy' | 'shown' | 'failed'>('idle');
  useEffect(() => setWall('idle'), [alert.id]);
  const [note, setNote] = useState('');
  const noteField = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (noting) noteField.current?.focus();
    else setNote('');
  }, [noting]);

  const covering = alert.location ? camerasForAlert(alert.location.coordinates, cameras) : [];
  const names = new Map(cameras.map((c) => [c.id, c.name]));
  const busy = action.status === 'busy';
  const when = (iso: string | null) => (iso ? formatDateTime(new Date(iso)) : '—');

  return (
    <div className="alert-detail" data-testid="alert-detail">
      <dl className="alert-detail__facts">
        <dt>{t('alerts.detail.value')}</dt>
        <dd>
          {formatValue(alert.value, alert.unit, i18n.language) || '—'}
          {alert.threshold !== null ? ` / ${formatValue(alert.threshold, alert.unit, i18n.language)}` : ''}
        </dd>
        <dt>{t('alerts.detail.firstSeen')}</dt>
        <dd>{when(alert.firstSeenAt)}</dd>
        <dt>{t('alerts.detail.lastSeen')}</dt>
        <dd>
          {when(alert.lastSeenAt)} ({t('alerts.detail.count', { count: alert.count })})
        </dd>
        {alert.clearedAt ? (
          <>
            <dt>{t('alerts.detail.cleared')}</dt>
            <dd>{when(alert.clearedAt)}</dd>
          </>
        ) : null}
        <dt>{t('alerts.detail.source')}</dt>
        <dd className="alert-detail__source">{alert.sourceId}</dd>
        {isTaken(alert) ? (
          <>
            <dt>{t(alert.acknowledged ? 'alerts.detail.acknowledged' : 'alerts.detail.pending')}</dt>
            <dd data-testid="alert-ack-by">
              {alert.ackBy} · {when(alert.ackAt)}
              {alert.ackNote ? ` — ${alert.ackNote}` : ''}
              {alert.ackPending ? (
                <span className="muted" data-testid="alert-ack-pending-detail">
                  {' '}
                  ({t('alerts.pendingDetail')})
                </span>
              ) : null}
            </dd>
          </>
        ) : null}
        {alert.caseCode ? (
          <>
            <dt>{t('alerts.detail.case')}</dt>
            <dd data-testid="alert-case-code">{alert.caseCode}</dd>
          </>
        ) : null}
        {alert.location ? (
          <>
            <dt>{t('alerts.detail.cameras')}</dt>
            <dd data-testid="alert-cameras">
              {covering.length === 0
                ? t('alerts.detail.noCameras')
                : covering
                    .map(
                      (c) =>
                        `${names.get(c.id) ?? c.id} (${Math.round(c.distanceM)} m${c.coverage === 'ptz' ? ', PTZ' : ''})`,
                    )
                    .join(', ')}
            </dd>
          </>
        ) : null}
      </dl>
      {noting ? (
        <form
          className="alert-detail__note"
          onSubmit={(e) => {
            e.preventDefault();
            props.onAcknowledge(note);
          }}
        >
          <input
            ref={noteField}
            className="input"
            value={note}
            maxLength={1000}
            placeholder={t('alerts.notePlaceholder')}
            aria-label={t('alerts.note')}
            data-testid="alert-ack-note"
            onChange={(e) => setNote(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.stopPropagation();
                props.onCancelNote();
              }
            }}
          />
          <button type="submit" className="btn btn--primary btn--small" disabled={busy} data-testid="alert-ack-confirm">
            {t('alerts.acknowledge')}
          </button>
        </form>
      ) : (
        <div className="alert-detail__actions">
          {canAck && !isTaken(alert) ? (
            <button
              type="button"
              className="btn btn--small"
              disabled={busy}
              onClick={props.onStartNote}
              data-testid="alert-ack"
            >
              {t('alerts.acknowledge')} <kbd>A</kbd>
            </button>
          ) : null}
          {canWall && covering.length > 0 ? (
            <button
              type="button"
              className="btn btn--small"
              disabled={wall === 'busy'}
              data-testid="alert-to-wall"
              data-state={wall}
              title={wall === 'failed' ? t('alerts.toWallFailed') : undefined}
              onClick={() => {
                setWall('busy');
                // The wall's alarm slot (walls.popup) shows the chosen cameras on every display with pop-ups on.
                void core
                  .call('walls.popup', { cameraIds: covering.map((c) => c.id).slice(0, 9) })
                  .then((r) => setWall(r.ok ? 'shown' : 'failed'));
              }}
            >
              {wall === 'shown' ? t('alerts.toWallDone') : t('alerts.toWall')}
            </button>
          ) : null}
          {canEscalate && !alert.caseId ? (
            <button
              type="button"
              className="btn btn--small"
              disabled={busy}
              onClick={props.onEscalate}
              data-testid="alert-escalate"
            >
              {t('alerts.escalate')} <kbd>E</kbd>
            </button>
          ) : null}
        </div>
      )}
      {alert.ackConflict ? (
        <Notice tone="error" testId="alert-ack-conflict-detail">
          {t('alerts.ackConflict', {
            reason: ackConflictReason(alert.ackConflict, t),
            at: formatDateTime(new Date(alert.ackConflict.at)),
          })}
        </Notice>
      ) : null}
      {action.status === 'failed' ? (
        <Notice tone="error" testId="alert-action-error">
          {action.error.code === 'unavailable'
            ? t('alerts.needsServer')
            : t('alerts.actionFailed', { message: action.error.message || t(`errors.${action.error.code}`) })}
        </Notice>
      ) : null}
      {action.status === 'escalated' ? (
        <Notice tone="info" testId="alert-escalated">
          {t('alerts.escalated', { code: action.caseCode })}
        </Notice>
      ) : null}
    </div>
  );
}
