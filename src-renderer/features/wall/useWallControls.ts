import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { Camera } from '../../../src-shared/contract';
import type { TileGrid } from '../../../src-shared/domain/layout';
import { downloadBlob, snapshotFileName, type LiveVideoHandle, type LiveVideoStatus } from '../player';
import type { TileActions } from './Tile';
import { wallKeyAction } from './wallKeys';

export interface WallControlsOptions {
  grid: TileGrid | null;
  cameras: ReadonlyMap<string, Camera>;
  /** The element holding the tiles, for moving focus with the keys. */
  root: RefObject<HTMLElement | null>;
  /** T: start or stop the display's tour. */
  onTour?: () => void;
  /** Editing callbacks; a wall window has none. */
  edit?: Pick<TileActions, 'dropCamera' | 'swap' | 'clear'>;
  /** Keys work only while this is true (e.g. not while a form has focus). */
  keysEnabled?: boolean;
  /** N or the tile's ＋: open a new case from this camera; absent when the user may not create cases. */
  onNewCase?: (cameraId: string) => void;
}

export type SnapshotOutcome = { ok: true; file: string } | { ok: false };

/** A key pressed in a form field is typing, never a wall shortcut. */
export function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/** Selection, maximise, stats, PTZ and snapshots of a live wall, by mouse and by the control-room keys. */
export function useWallControls(options: WallControlsOptions) {
  const { grid, cameras, root, onTour, edit, keysEnabled = true, onNewCase } = options;
  const [selected, setSelected] = useState<number[]>([]);
  const [maximised, setMaximised] = useState<number | null>(null);
  const [showStats, setShowStats] = useState(false);
  const [ptzIndex, setPtzIndex] = useState<number | null>(null);
  const [snapshot, setSnapshot] = useState<SnapshotOutcome | null>(null);
  const handles = useRef(new Map<number, LiveVideoHandle>());
  const tileCount = grid?.tiles.length ?? 0;

  // A new shape: indexes no longer mean the same tiles, except those the edit that made it chose (a merge's tile).
  const shape = grid ? grid.tiles.map((t) => `${t.x},${t.y},${t.w},${t.h}`).join(';') : '';
  const keepOnReshape = useRef<number[] | null>(null);
  useEffect(() => {
    setSelected(keepOnReshape.current ?? []);
    keepOnReshape.current = null;
    setMaximised(null);
    setPtzIndex(null);
  }, [shape]);

  const registerHandle = useCallback((index: number, handle: LiveVideoHandle | null) => {
    if (handle) handles.current.set(index, handle);
    else handles.current.delete(index);
  }, []);

  const takeSnapshot = useCallback(
    async (index: number) => {
      const cameraId = grid?.tiles[index]?.cameraId;
      const blob = await handles.current.get(index)?.snapshot();
      if (!cameraId || !blob) return setSnapshot({ ok: false });
      const file = snapshotFileName(cameras.get(cameraId)?.name ?? cameraId, new Date());
      downloadBlob(blob, file);
      setSnapshot({ ok: true, file });
    },
    [grid, cameras],
  );

  const newCase = useCallback(
    (index: number) => {
      const cameraId = grid?.tiles[index]?.cameraId;
      if (cameraId && onNewCase) onNewCase(cameraId);
    },
    [grid, onNewCase],
  );

  const focusTile = useCallback(
    (index: number) => root.current?.querySelector<HTMLElement>(`[data-tile-index="${index}"]`)?.focus(),
    [root],
  );

  const actions: TileActions = useMemo(
    () => ({
      select: (index, additive) =>
        setSelected((current) =>
          additive ? (current.includes(index) ? current.filter((i) => i !== index) : [...current, index]) : [index],
        ),
      maximise: (index) => setMaximised((current) => (current === index ? null : index)),
      togglePtz: (index) => {
        setSelected([index]);
        setPtzIndex((current) => (current === index ? null : index));
      },
      toggleStats: () => setShowStats((s) => !s),
      snapshot: (index) => void takeSnapshot(index),
      ...(onNewCase ? { newCase } : {}),
      ...edit,
    }),
    [takeSnapshot, edit, onNewCase, newCase],
  );

  useEffect(() => {
    if (!keysEnabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTyping(event.target)) return;
      if (event.target instanceof Element && event.target.closest('[role="dialog"]')) return;
      // Enter on a focused button or link presses it; it does not also maximise the selected tile.
      if (event.key === 'Enter' && event.target instanceof Element && event.target.closest('button, a[href]')) return;
      const action = wallKeyAction(event);
      if (!action) return;
      const current = selected[0] ?? maximised;
      // While PTZ is open its panel owns the digit keys (presets).
      if (action.kind === 'select' && ptzIndex !== null) return;
      switch (action.kind) {
        case 'select':
          if (action.index >= tileCount) return;
          setSelected([action.index]);
          if (maximised !== null) setMaximised(action.index);
          focusTile(action.index);
          break;
        case 'maximise':
          if (current === null || current === undefined) return;
          setMaximised((m) => (m === current ? null : current));
          break;
        case 'back':
          if (ptzIndex !== null) setPtzIndex(null);
          else if (maximised !== null) setMaximised(null);
          else setSelected([]);
          break;
        case 'tour':
          if (!onTour) return;
          onTour();
          break;
        case 'snapshot':
          if (current === null || current === undefined) return;
          void takeSnapshot(current);
          break;
        case 'ptz': {
          if (current === null || current === undefined) return;
          const cameraId = grid?.tiles[current]?.cameraId;
          if (!cameraId || !cameras.get(cameraId)?.ptz) return;
          setPtzIndex((p) => (p === current ? null : current));
          break;
        }
        case 'stats':
          setShowStats((s) => !s);
          break;
        case 'newCase':
          if (!onNewCase || current === null || current === undefined) return;
          newCase(current);
          break;
        case 'clear':
          if (!edit?.clear || current === null || current === undefined) return;
          edit.clear(current);
          break;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [
    keysEnabled,
    selected,
    maximised,
    ptzIndex,
    tileCount,
    onTour,
    takeSnapshot,
    grid,
    cameras,
    edit,
    focusTile,
    onNewCase,
    newCase,
  ]);

  /** Selects tiles of the shape an edit made in the same event (the reshape would otherwise clear them). */
  const selectAfterReshape = useCallback((indices: number[]) => {
    keepOnReshape.current = indices;
    setSelected(indices);
  }, []);

  return {
    selected,
    selectAfterReshape,
    maximised,
    showStats,
    ptzIndex,
    actions,
    registerHandle,
    snapshot,
    clearSnapshot: () => setSnapshot(null),
  };
}

/** Tile states by index, kept in a ref (no re-render per change) plus a version to read them when needed. */
export function useTileStatuses() {
  const statuses = useRef(new Map<number, LiveVideoStatus>());
  const [version, setVersion] = useState(0);
  const onStatus = useCallback((index: number, status: LiveVideoStatus | null) => {
    if (status) statuses.current.set(index, status);
    else statuses.current.delete(index);
    setVersion((v) => v + 1);
  }, []);
  return { statuses: statuses.current, version, onStatus };
}
