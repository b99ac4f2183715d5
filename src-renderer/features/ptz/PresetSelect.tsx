import { useTranslation } from 'react-i18next';
import type { Preset } from '../../../src-shared/contract';
import { Notice } from '../../ui';
import type { PresetsState } from './usePresets';

/**
 * The compact panel's presets: one dropdown that goes to the preset picked (1–9 on the keyboard still work);
 * saving new presets stays with the full panel.
 */
export function PresetSelect({ state, onGoto }: { state: PresetsState; onGoto: (preset: Preset) => void }) {
  const { t } = useTranslation();
  if (state.status === 'failed')
    return <Notice tone="error">{t('ptz.presetsFailed', { message: t(`errors.${state.error.code}`) })}</Notice>;
  const presets = state.status === 'ready' ? state.presets : [];
  return (
    <select
      className="input input--small ptz-preset-select"
      value=""
      disabled={presets.length === 0}
      aria-label={t('ptz.presets')}
      data-testid="ptz-preset-select"
      onChange={(event) => {
        const preset = presets.find((p) => p.token === event.target.value);
        if (preset) onGoto(preset);
      }}
    >
      <option value="" disabled>
        {state.status === 'loading'
          ? t('ptz.presetsLoading')
          : presets.length === 0
            ? t('ptz.presetsEmpty')
            : t('ptz.presetPick')}
      </option>
      {presets.map((preset, index) => (
        <option key={preset.token} value={preset.token}>
          {index < 9 ? `${index + 1} · ${preset.name}` : preset.name}
        </option>
      ))}
    </select>
  );
}
