import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Preset } from '../../../src-shared/contract';
import { core, type ClientError, type Result } from '../../bridge';
import { Notice } from '../../ui';
import { HoldButton } from './HoldButton';
import { Joystick } from './Joystick';
import { PresetList } from './PresetList';
import { PresetSelect } from './PresetSelect';
import { useGamepadPtz } from './useGamepadPtz';
import { useKeyboardPtz, type KeyboardScope } from './useKeyboardPtz';
import { usePresets } from './usePresets';
import { usePtzDriver } from './usePtzDriver';
import { usePtzPosition } from './usePtzPosition';
import { STILL } from './velocity';
import './ptz.css';
import './ptz-compact.css';

export interface PtzPanelProps {
  cameraId: string;
  /** 'window': keys work anywhere on the page outside text fields; 'panel' (default): only with focus inside. */
  keyboard?: KeyboardScope;
  /**
   * For a small card (the map's): a smaller joystick, icon-only buttons, presets in a dropdown, no hints and no
   * preset saving. The keys work the same.
   */
  compact?: boolean;
}

const ZOOM_SPEED = 0.6;

function formatAxis(value: number): string {
  // No "-0.00" for a camera resting a hair below zero.
  return (Math.abs(value) < 0.005 ? 0 : value).toFixed(2);
}

/** Pan/tilt/zoom for one camera: joystick, zoom, home, stop, presets, keyboard and gamepad. */
export function PtzPanel({ cameraId, keyboard = 'panel', compact = false }: PtzPanelProps) {
  const { t } = useTranslation();
  const root = useRef<HTMLElement>(null);
  const { driver, state } = usePtzDriver(cameraId);
  const { position, settle } = usePtzPosition(cameraId, state.moving);
  const presets = usePresets(cameraId);
  const gamepad = useGamepadPtz(driver);
  const [actionError, setActionError] = useState<ClientError | null>(null);

  const act = useCallback(
    async (call: () => Promise<Result<unknown>>): Promise<void> => {
      driver?.release();
      setActionError(null);
      const result = await call();
      if (!result.ok) setActionError(result.error);
      settle();
    },
    [driver, settle],
  );
  const home = useCallback(() => void act(() => core.call('ptz.home', { cameraId })), [act, cameraId]);
  const gotoPreset = useCallback(
    (preset: Preset) => void act(() => core.call('ptz.gotoPreset', { cameraId, presetToken: preset.token })),
    [act, cameraId],
  );
  const stop = (): void => void act(() => core.call('ptz.stop', { cameraId }));
  const presetList = presets.state.status === 'ready' ? presets.state.presets : [];
  const presetByIndex = (index: number): void => {
    const preset = presetList[index];
    if (preset) gotoPreset(preset);
  };
  useKeyboardPtz(driver, root, keyboard, { home, preset: presetByIndex });

  const error = state.error ?? actionError;
  return (
    <section
      ref={root}
      className={compact ? 'ptz ptz--compact' : 'ptz'}
      aria-label={t('ptz.title')}
      title={compact ? t('ptz.keys') : undefined}
      data-testid="ptz-panel"
      data-compact={compact || undefined}
      data-moving={state.moving || undefined}
    >
      <header className="ptz__header">
        {compact ? null : <h3 className="ptz__title">{t('ptz.title')}</h3>}
        <span className="ptz__state" data-testid="ptz-state" data-moving={state.moving || undefined}>
          <span className="ptz__dot" aria-hidden="true" />
          {state.moving ? t('ptz.moving') : t('ptz.idle')}
        </span>
      </header>
      <div className="ptz__controls">
        <Joystick onVelocity={(v) => driver?.set('pad', v)} />
        <div className="ptz__buttons">
          <HoldButton
            label={t('ptz.zoomIn')}
            testId="ptz-zoom-in"
            onHold={(held) => driver?.set('zoom', held ? { ...STILL, zoom: ZOOM_SPEED } : STILL)}
          >
            <span aria-hidden="true">+</span> {compact ? null : t('ptz.zoomIn')}
          </HoldButton>
          <HoldButton
            label={t('ptz.zoomOut')}
            testId="ptz-zoom-out"
            onHold={(held) => driver?.set('zoom', held ? { ...STILL, zoom: -ZOOM_SPEED } : STILL)}
          >
            <span aria-hidden="true">−</span> {compact ? null : t('ptz.zoomOut')}
          </HoldButton>
          <button
            type="button"
            className="btn"
            data-testid="ptz-home"
            title={`${t('ptz.home')} (Home)`}
            aria-label={compact ? t('ptz.home') : undefined}
            onClick={home}
          >
            <span aria-hidden="true">⌂</span> {compact ? null : t('ptz.home')}
          </button>
          <button
            type="button"
            className="btn"
            data-testid="ptz-stop"
            title={t('ptz.stop')}
            aria-label={compact ? t('ptz.stop') : undefined}
            onClick={stop}
          >
            <span aria-hidden="true">■</span> {compact ? null : t('ptz.stop')}
          </button>
        </div>
      </div>
      <p className="ptz__position mono" data-testid="ptz-position">
        {position
          ? t('ptz.position', {
              pan: formatAxis(position.pan),
              tilt: formatAxis(position.tilt),
              zoom: formatAxis(position.zoom),
            })
          : '—'}
      </p>
      {error ? (
        <Notice tone="error" testId="ptz-error">
          {t('ptz.failed', { message: t(`errors.${error.code}`) })}
        </Notice>
      ) : null}
      {compact ? (
        <PresetSelect state={presets.state} onGoto={gotoPreset} />
      ) : (
        <>
          <p className="ptz__hint muted">{t('ptz.keys')}</p>
          <p className="ptz__hint muted" data-testid="ptz-gamepad">
            {gamepad ? t('ptz.gamepad', { name: gamepad }) : t('ptz.gamepadNone')}
          </p>
          <PresetList cameraId={cameraId} state={presets.state} onGoto={gotoPreset} onSaved={presets.added} />
        </>
      )}
    </section>
  );
}
