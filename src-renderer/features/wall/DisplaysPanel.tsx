import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Display, OpenWallWindowResult } from '../../../src-shared/contract';
import type { Layout, Tour, WallDisplay } from '../../../src-shared/contract/layouts';
import { core, shell, type ClientError } from '../../bridge';
import { Icon, Notice, Panel } from '../../ui';
import { displayName } from './displayName';
import { parseSource, sourceExists, sourceValue } from './displaySource';
import { LiveSummary } from './LiveSummary';
import { useDisplays } from './useDisplays';
import { ActionError } from './ActionError';

interface Outcome {
  display: string;
  result: OpenWallWindowResult;
}

interface DisplaysPanelProps {
  layouts: readonly Layout[];
  tours: readonly Tour[];
  walls: readonly WallDisplay[];
  canConfigure: boolean;
  /** The display the wall keys (T) and the alarm settings act on. */
  selected: string | null;
  onSelect(displayId: string): void;
  onChanged(): void;
}

/** The displays: what each shows (layout or tour), what its wall window reports, and a button to open it. */
export function DisplaysPanel(props: DisplaysPanelProps) {
  const { layouts, tours, walls, canConfigure, selected, onSelect, onChanged } = props;
  const { t } = useTranslation();
  const { displays, reload } = useDisplays();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<ClientError | null>(null);

  async function open(display: Display, index: number): Promise<void> {
    const result = await shell.openWallWindow({ displayId: display.id, kiosk: shell.kind === 'electron' });
    setOutcome({ display: displayName(display, index, t), result });
    if (!result.ok && result.reason === 'unknown_display') reload();
  }

  async function assign(displayId: string, value: string): Promise<void> {
    const result = await core.call('walls.assign', { displayId, source: parseSource(value) });
    setError(result.ok ? null : result.error);
    onChanged();
  }

  async function toggleTour(wall: WallDisplay): Promise<void> {
    const result = await core.call('walls.tour', { displayId: wall.displayId, running: !wall.tour.running });
    setError(result.ok ? null : result.error);
    onChanged();
  }

  // Displays this workstation sees, then any other display that has a setting or a window reporting.
  const detected = displays ?? [];
  const others = walls.filter((w) => !detected.some((d) => d.id === w.displayId));

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
          {[
            ...detected.map((d, i) => ({ id: d.id, display: d, index: i })),
            ...others.map((w) => ({ id: w.displayId, display: null, index: -1 })),
          ].map(({ id, display, index }) => {
            const wall = walls.find((w) => w.displayId === id) ?? null;
            const missing = wall?.source ? !sourceExists(wall.source, layouts, tours) : false;
            return (
              <li
                key={id}
                className={selected === id ? 'display display--selected' : 'display'}
                data-testid="wall-display"
                data-display={id}
                onClick={() => onSelect(id)}
              >
                <Icon name="display" size={22} className="display__icon" />
                <div className="display__text">
                  <span className="display__name">
                    {display ? displayName(display, index, t) : id}
                    {display?.primary ? <span className="chip">{t('wall.primary')}</span> : null}
                    {!display ? <span className="chip">{t('wall.notDetected')}</span> : null}
                  </span>
                  {display ? (
                    <span className="muted mono">
                      {t('wall.geometry', { ...display.bounds, scale: display.scaleFactor })}
                    </span>
                  ) : null}
                  <select
                    className="input input--small"
                    data-testid={`assign-${id}`}
                    aria-label={t('wall.assign')}
                    value={sourceValue(wall?.source ?? null)}
                    disabled={!canConfigure}
                    onClick={(event) => event.stopPropagation()}
                    onChange={(event) => void assign(id, event.target.value)}
                  >
                    <option value="">{t('wall.assignNone')}</option>
                    {missing && wall?.source ? (
                      <option value={sourceValue(wall.source)} disabled>
                        {t('wall.assignMissing')}
                      </option>
                    ) : null}
                    {layouts.length > 0 ? (
                      <optgroup label={t('wall.assignLayouts')}>
                        {layouts.map((l) => (
                          <option key={l.id} value={`layout:${l.id}`}>
                            {l.name}
                          </option>
                        ))}
                      </optgroup>
                    ) : null}
                    {tours.length > 0 ? (
                      <optgroup label={t('wall.assignTours')}>
                        {tours.map((tour) => (
                          <option key={tour.id} value={`tour:${tour.id}`}>
                            {tour.name}
                          </option>
                        ))}
                      </optgroup>
                    ) : null}
                  </select>
                  {missing ? (
                    <span className="display__warning" role="status" data-testid={`assign-missing-${id}`}>
                      {t('wall.assignMissingHint')}
                    </span>
                  ) : null}
                  {wall ? <LiveSummary wall={wall} /> : null}
                </div>
                <div className="display__buttons">
                  {display ? (
                    <button
                      type="button"
                      className="btn btn--small"
                      data-testid={`open-wall-${id}`}
                      onClick={(event) => {
                        event.stopPropagation();
                        void open(display, index);
                      }}
                    >
                      {t('wall.openWindow')}
                    </button>
                  ) : null}
                  {wall?.source?.kind === 'tour' ? (
                    <button
                      type="button"
                      className="btn btn--small"
                      data-testid={`tour-toggle-${id}`}
                      onClick={(event) => {
                        event.stopPropagation();
                        void toggleTour(wall);
                      }}
                    >
                      {wall.tour.running ? t('wall.tourStop') : t('wall.tourStart')}
                    </button>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {displays?.length === 1 && shell.kind === 'browser' ? (
        <p className="muted wall__hint">{t('wall.displaysSingle')}</p>
      ) : null}
      {error ? <ActionError error={error} testId="wall-assign-error" /> : null}
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
