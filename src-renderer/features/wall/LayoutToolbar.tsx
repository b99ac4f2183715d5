import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Layout } from '../../../src-shared/contract/layouts';
import { GRID_PRESETS, MAX_GRID } from '../../../src-shared/domain/layout';
import type { Draft } from './useLayoutEditor';

interface LayoutToolbarProps {
  layouts: readonly Layout[];
  /** The list is loaded and holds no layout: say what to do next. */
  empty: boolean;
  draft: Draft;
  busy: boolean;
  canEdit: boolean;
  canMerge: boolean;
  canSplit: boolean;
  onOpen(layout: Layout): void;
  onCreate(): void;
  onRename(name: string): void;
  onPreset(id: string): void;
  onResize(cols: number, rows: number): void;
  onMerge(): void;
  onSplit(): void;
  onSave(): void;
  onDuplicate(): void;
  onRemove(): void;
}

const counts = Array.from({ length: MAX_GRID }, (_, i) => i + 1);

/** Pick, name, shape and store the layout being edited. */
export function LayoutToolbar(props: LayoutToolbarProps) {
  const { layouts, draft, busy, canEdit, canMerge, canSplit } = props;
  const { t } = useTranslation();
  // The layout whose removal waits for a confirmation: another one opened meanwhile is not removed by it.
  const [confirming, setConfirming] = useState<string | null | undefined>(undefined);
  const confirmRemove = confirming === draft.id;
  const removeButton = useRef<HTMLButtonElement>(null);
  const unsaved = draft.dirty || draft.renamed;
  const canSave = !busy && unsaved && draft.name.trim() !== '';
  const keep = () => {
    setConfirming(undefined);
    // Back to the button that asked, for keyboard users (it mounts again on the next render).
    requestAnimationFrame(() => removeButton.current?.focus());
  };
  return (
    <div className="layout-toolbar" data-testid="layout-toolbar">
      <div className="layout-toolbar__row">
        <label className="layout-toolbar__field">
          <span className="field__label">{t('wall.layout.pick')}</span>
          <select
            className="input input--small"
            data-testid="layout-select"
            value={draft.id ?? ''}
            onChange={(event) => {
              const layout = layouts.find((l) => l.id === event.target.value);
              if (layout) props.onOpen(layout);
              else props.onCreate();
            }}
          >
            <option value="">{t('wall.layout.unsaved')}</option>
            {layouts.map((layout) => (
              <option key={layout.id} value={layout.id}>
                {layout.name} ({layout.cols}×{layout.rows})
              </option>
            ))}
          </select>
        </label>
        <label className="layout-toolbar__field layout-toolbar__field--grow">
          <span className="field__label">{t('wall.layout.name')}</span>
          <input
            className="input input--small"
            data-testid="layout-name"
            value={draft.name}
            maxLength={200}
            disabled={!canEdit}
            onChange={(event) => props.onRename(event.target.value)}
            onKeyDown={(event) => {
              if (event.key !== 'Enter') return;
              event.preventDefault();
              if (canSave) props.onSave();
            }}
          />
        </label>
        {canEdit ? (
          <div className="layout-toolbar__actions">
            <button type="button" className="btn btn--small" data-testid="layout-new" onClick={props.onCreate}>
              {t('wall.layout.new')}
            </button>
            <button
              type="button"
              className="btn btn--small btn--primary"
              data-testid="layout-save"
              disabled={!canSave}
              onClick={props.onSave}
            >
              {unsaved ? t('wall.layout.save') : t('wall.layout.saved')}
            </button>
            <button
              type="button"
              className="btn btn--small"
              data-testid="layout-duplicate"
              disabled={draft.id === null}
              onClick={props.onDuplicate}
            >
              {t('wall.layout.duplicate')}
            </button>
            {confirmRemove ? (
              <span
                className="layout-toolbar__confirm"
                onKeyDown={(event) => {
                  if (event.key !== 'Escape') return;
                  event.preventDefault();
                  event.stopPropagation();
                  keep();
                }}
              >
                <button
                  type="button"
                  className="btn btn--small btn--danger"
                  data-testid="layout-remove-confirm"
                  // The operator just asked to delete: the confirmation takes the focus the Delete button had.
                  autoFocus
                  onClick={() => {
                    setConfirming(undefined);
                    props.onRemove();
                  }}
                >
                  {t('wall.layout.removeConfirm')}
                </button>
                <button
                  type="button"
                  className="btn btn--small btn--ghost"
                  data-testid="layout-remove-keep"
                  onClick={keep}
                >
                  {t('wall.layout.keep')}
                </button>
              </span>
            ) : (
              <button
                type="button"
                className="btn btn--small btn--ghost"
                data-testid="layout-remove"
                ref={removeButton}
                onClick={() => setConfirming(draft.id)}
              >
                {t('wall.layout.remove')}
              </button>
            )}
          </div>
        ) : null}
      </div>
      {canEdit && props.empty ? (
        <p className="muted layout-toolbar__empty" data-testid="layout-empty">
          {t('wall.layout.none')}
        </p>
      ) : null}
      {canEdit ? (
        <div className="layout-toolbar__row">
          <div className="segmented" role="group" aria-label={t('wall.layout.presets')}>
            {GRID_PRESETS.map((preset) => (
              <button
                key={preset.id}
                type="button"
                className="segmented__item"
                data-testid={`grid-preset-${preset.id}`}
                onClick={() => props.onPreset(preset.id)}
              >
                {preset.id.replace('x', '×')}
              </button>
            ))}
          </div>
          <label className="layout-toolbar__inline">
            {t('wall.layout.cols')}
            <select
              className="input input--small"
              data-testid="grid-cols"
              value={draft.grid.cols}
              onChange={(event) => props.onResize(Number(event.target.value), draft.grid.rows)}
            >
              {counts.map((n) => (
                <option key={n}>{n}</option>
              ))}
            </select>
          </label>
          <label className="layout-toolbar__inline">
            {t('wall.layout.rows')}
            <select
              className="input input--small"
              data-testid="grid-rows"
              value={draft.grid.rows}
              onChange={(event) => props.onResize(draft.grid.cols, Number(event.target.value))}
            >
              {counts.map((n) => (
                <option key={n}>{n}</option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="btn btn--small"
            data-testid="tiles-merge"
            disabled={!canMerge}
            title={t('wall.layout.mergeHint')}
            onClick={props.onMerge}
          >
            {t('wall.layout.merge')}
          </button>
          <button
            type="button"
            className="btn btn--small"
            data-testid="tiles-split"
            disabled={!canSplit}
            onClick={props.onSplit}
          >
            {t('wall.layout.split')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
