import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera } from '../../../src-shared/contract';
import type { TileGrid } from '../../../src-shared/domain/layout';
import { useCan } from '../../stores/session';
import { Notice, Page } from '../../ui';
import { AlarmPanel } from './AlarmPanel';
import { CameraList } from './CameraList';
import { DisplaysPanel } from './DisplaysPanel';
import { LayoutGrid } from './LayoutGrid';
import { LayoutInUseNotice } from './LayoutInUseNotice';
import { LayoutToolbar } from './LayoutToolbar';
import { TileNumberStatus } from './TileNumberStatus';
import { ToursPanel } from './ToursPanel';
import { ActionError } from './ActionError';
import { useLayoutEditor } from './useLayoutEditor';
import { camerasById, useCameras, useLayouts, useTours, useWalls } from './useWallData';
import { useWallControls } from './useWallControls';
import { useDisplays } from './useDisplays';
import { core, type ClientError } from '../../bridge';
import { NewCaseFromTile, useNewCaseFromTile } from './NewCaseFromTile';
import { selectionSize } from './tileSelection';
import './wall.css';

const NO_CAMERAS: readonly Camera[] = [];

const NO_CAMERA_MAP: ReadonlyMap<string, Camera> = new Map();

/** The control window's wall page: edit layouts live, assign them to displays, tours and alarm pop-ups. */
export function WallPage() {
  const { t } = useTranslation();
  const canConfigure = useCan('wall.configure');
  const layouts = useLayouts().state;
  const tours = useTours().state;
  const cameraState = useCameras().state;
  const walls = useWalls();
  const loadedCameras = useMemo(() => camerasById(cameraState), [cameraState]);
  const cameras = loadedCameras ?? NO_CAMERA_MAP;
  const cameraList = cameraState.status === 'ready' ? cameraState.value : NO_CAMERAS;
  const layoutList = useMemo(() => (layouts.status === 'ready' ? layouts.value : null), [layouts]);
  const editor = useLayoutEditor(layoutList, t('wall.layout.newName'));
  const { draft } = editor;
  const stage = useRef<HTMLDivElement>(null);
  const [displayId, setDisplayId] = useState<string | null>(null);
  const wallList = walls.state.status === 'ready' ? walls.state.value : [];
  const selectedWall = wallList.find((w) => w.displayId === displayId) ?? null;

  const toggleTour = useCallback(() => {
    if (selectedWall?.source?.kind !== 'tour') return;
    void core
      .call('walls.tour', { displayId: selectedWall.displayId, running: !selectedWall.tour.running })
      .then(() => walls.reload());
  }, [selectedWall, walls]);

  const edit = useMemo(
    () =>
      canConfigure
        ? {
            dropCamera: (index: number, cameraId: string) => editor.assign(index, cameraId),
            swap: (from: number, to: number) => editor.swap(from, to),
            clear: (index: number) => editor.assign(index, null),
          }
        : undefined,
    // The editor's edits go through state updaters, so the first ones stay valid.
    [canConfigure],
  );
  const newCase = useNewCaseFromTile(cameras);
  // What the last merge did, said once for the selection it left (a refusal for the selection it refused).
  const [mergeNote, setMergeNote] = useState<{ text: string; selection: string } | null>(null);
  const merge = canConfigure
    ? (indices: readonly number[]): number | null => {
        const merged = editor.merge(indices);
        setMergeNote(
          merged === null
            ? { text: t('wall.layout.mergeRefused'), selection: indices.join(',') }
            : { text: t('wall.layout.merged', { n: merged + 1 }), selection: String(merged) },
        );
        return merged;
      }
    : undefined;
  const controls = useWallControls({
    grid: draft.grid,
    cameras,
    root: stage,
    onTour: toggleTour,
    edit,
    onNewCase: newCase.onNewCase,
    keysEnabled: !newCase.open,
    merge,
  });
  const { selected } = controls;
  // Said once: a later selection drops it, so selecting the same tiles again later does not repeat it.
  const selectionKey = selected.join(',');
  useEffect(() => {
    setMergeNote((note) => (note && note.selection !== selectionKey ? null : note));
  }, [selectionKey]);
  const primary = selected[0] ?? null;
  const selectedTile = primary !== null ? draft.grid.tiles[primary] : undefined;
  const onLayout = useMemo(
    () => new Set(draft.grid.tiles.flatMap((tile) => (tile.cameraId ? [tile.cameraId] : []))),
    [draft.grid],
  );

  function pick(cameraId: string): void {
    const target = primary ?? draft.grid.tiles.findIndex((tile) => tile.cameraId === null);
    if (target !== null && target >= 0) editor.assign(target, cameraId);
  }

  return (
    <Page name="wall" title={t('wall.title')}>
      <div className="wallpage">
        <aside className="wallpage__cameras">
          <CameraList
            cameras={cameraState.status === 'ready' ? cameraState.value : null}
            onLayout={onLayout}
            onPick={pick}
          />
        </aside>
        <section className="wallpage__editor" aria-label={t('wall.layout.title')}>
          <LayoutToolbar
            layouts={layoutList ?? []}
            empty={layoutList !== null && layoutList.length === 0}
            draft={draft}
            busy={editor.busy}
            canEdit={canConfigure}
            canMerge={selected.length >= 2}
            canSplit={selectedTile !== undefined && (selectedTile.w > 1 || selectedTile.h > 1)}
            onOpen={editor.open}
            onCreate={editor.create}
            onRename={editor.rename}
            onPreset={editor.applyPreset}
            onResize={editor.resize}
            onMerge={() => void controls.mergeSelected()}
            onSplit={() => primary !== null && editor.split(primary)}
            onSave={() => void editor.save()}
            onDuplicate={() => void editor.duplicate(t('wall.layout.copyName', { name: draft.name }))}
            onRemove={() => void editor.remove()}
          />
          <div ref={stage} className="wallpage__stage">
            <LayoutGrid
              grid={draft.grid}
              cameras={loadedCameras}
              selected={selected}
              maximised={controls.maximised}
              showStats={controls.showStats}
              ptzIndex={controls.ptzIndex}
              actions={controls.actions}
              registerHandle={controls.registerHandle}
              testId="editor-grid"
            />
            <TileNumberStatus note={controls.numberNote} />
          </div>
          {canConfigure ? <SelectionStatus grid={draft.grid} selected={selected} note={mergeNote} /> : null}
          <EditorNotices notice={editor.notice} snapshot={controls.snapshot} />
          <NewCaseFromTile state={newCase} />
          <p className="muted wall__hint">{t('wall.editorHint')}</p>
        </section>
        <aside className="wallpage__side">
          <DisplaysPanel
            layouts={layoutList ?? []}
            tours={tours.status === 'ready' ? tours.value : []}
            walls={wallList}
            canConfigure={canConfigure}
            selected={displayId}
            onSelect={setDisplayId}
            onChanged={walls.reload}
          />
          <ToursPanel
            tours={tours.status === 'ready' ? tours.value : []}
            layouts={layoutList ?? []}
            cameras={cameraList}
            canConfigure={canConfigure}
          />
          <AlarmPanel
            displayId={displayId}
            wall={selectedWall}
            layouts={layoutList ?? []}
            cameras={cameraList}
            canConfigure={canConfigure}
          />
        </aside>
      </div>
    </Page>
  );
}

