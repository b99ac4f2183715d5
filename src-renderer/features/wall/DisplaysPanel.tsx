import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Display, OpenWallWindowResult } from '../../../src-shared/contract';
import { shell } from '../../bridge';
import { Icon, Notice, Panel } from '../../ui';
import { displayName } from './displayName';
import { useDisplays } from './useDisplays';

interface Outcome {
  display: string;
  result: OpenWallWindowResult;
}

/** Lists the displays and opens a chrome-less wall window on any of them. */
export function DisplaysPanel() {
  const { t } = useTranslation();
  const { displays, reload } = useDisplays();
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function open(display: Display, index: number): Promise<void> {
    const result = await shell.openWallWindow({ displayId: display.id, kiosk: shell.kind === 'electron' });
    setOutcome({ display: displayName(display, index, t), result });
    if (!result.ok && result.reason === 'unknown_display') reload();
  }

  return (
    <Panel
      title={t('wall.displaysTitle')}
      testId="wall-displays"
      actions={
        <button type="button" className="btn btn--ghost btn--small" onClick={reload}>
          {t('wall.redetect')}
        </button>
      }
    >
      <p className="muted wall__hint">{t('wall.displaysHint')}</p>
      {displays === null ? (
        <p className="loading">{t('wall.displaysLoading')}</p>
      ) : (
        <ul className="displays">
          {displays.map((display, index) => (
            <li key={display.id} className="display" data-testid="wall-display">
              <Icon name="display" size={22} className="display__icon" />
              <div className="display__text">
                <span className="display__name">
                  {displayName(display, index, t)}
                  {display.primary ? <span className="chip">{t('wall.primary')}</span> : null}
                </span>
                <span className="muted mono">
                  {t('wall.geometry', { ...display.bounds, scale: display.scaleFactor })}
                </span>
              </div>
              <button
                type="button"
                className="btn"
                data-testid={`open-wall-${display.id}`}
                onClick={() => void open(display, index)}
              >
                {t('wall.openWindow')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {displays?.length === 1 && shell.kind === 'browser' ? (
        <p className="muted wall__hint">{t('wall.displaysSingle')}</p>
      ) : null}
      {outcome ? <OutcomeNotice outcome={outcome} /> : null}
    </Panel>
  );
}

function OutcomeNotice({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation();
  if (outcome.result.ok) {
    return (
      <Notice tone="info" testId="wall-open-result">
        {t('wall.opened', { display: outcome.display })}
      </Notice>
    );
  }
  const key =
    outcome.result.reason === 'unknown_display'
      ? 'wall.unknownDisplay'
      : outcome.result.reason === 'blocked'
        ? 'wall.blocked'
        : 'wall.unsupported';
  return (
    <Notice tone="error" testId="wall-open-result">
      {t(key)}
    </Notice>
  );
}
