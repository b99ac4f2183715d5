import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera } from '../../../src-shared/contract';
import type { Layout, Tour, TourStep } from '../../../src-shared/contract/layouts';
import { cameraPages, freeTileCount, MIN_DWELL_SEC, MAX_DWELL_SEC } from '../../../src-shared/domain/layout';
import { core, type ClientError } from '../../bridge';
import { ActionError } from './ActionError';

interface TourEditorProps {
  tour: Tour | null;
  layouts: readonly Layout[];
  cameras: readonly Camera[];
  onDone(): void;
}

const DEFAULT_DWELL = 10;

/** A tour: its name, the base layout and pinned tiles, and the steps (layouts or groups of cameras) with dwells. */
export function TourEditor({ tour, layouts, cameras, onDone }: TourEditorProps) {
  const { t } = useTranslation();
  const [name, setName] = useState(tour?.name ?? t('wall.tours.newName'));
  const [layoutId, setLayoutId] = useState<string | null>(tour?.layoutId ?? layouts[0]?.id ?? null);
  const [pinned, setPinned] = useState<number[]>(tour?.pinnedTiles ?? []);
  const [steps, setSteps] = useState<TourStep[]>(tour?.steps ?? []);
  const [dwell, setDwell] = useState(DEFAULT_DWELL);
  const [picked, setPicked] = useState<string[]>([]);
  const [error, setError] = useState<ClientError | null>(null);
  const base = layouts.find((l) => l.id === layoutId) ?? null;
  const free = freeTileCount(base, pinned);
  const cameraName = (id: string) => cameras.find((c) => c.id === id)?.name ?? id;

  const move = (index: number, by: number) =>
    setSteps((current) => {
      const next = [...current];
      const [step] = next.splice(index, 1);
      if (step) next.splice(Math.max(0, Math.min(next.length, index + by)), 0, step);
      return next;
    });
  const setStepDwell = (index: number, dwellSec: number) =>
    setSteps((current) => current.map((s, i) => (i === index ? { ...s, dwellSec } : s)));

  async function save(): Promise<void> {
    const result = await core.call('tours.save', {
      ...(tour ? { id: tour.id, expectedVersion: tour.version } : {}),
      name,
      layoutId,
      pinnedTiles: base ? pinned.filter((i) => i < base.tiles.length) : [],
      steps,
    });
    if (!result.ok) return setError(result.error);
    onDone();
  }

  return (
    <div className="tour-editor" data-testid="tour-editor">
      <label className="field">
        <span className="field__label">{t('wall.tours.name')}</span>
        <input
          className="input input--small"
          data-testid="tour-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <label className="field">
        <span className="field__label">{t('wall.tours.base')}</span>
        <select
          className="input input--small"
          data-testid="tour-base"
          value={layoutId ?? ''}
          onChange={(e) => {
            setLayoutId(e.target.value || null);
            setPinned([]);
          }}
        >
          <option value="">{t('wall.tours.noBase')}</option>
          {layouts.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name} ({l.cols}×{l.rows})
            </option>
          ))}
        </select>
      </label>
      {base ? (
        <fieldset className="tour-editor__pins">
          <legend className="field__label">{t('wall.tours.pinned')}</legend>
          {base.tiles.map((tile, index) => (
            <label key={index} className="tour-editor__pin">
              <input
                type="checkbox"
                data-testid={`tour-pin-${index}`}
                checked={pinned.includes(index)}
                onChange={(e) =>
                  setPinned((current) => (e.target.checked ? [...current, index] : current.filter((i) => i !== index)))
                }
              />
              {index + 1}: {tile.cameraId ? cameraName(tile.cameraId) : t('wall.tileEmpty')}
            </label>
          ))}
        </fieldset>
      ) : null}

      <ol className="tour-editor__steps" data-testid="tour-steps">
        {steps.map((step, index) => (
          <li key={index} className="tour-step">
            <span className="tour-step__what">
              {step.kind === 'layout'
                ? t('wall.tours.stepLayout', {
                    name: layouts.find((l) => l.id === step.layoutId)?.name ?? step.layoutId,
                  })
                : t('wall.tours.stepCameras', {
                    count: step.cameraIds.length,
                    names: step.cameraIds.map(cameraName).join(', '),
                  })}
            </span>
            <input
              className="input input--small tour-step__dwell"
              type="number"
              min={MIN_DWELL_SEC}
              max={MAX_DWELL_SEC}
              value={step.dwellSec}
              aria-label={t('wall.tours.dwell')}
              onChange={(e) => setStepDwell(index, Number(e.target.value))}
            />
            <span className="muted">{t('wall.tours.seconds')}</span>
            <button
              type="button"
              className="btn btn--ghost btn--small"
              onClick={() => move(index, -1)}
              aria-label={t('wall.tours.up')}
            >
              ↑
            </button>
            <button
              type="button"
              className="btn btn--ghost btn--small"
              onClick={() => move(index, 1)}
              aria-label={t('wall.tours.down')}
            >
              ↓
            </button>
            <button
              type="button"
              className="btn btn--ghost btn--small"
              onClick={() => setSteps((current) => current.filter((_, i) => i !== index))}
              aria-label={t('wall.tours.removeStep')}
            >
              ✕
            </button>
          </li>
        ))}
      </ol>

      <div className="tour-editor__add">
        <label className="layout-toolbar__inline">
          {t('wall.tours.dwell')}
          <input
            className="input input--small tour-step__dwell"
            type="number"
            data-testid="tour-dwell"
            min={MIN_DWELL_SEC}
            max={MAX_DWELL_SEC}
            value={dwell}
            onChange={(e) => setDwell(Number(e.target.value))}
          />
        </label>
        <select
          className="input input--small"
          data-testid="tour-add-layout"
          value=""
          onChange={(e) => {
            if (e.target.value) setSteps((s) => [...s, { kind: 'layout', layoutId: e.target.value, dwellSec: dwell }]);
          }}
        >
          <option value="">{t('wall.tours.addLayout')}</option>
          {layouts.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="tour-editor__cameras">
        <legend className="field__label">{t('wall.tours.addCamerasHint', { free })}</legend>
        <div className="tour-editor__camera-list">
          {cameras.map((camera) => (
            <label key={camera.id} className="tour-editor__pin">
              <input
                type="checkbox"
                data-testid={`tour-camera-${camera.id}`}
                checked={picked.includes(camera.id)}
                onChange={(e) =>
                  setPicked((current) =>
                    e.target.checked ? [...current, camera.id] : current.filter((c) => c !== camera.id),
                  )
                }
              />
              {camera.name}
            </label>
          ))}
        </div>
        <button
          type="button"
          className="btn btn--small"
          data-testid="tour-add-cameras"
          disabled={picked.length === 0 || free === 0}
          onClick={() => {
            const pages = cameraPages(picked, free).map(
              (cameraIds): TourStep => ({ kind: 'cameras', cameraIds, dwellSec: dwell }),
            );
            setSteps((s) => [...s, ...pages]);
            setPicked([]);
          }}
        >
          {t('wall.tours.addCameras')}
        </button>
      </fieldset>

      {error ? <ActionError error={error} testId="tour-error" /> : null}
      <div className="tour-editor__buttons">
        <button
          type="button"
          className="btn btn--primary btn--small"
          data-testid="tour-save"
          disabled={steps.length === 0 || name.trim() === ''}
          onClick={() => void save()}
        >
          {t('wall.tours.save')}
        </button>
        <button type="button" className="btn btn--ghost btn--small" onClick={onDone}>
          {t('wall.tours.cancel')}
        </button>
      </div>
    </div>
  );
}