/** For screen readers: how many tiles are selected and that M merges them, or what the last merge did. */
function SelectionStatus({
  grid,
  selected,
  note,
}: {
  grid: TileGrid;
  selected: readonly number[];
  note: { text: string; selection: string } | null;
}) {
  const { t } = useTranslation();
  const size = selected.length >= 2 ? selectionSize(grid, selected) : null;
  const text =
    note && note.selection === selected.join(',')
      ? note.text
      : size
        ? t('wall.layout.selection', { count: selected.length, cols: size.cols, rows: size.rows })
        : '';
  return (
    <p className="visually-hidden" role="status" data-testid="layout-selection-status">
      {text}
    </p>
  );
}

/** A refused delete names the displays as the displays panel does: asked of the shell only when shown. */
function InUseNotice({ error }: { error: ClientError }) {
  const { displays } = useDisplays();
  return <LayoutInUseNotice error={error} displays={displays} testId="layout-notice" />;
}

function EditorNotices({
  notice,
  snapshot,
}: {
  notice: ReturnType<typeof useLayoutEditor>['notice'];
  snapshot: ReturnType<typeof useWallControls>['snapshot'];
}) {
  const { t } = useTranslation();
  return (
    <>
      {notice?.kind === 'saved' ? (
        <Notice tone="info" testId="layout-notice">
          {t('wall.layout.savedAs', { name: notice.name })}
        </Notice>
      ) : null}
      {notice?.kind === 'removed' ? (
        <Notice tone="info" testId="layout-notice">
          {t('wall.layout.removed', { name: notice.name })}
        </Notice>
      ) : null}
      {notice?.kind === 'changedElsewhere' ? (
        <Notice tone="warn" testId="layout-notice">
          {t('wall.layout.changedElsewhere')}
        </Notice>
      ) : null}
      {notice?.kind === 'failed' ? <ActionError error={notice.error} testId="layout-notice" /> : null}
      {notice?.kind === 'inUse' ? <InUseNotice error={notice.error} /> : null}
      {snapshot ? (
        <Notice tone={snapshot.ok ? 'info' : 'error'} testId="snapshot-notice">
          {snapshot.ok ? t('wall.snapshotSaved', { file: snapshot.file }) : t('wall.snapshotFailed')}
        </Notice>
      ) : null}
    </>
  );
}
