import { useCallback, useEffect, useState } from 'react';
import type { Layout } from '../../../src-shared/contract/layouts';
import {
  assignCamera,
  fillCameras,
  mergeTiles,
  presetById,
  resizeGrid,
  splitTile,
  swapCameras,
  uniformGrid,
  type TileGrid,
} from '../../../src-shared/domain/layout';
import { core, type ClientError } from '../../bridge';

export interface Draft {
  /** null: not saved yet. */
  id: string | null;
  name: string;
  version: number | null;
  grid: TileGrid;
  /** The grid or cameras changed since the last load or save. */
  dirty: boolean;
  /** The name changed since the last load or save. */
  renamed: boolean;
  /** A new draft nobody touched yet: the first saved layout replaces it when the list arrives. */
  pristine: boolean;
}

export type EditorNotice =
  | { kind: 'saved'; name: string }
  | { kind: 'removed'; name: string }
  | { kind: 'failed'; error: ClientError }
  | { kind: 'inUse'; error: ClientError }
  | { kind: 'changedElsewhere' };

const fresh = (name: string): Draft => ({
  id: null,
  name,
  version: null,
  grid: uniformGrid(2, 2),
  dirty: true,
  renamed: false,
  pristine: true,
});

const fromLayout = (layout: Layout): Draft => ({
  id: layout.id,
  name: layout.name,
  version: layout.version,
  grid: { cols: layout.cols, rows: layout.rows, tiles: layout.tiles },
  dirty: false,
  renamed: false,
  pristine: false,
});

const camerasOf = (grid: TileGrid) => grid.tiles.flatMap((t) => (t.cameraId ? [t.cameraId] : []));

/** The layout being edited on the wall page and every edit the toolbar, the tiles and the keys can make. */
export function useLayoutEditor(layouts: readonly Layout[] | null, newName: string) {
  const [draft, setDraft] = useState<Draft>(() => fresh(newName));
  const [notice, setNotice] = useState<EditorNotice | null>(null);
  const [busy, setBusy] = useState(false);

  // Open the first saved layout once the list arrives; follow saves made elsewhere while nothing is edited here.
  useEffect(() => {
    if (!layouts) return;
    setDraft((current) => {
      if (current.pristine) return layouts[0] ? fromLayout(layouts[0]) : current;
      if (current.id === null) return current;
      const stored = layouts.find((l) => l.id === current.id);
      if (!stored) return { ...current, id: null, version: null, dirty: true };
      if (stored.version === current.version) return current;
      if (current.dirty || current.renamed) {
        setNotice({ kind: 'changedElsewhere' });
        return current;
      }
      return fromLayout(stored);
    });
  }, [layouts]);

  const edit = useCallback((change: (grid: TileGrid) => TileGrid) => {
    setDraft((d) => {
      const grid = change(d.grid);
      return grid === d.grid ? d : { ...d, grid, dirty: true, pristine: false };
    });
  }, []);

  const open = useCallback((layout: Layout) => {
    setDraft(fromLayout(layout));
    setNotice(null);
  }, []);

  const create = useCallback(() => {
    setDraft(fresh(newName));
    setNotice(null);
  }, [newName]);

  const applyPreset = useCallback(
    (presetId: string) => {
      const preset = presetById(presetId);
      if (!preset) return;
      // Cameras stay, in reading order, as far as the new shape has room for them.
      edit((grid) => fillCameras(preset.build(), camerasOf(grid)).grid);
    },
    [edit],
  );

  async function save(): Promise<void> {
    setBusy(true);
    const { id, name, version, grid, dirty } = draft;
    const result =
      id !== null && !dirty
        ? await core.call('layouts.rename', { id, name, ...(version ? { expectedVersion: version } : {}) })
        : await core.call('layouts.save', {
            ...(id !== null ? { id } : {}),
            ...(id !== null && version ? { expectedVersion: version } : {}),
            name,
            cols: grid.cols,
            rows: grid.rows,
            tiles: grid.tiles,
          });
    setBusy(false);
    if (!result.ok) {
      setNotice(
        result.error.code === 'conflict' ? { kind: 'changedElsewhere' } : { kind: 'failed', error: result.error },
      );
      return;
    }
    setDraft(fromLayout(result.value));
    setNotice({ kind: 'saved', name: result.value.name });
  }

  /** A copy of what is shown: the stored layout, or with unsaved edits to its grid a new layout of those edits. */
  async function duplicate(name: string): Promise<void> {
    if (draft.id === null) return;
    const { grid } = draft;
    const result = draft.dirty
      ? await core.call('layouts.save', { name, cols: grid.cols, rows: grid.rows, tiles: grid.tiles })
      : await core.call('layouts.duplicate', { id: draft.id, name });
    if (!result.ok) return setNotice({ kind: 'failed', error: result.error });
    setDraft(fromLayout(result.value));
    setNotice({ kind: 'saved', name: result.value.name });
  }

  async function remove(): Promise<void> {
    if (draft.id === null) return create();
    const result = await core.call('layouts.remove', { id: draft.id });
    if (!result.ok) {
      // The core refuses to remove a layout a display or a tour uses.
      return setNotice(
        result.error.code === 'conflict'
          ? { kind: 'inUse', error: result.error }
          : { kind: 'failed', error: result.error },
      );
    }
    setNotice({ kind: 'removed', name: draft.name });
    setDraft(fresh(newName));
  }

  return {
    draft,
    notice,
    busy,
    clearNotice: () => setNotice(null),
    open,
    create,
    rename: (name: string) => setDraft((d) => ({ ...d, name, renamed: true, pristine: false })),
    applyPreset,
    resize: (cols: number, rows: number) => edit((grid) => resizeGrid(grid, cols, rows)),
    /** Joins the tiles into one span; returns its index, or null when the tiles cannot be joined. */
    merge: (indices: readonly number[]): number | null => {
      const result = mergeTiles(draft.grid, indices);
      if (result) edit(() => result.grid);
      return result?.index ?? null;
    },
    split: (index: number) => edit((grid) => splitTile(grid, index)),
    assign: (index: number, cameraId: string | null) => edit((grid) => assignCamera(grid, index, cameraId)),
    swap: (a: number, b: number) => edit((grid) => swapCameras(grid, a, b)),
    save,
    duplicate,
    remove,
  };
}
