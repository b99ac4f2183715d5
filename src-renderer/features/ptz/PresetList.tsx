import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Preset } from '../../../src-shared/contract';
import { core, type ClientError } from '../../bridge';
import { Notice } from '../../ui';
import type { PresetsState } from './usePresets';

interface PresetListProps {
  cameraId: string;
  state: PresetsState;
  onGoto: (preset: Preset) => void;
  onSaved: (preset: Preset) => void;
}

/** Presets by token, numbered 1–9 for the keyboard, plus "save the current position as a new preset". */
export function PresetList({ cameraId, state, onGoto, onSaved }: PresetListProps) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ClientError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  async function save(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    setSaved(null);
    const result = await core.call('ptz.setPreset', { cameraId, name });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    onSaved(result.value);
    setSaved(result.value.name);
    setName('');
  }

  return (
    <div className="ptz-presets" data-testid="ptz-presets">
      <h3 className="ptz-presets__title">{t('ptz.presets')}</h3>
      {state.status === 'loading' ? <p className="loading">{t('ptz.presetsLoading')}</p> : null}
      {state.status === 'failed' ? (
        <Notice tone="error">{t('ptz.presetsFailed', { message: t(`errors.${state.error.code}`) })}</Notice>
      ) : null}
      {state.status === 'ready' && state.presets.length === 0 ? <p className="muted">{t('ptz.presetsEmpty')}</p> : null}
      {state.status === 'ready' && state.presets.length > 0 ? (
        <ol className="ptz-presets__list">
          {state.presets.map((preset, index) => (
            <li key={preset.token}>
              <button
                type="button"
                className="ptz-preset"
                title={t('ptz.goto', { name: preset.name })}
                data-testid="ptz-preset"
                data-token={preset.token}
                onClick={() => onGoto(preset)}
              >
                {index < 9 ? <kbd className="kbd">{index + 1}</kbd> : <span className="ptz-preset__nokey" />}
                <span className="ptz-preset__name">{preset.name}</span>
              </button>
            </li>
          ))}
        </ol>
      ) : null}
      <form className="ptz-presets__save" onSubmit={(event) => void save(event)}>
        <input
          className="input input--small"
          value={name}
          maxLength={64}
          placeholder={t('ptz.presetNamePlaceholder')}
          aria-label={t('ptz.presetName')}
          data-testid="ptz-preset-name"
          onChange={(event) => setName(event.target.value)}
        />
        <button
          type="submit"
          className="btn btn--small"
          disabled={busy || name.trim() === ''}
          title={t('ptz.saveNew')}
          data-testid="ptz-preset-save"
        >
          {busy ? t('ptz.saving') : t('ptz.save')}
        </button>
      </form>
      {saved ? (
        <p className="muted ptz-presets__saved" role="status">
          {t('ptz.saved', { name: saved })}
        </p>
      ) : null}
      {error ? <Notice tone="error">{t('ptz.failed', { message: t(`errors.${error.code}`) })}</Notice> : null}
    </div>
  );
}
