import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera } from '../../../src-shared/contract';
import {
  ALARM_FULL_SCREEN,
  ALARM_KINDS,
  type AlarmPolicy,
  type Layout,
  type WallDisplay,
} from '../../../src-shared/contract/layouts';
import { ALERT_SEVERITIES, type AlertSeverity } from '../../../src-shared/domain/alerts/model';
import { core, type ClientError } from '../../bridge';
import { Panel } from '../../ui';
import { ActionError } from './ActionError';
import { AlarmLinks } from './AlarmLinks';

interface AlarmPanelProps {
  displayId: string | null;
  wall: WallDisplay | null;
  layouts: readonly Layout[];
  cameras: readonly Camera[];
  canConfigure: boolean;
}

function parseSeverity(value: string): AlertSeverity | null {
  return ALERT_SEVERITIES.find((s) => s === value) ?? null;
}

/** How alarms pop up on the selected display, a test button, and which cameras come up together. */
export function AlarmPanel({ displayId, wall, layouts, cameras, canConfigure }: AlarmPanelProps) {
  const { t } = useTranslation();
  const [policy, setPolicy] = useState<AlarmPolicy | null>(wall?.alarmPolicy ?? null);
  const [error, setError] = useState<ClientError | null>(null);
  const [saved, setSaved] = useState(false);
  const [testCamera, setTestCamera] = useState('');
  const stored = JSON.stringify(wall?.alarmPolicy ?? null);
  // The stored policy (compared by value) and the display decide what the form starts from.
  const [shownFor, setShownFor] = useState(`${displayId}|${stored}`);
  if (shownFor !== `${displayId}|${stored}`) {
    setShownFor(`${displayId}|${stored}`);
    setPolicy(wall?.alarmPolicy ?? null);
    setSaved(false);
  }

  if (!displayId || !policy) {
    return (
      <Panel title={t('wall.alarm.title')} testId="wall-alarm">
        <p className="muted">{t('wall.alarm.pickDisplay')}</p>
      </Panel>
    );
  }
  const source = wall?.source ?? null;
  const assigned = source?.kind === 'layout' ? layouts.find((l) => l.id === source.layoutId) : undefined;
  const tileCount = assigned?.tiles.length ?? 16;
  const change = (patch: Partial<AlarmPolicy>) => {
    setSaved(false);
    setPolicy({ ...policy, ...patch });
  };

  async function save(): Promise<void> {
    if (!displayId || !policy) return;
    const result = await core.call('walls.setAlarmPolicy', { displayId, policy });
    setError(result.ok ? null : result.error);
    setSaved(result.ok);
  }

  async function popup(): Promise<void> {
    if (!displayId || !testCamera) return;
    const result = await core.call('walls.popup', { displayId, cameraIds: [testCamera] });
    setError(result.ok ? null : result.error);
  }

  async function acknowledge(): Promise<void> {
    if (!displayId || !wall?.alarm) return;
    const result = await core.call('walls.acknowledge', { displayId, alarmId: wall.alarm.id });
    setError(result.ok ? null : result.error);
  }

  return (
    <Panel title={t('wall.alarm.titleFor', { display: displayId })} testId="wall-alarm">
      <fieldset className="alarm-form" disabled={!canConfigure}>
        <label className="alarm-form__check">
          <input
            type="checkbox"
            data-testid="alarm-enabled"
            checked={policy.enabled}
            onChange={(e) => change({ enabled: e.target.checked })}
          />
          {t('wall.alarm.enabled')}
        </label>
        <label className="layout-toolbar__inline">
          {t('wall.alarm.slot')}
          <select
            className="input input--small"
            data-testid="alarm-slot"
            value={policy.slot}
            onChange={(e) => change({ slot: Number(e.target.value) })}
          >
            <option value={ALARM_FULL_SCREEN}>{t('wall.alarm.fullScreen')}</option>
            {Array.from({ length: tileCount }, (_, i) => (
              <option key={i} value={i}>
                {t('wall.alarm.tileN', { n: i + 1 })}
              </option>
            ))}
          </select>
        </label>
        <label className="layout-toolbar__inline">
          {t('wall.alarm.revert')}
          <input
            className="input input--small tour-step__dwell"
            type="number"
            data-testid="alarm-revert"
            min={5}
            max={3600}
            value={policy.revertSec}
            onChange={(e) => change({ revertSec: Number(e.target.value) })}
          />
          {t('wall.tours.seconds')}
        </label>
        <div className="alarm-form__kinds">
          {ALARM_KINDS.map((kind) => (
            <label key={kind} className="alarm-form__check">
              <input
                type="checkbox"
                data-testid={`alarm-kind-${kind}`}
                checked={policy.kinds.includes(kind)}
                onChange={(e) =>
                  change({ kinds: e.target.checked ? [...policy.kinds, kind] : policy.kinds.filter((k) => k !== kind) })
                }
              />
              {t(`wall.alarm.kind.${kind}`)}
            </label>
          ))}
        </div>
        <label className="layout-toolbar__inline">
          {t('wall.alarm.alerts')}
          <select
            className="input input--small"
            data-testid="alarm-alerts"
            value={policy.alertMinSeverity ?? ''}
            onChange={(e) => change({ alertMinSeverity: parseSeverity(e.target.value) })}
          >
            <option value="">{t('wall.alarm.alertsOff')}</option>
            {ALERT_SEVERITIES.map((severity) => (
              <option key={severity} value={severity}>
                {t('wall.alarm.alertsFrom', { severity: t(`alerts.severity.${severity}`) })}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="btn btn--small btn--primary"
          data-testid="alarm-save"
          onClick={() => void save()}
        >
          {saved ? t('wall.alarm.saved') : t('wall.alarm.save')}
        </button>
      </fieldset>
      <div className="alarm-form__test" hidden={!canConfigure && !wall?.alarm}>
        <select
          className="input input--small"
          data-testid="alarm-test-camera"
          value={testCamera}
          onChange={(e) => setTestCamera(e.target.value)}
        >
          <option value="">{t('wall.alarm.testPick')}</option>
          {cameras.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="btn btn--small"
          data-testid="alarm-test"
          disabled={!testCamera || !canConfigure}
          onClick={() => void popup()}
        >
          {t('wall.alarm.test')}
        </button>
        {wall?.alarm ? (
          <button
            type="button"
            className="btn btn--small"
            data-testid="alarm-ack-control"
            onClick={() => void acknowledge()}
          >
            {t('wall.alarm.acknowledge')}
          </button>
        ) : null}
      </div>
      {error ? <ActionError error={error} testId="alarm-error" /> : null}
      <AlarmLinks cameras={cameras} canConfigure={canConfigure} />
    </Panel>
  );
}
