import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera } from '../../../src-shared/contract';
import type { Alert } from '../../../src-shared/contract/alerts';
import { severityRank } from '../../../src-shared/domain/alerts/model';
import { Icon, Notice, Panel } from '../../ui';
import { focusAlert, holdAlertFeed, setMuted, useAlertFeed } from './alertFeed';
import { isTaken, moveSelection } from './alertView';
import { AlertDetail } from './AlertDetail';
import { AlertsLinkBar } from './AlertsLinkBar';
import { AlertRow } from './AlertRow';
import { useAlertActions } from './useAlertActions';
import { useFreshAlertIds } from './useFreshAlerts';
import './alerts.css';

interface AlertsPanelProps {
  /** Cameras the alert-to-wall selection may pick from (the map already has them). */
  cameras: readonly Camera[];
  /** The operator picked an alert (the map flies to it). */
  onFocus?(alert: Alert): void;
}

const byUrgency = (a: Alert, b: Alert) =>
  Number(isTaken(a)) - Number(isTaken(b)) ||
  severityRank(b.severity) - severityRank(a.severity) ||
  b.lastSeenAt.localeCompare(a.lastSeenAt);

/**
 * Active alerts, unacknowledged and most severe first, then the last day's cleared ones. ↑/↓ choose, A
 * acknowledges (with a note, Enter to confirm), E opens a case. Critical alerts chime unless muted. Memoised: the
 * map page re-renders on its own changes (zoom, selection), which leave this panel's props equal.
 */
export const AlertsPanel = memo(function AlertsPanel({ cameras, onFocus }: AlertsPanelProps) {
  const { t } = useTranslation();
  useEffect(() => holdAlertFeed(), []);
  const feed = useAlertFeed();
  const freshIds = useFreshAlertIds();
  const [view, setView] = useState<'active' | 'cleared'>('active');
  const selectedId = feed.focusedId;
  const [noting, setNoting] = useState(false);
  const actions = useAlertActions();

  const shown = useMemo(() => feed.alerts.filter((a) => a.state === view).sort(byUrgency), [feed.alerts, view]);
  const index = shown.findIndex((a) => a.id === selectedId);
  const selected = index >= 0 ? shown[index]! : null;
  const select = (alert: Alert | undefined) => {
    focusAlert(alert?.id ?? null);
    setNoting(false);
    actions.reset();
    if (alert) onFocus?.(alert);
  };
  // One callback for every row, always calling the latest `select`: the memoised rows keep their props equal.
  const selectLatest = useRef(select);
  selectLatest.current = select;
  const onRowSelect = useCallback((alert: Alert) => selectLatest.current(alert), []);

  function onKeyDown(e: KeyboardEvent<HTMLUListElement>) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(e.key)) {
      e.preventDefault();
      select(shown[moveSelection(index < 0 && e.key === 'ArrowDown' ? -1 : index, e.key, shown.length)]);
    } else if ((e.key === 'a' || e.key === 'A') && selected && !isTaken(selected)) {
      e.preventDefault();
      setNoting(true);
    } else if ((e.key === 'e' || e.key === 'E') && selected && !selected.caseId) {
      e.preventDefault();
      void actions.escalate(selected.id);
    }
  }

  const link = feed.link;
  const unacked = feed.alerts.filter((a) => a.state === 'active' && !isTaken(a)).length;
  return (
    <Panel
      title={t('alerts.title')}
      testId="alerts-panel"
      className="alerts-panel"
      actions={
        <button
          type="button"
          className="btn btn--ghost btn--small"
          aria-pressed={feed.muted}
          onClick={() => setMuted(!feed.muted)}
          data-testid="alerts-mute"
          data-chimes={feed.chimes}
          title={t(feed.muted ? 'alerts.unmute' : 'alerts.mute')}
        >
          <Icon name={feed.muted ? 'bellOff' : 'events'} size={16} /> {unacked}
        </button>
      }
    >
      {feed.status === 'failed' && feed.error ? (
        <Notice tone="error">{t('alerts.loadFailed', { message: t(`errors.${feed.error.code}`) })}</Notice>
      ) : null}
      <AlertsLinkBar link={link} />
      <div className="alerts-tabs" role="tablist">
        {(['active', 'cleared'] as const).map((v) => (
          <button
            key={v}
            type="button"
            role="tab"
            aria-selected={view === v}
            className="btn btn--ghost btn--small"
            onClick={() => {
              setView(v);
              select(undefined);
            }}
            data-testid={`alerts-tab-${v}`}
          >
            {t(`alerts.view.${v}`, { count: feed.alerts.filter((a) => a.state === v).length })}
          </button>
        ))}
      </div>
      {shown.length === 0 ? (
        <p className="muted" data-testid="alerts-empty">
          {feed.status === 'loading' ? t('common.loading') : t(`alerts.empty.${view}`)}
        </p>
      ) : (
        <ul
          className="alerts-list"
          role="listbox"
          tabIndex={0}
          aria-label={t('alerts.listLabel')}
          aria-activedescendant={selected ? `alert-${selected.id}` : undefined}
          onKeyDown={onKeyDown}
          data-testid="alerts-list"
        >
          {shown.map((a) => (
            <AlertRow
              key={a.id}
              alert={a}
              selected={a.id === selectedId}
              fresh={a.state === 'active' && freshIds.has(a.id)}
              onSelect={onRowSelect}
            />
          ))}
        </ul>
      )}
      {selected ? (
        <AlertDetail
          alert={selected}
          cameras={cameras}
          action={actions.state}
          noting={noting}
          onStartNote={() => setNoting(true)}
          onCancelNote={() => setNoting(false)}
          onAcknowledge={(note) => {
            setNoting(false);
            void actions.acknowledge(selected.id, note);
          }}
          onEscalate={() => void actions.escalate(selected.id)}
        />
      ) : null}
      <p className="muted alerts-keys">{t('alerts.keys')}</p>
    </Panel>
  );
});
