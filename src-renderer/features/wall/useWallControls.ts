import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { Camera } from '../../../src-shared/contract';
import type { TileGrid } from '../../../src-shared/domain/layout';
import { downloadBlob, snapshotFileName, type LiveVideoHandle, type LiveVideoStatus } from '../player';
import type { TileActions } from './Tile';
import { stepTile, type Cell } from './tileNavigation';
import {
  settleNumber,
  TILE_NUMBER_WINDOW_MS,
  typeDigit,
  type NumberStep,
  type PendingNumber,
  type TileNumberNote,
} from './tileNumberEntry';
import { extendSelection } from './tileSelection';
import { wallKeyAction } from './wallKeys';

/** How long "no tile 17" stays on the wall. */
const MISSING_NOTE_MS = 2_500;

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
  /**
   * Joins tiles into one; returns the merged tile's index or null when refused. With it, Shift+arrows extend
   * the selection and M merges it (the layout editor); a wall window has none.
   */
  merge?: (indices: readonly number[]) => number | null;
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
  const { grid, cameras, root, onTour, edit, keysEnabled = true, onNewCase, merge } = options;
  const [selected, setSelected] = useState<number[]>([]);
  const [maximised, setMaximised] = useState<number | null>(null);
  const [showStats, setShowStats] = useState(false);
  const [ptzIndex, setPtzIndex] = useState<number | null>(null);
  const [snapshot, setSnapshot] = useState<SnapshotOutcome | null>(null);
  const handles = useRef(new Map<number, LiveVideoHandle>());
  const tileCount = grid?.tiles.length ?? 0;
  // The tile number being typed (tileNumberEntry.ts): the first digit waiting, its timer, and what the wall shows.
  const pendingNumber = useRef<PendingNumber | null>(null);
  const numberTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [numberNote, setNumberNote] = useState<TileNumberNote | null>(null);
  // The arrows' cursor cell (tileNavigation.ts), so crossing a merged tile keeps the row or column.
  const cursor = useRef<Cell | null>(null);
  // Focus follows a selection made by the keys, once the tiles have rendered it (a maximised tile is shown only
  // then; a hidden tile cannot take the focus).
  const [focusRequest, setFocusRequest] = useState<{ index: number } | null>(null);

  const clearNumber = useCallback(() => {
    if (numberTimer.current !== null) clearTimeout(numberTimer.current);
    numberTimer.current = null;
    pendingNumber.current = null;
    setNumberNote(null);
  }, []);
  useEffect(() => clearNumber, [clearNumber]);

  // A new shape: indexes no longer mean the same tiles, except those the edit that made it chose (a merge's tile).
  const shape = grid ? grid.tiles.map((t) => `${t.x},${t.y},${t.w},${t.h}`).join(';') : '';
  const keepOnReshape = useRef<number[] | null>(null);
  useEffect(() => {
    setSelected(keepOnReshape.current ?? []);
    keepOnReshape.current = null;
    setMaximised(null);
    setPtzIndex(null);
    cursor.current = null;
    clearNumber();
  }, [shape, clearNumber]);
  useEffect(() => {
    if (!keysEnabled) clearNumber();
  }, [keysEnabled, clearNumber]);

  /** Merges the selected tiles and keeps the merged one selected; the toolbar's button and M both use it. */
  const mergeSelected = useCallback((): number | null => {
    if (!merge || selected.length < 2) return null;
    const merged = merge(selected);
    if (merged !== null) {
      keepOnReshape.current = [merged];
      setSelected([merged]);
    }
    return merged;
  }, [merge, selected]);

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
  useEffect(() => {
    if (focusRequest) focusTile(focusRequest.index);
  }, [focusRequest, focusTile]);

  /** Selects one tile from the keys: a maximised wall shows that tile maximised instead; the focus goes to it. */
  const selectTile = useCallback((index: number) => {
    setSelected([index]);
    setMaximised((m) => (m === null ? null : index));
    setFocusRequest({ index });
  }, []);

  /** Carries out a step of typing a tile number: select, wait for the second digit, or say there is no such tile. */
  const applyNumber = useCallback(
    function apply(step: NumberStep) {
      if (numberTimer.current !== null) clearTimeout(numberTimer.current);
      numberTimer.current = null;
      pendingNumber.current = step.pending;
      // A pending digit's tile exists: a grid that changes shape drops what is being typed.
      if (step.select !== null) selectTile(step.select);
      if (step.pending) {
        setNumberNote({ kind: 'pending', digit: step.pending.digit });
        numberTimer.current = setTimeout(() => apply(settleNumber(pendingNumber.current)), TILE_NUMBER_WINDOW_MS);
      } else if (step.missing !== null) {
        setNumberNote({ kind: 'missing', n: step.missing });
        numberTimer.current = setTimeout(() => {
          numberTimer.current = null;
          setNumberNote(null);
        }, MISSING_NOTE_MS);
      } else setNumberNote(null);
    },
    [selectTile],
  );

  const actions: TileActions = useMemo(
    () => ({
      select: (index, additive) => {
        // A click wins over a number still being typed.
        clearNumber();
        setSelected((current) =>
          additive ? (current.includes(index) ? current.filter((i) => i !== index) : [...current, index]) : [index],
        );
      },
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
    [takeSnapshot, edit, onNewCase, newCase, clearNumber],
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
      // While PTZ is open its panel owns the digit keys (presets) and the plain arrows (pan and tilt).
      if ((action.kind === 'digit' || action.kind === 'move' || action.kind === 'extend') && ptzIndex !== null) return;
      // A tile number half typed: Enter takes the digit as it stands, Esc drops it, any other key drops it first.
      if (pendingNumber.current && action.kind !== 'digit') {
        const enter = action.kind === 'maximise' && event.key === 'Enter';
        if (enter) applyNumber(settleNumber(pendingNumber.current));
        else clearNumber();
        if (enter || action.kind === 'back') {
          event.preventDefault();
          return;
        }
      }
      // The tile with the focus, when it is one of this wall's.
      const focusedTile = (): number | null => {
        const active = document.activeElement;
        if (!(active instanceof HTMLElement) || !root.current?.contains(active)) return null;
        const index = Number(active.closest<HTMLElement>('[data-tile-index]')?.dataset.tileIndex ?? NaN);
        return Number.isInteger(index) && index >= 0 && index < tileCount ? index : null;
      };
      switch (action.kind) {
        case 'digit':
          // A held digit types it once (its repeats would make "11").
          if (event.repeat) break;
          applyNumber(typeDigit(pendingNumber.current, action.digit, tileCount, event.timeStamp));
          break;
        case 'move': {
          // Arrows are the wall's when the focus is on it or on nothing; elsewhere (a side panel) they scroll.
          const target = event.target;
          const onWall =
            !(target instanceof Node) ||
            target === document.body ||
            target === document.documentElement ||
            Boolean(root.current?.contains(target));
          if (!grid || tileCount === 0 || !onWall) return;
          const from = selected[0] ?? maximised ?? focusedTile();
          if (from === null || from >= tileCount) {
            cursor.current = null;
            selectTile(0);
            break;
          }
          const step = stepTile(grid, from, action.dx, action.dy, cursor.current);
          cursor.current = step.cell;
          selectTile(step.index);
          break;
        }
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
        case 'extend': {
          if (!merge || !grid || maximised !== null) return;
          // Nothing selected yet: start from the tile that has the focus.
          const focused = focusedTile();
          const from = selected.length > 0 ? selected : focused !== null ? [focused] : [];
          if (from.length === 0) return;
          setSelected(extendSelection(grid, from, action.dx, action.dy));
          break;
        }
        case 'merge':
          if (!merge || selected.length < 2) return;
          mergeSelected();
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
    onNewCase,
    newCase,
    merge,
    mergeSelected,
    root,
    applyNumber,
    clearNumber,
    selectTile,
  ]);

  return {
    selected,
    mergeSelected,
    maximised,
    showStats,
    ptzIndex,
    actions,
    registerHandle,
    snapshot,
    clearSnapshot: () => setSnapshot(null),
    /** The tile number being typed, or a number no tile has, for TileNumberStatus. */
    numberNote,
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
