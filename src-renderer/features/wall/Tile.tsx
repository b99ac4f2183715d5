import { useCallback, useEffect, useRef, useState, type CSSProperties, type DragEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera } from '../../../src-shared/contract';
import type { LayoutTile } from '../../../src-shared/domain/layout';
import {
  LiveVideo,
  PlayerStatus,
  StatsOverlay,
  zoomTransform,
  type LiveVideoHandle,
  type LiveVideoStatus,
} from '../player';
import { PtzPanel } from '../ptz';
import { acceptsDrop, dragTile, readDrop } from './dragData';
import { TileBar } from './TileBar';
import { useTileProfile } from './useTileProfile';
import { useTileZoom } from './useTileZoom';

export interface TileActions {
  select(index: number, additive: boolean): void;
  maximise(index: number): void;
  togglePtz(index: number): void;
  toggleStats(): void;
  snapshot(index: number): void;
  /** Open a new case from the tile's camera (with its snapshot); absent without cases.write. */
  newCase?(index: number): void;
  /** Editing only. */
  dropCamera?(index: number, cameraId: string): void;
  swap?(from: number, to: number): void;
  clear?(index: number): void;
}

export interface TileProps {
  index: number;
  tile: LayoutTile;
  style: CSSProperties;
  /** undefined while the camera list is loading: the tile waits, so it asks for the right stream once. */
  camera: Camera | null | undefined;
  selected: boolean;
  maximised: boolean;
  /** The only tile on show (maximised, or a one-tile layout): played for the lowest latency (playerChoice.ts). */
  alone: boolean;
  hidden: boolean;
  showStats: boolean;
  ptzOpen: boolean;
  actions: TileActions;
  /** Replaces the video: the alarm pop-up when this tile is the alarm slot. */
  alarm?: { content: ReactNode; cameraId: string | null; state: LiveVideoStatus['state'] | null } | undefined;
  onStatus?(index: number, status: LiveVideoStatus | null): void;
  registerHandle?(index: number, handle: LiveVideoHandle | null): void;
}

/** One tile of a wall: live video, its state, zoom, and the operator's actions on it. */
export function Tile(props: TileProps) {
  const { index, tile, camera, selected, maximised, alone, hidden, showStats, ptzOpen, actions, alarm } = props;
  const { onStatus, registerHandle } = props;
  const { t } = useTranslation();
  const root = useRef<HTMLDivElement>(null);
  const media = useRef<HTMLDivElement>(null);
  const handle = useRef<LiveVideoHandle | null>(null);
  // Kept with the camera it is about: when the tile gets another camera, the old state never shows for it.
  const [reported, setReported] = useState<{ cameraId: string; status: LiveVideoStatus } | null>(null);
  const [dropping, setDropping] = useState(false);
  const cameraId = alarm ? null : tile.cameraId;
  const profile = useTileProfile(root, camera ?? null, maximised);
  const { zoom, reset, handlers } = useTileZoom(root, media, `${cameraId}|${maximised}`);

  const status = reported && reported.cameraId === cameraId ? reported.status : null;
  const onVideoStatus = useCallback(
    (next: LiveVideoStatus) => {
      if (cameraId) setReported({ cameraId, status: next });
    },
    [cameraId],
  );
  useEffect(() => {
    onStatus?.(index, cameraId ? status : null);
  }, [onStatus, index, cameraId, status]);
  useEffect(() => {
    if (!registerHandle || !cameraId) return;
    registerHandle(index, {
      snapshot: () => handle.current?.snapshot() ?? Promise.resolve(null),
      stats: () => handle.current?.stats() ?? null,
    });
    return () => registerHandle(index, null);
  }, [registerHandle, index, cameraId]);
  useEffect(() => {
    if (!selected) reset();
  }, [selected, reset]);

  const onDragOver = useCallback(
    (event: DragEvent) => {
      if (!actions.dropCamera || !acceptsDrop(event)) return;
      event.preventDefault();
      setDropping(true);
    },
    [actions],
  );
  const onDrop = useCallback(
    (event: DragEvent) => {
      setDropping(false);
      const payload = readDrop(event);
      if (!payload) return;
      event.preventDefault();
      if (payload.kind === 'camera') actions.dropCamera?.(index, payload.cameraId);
      else actions.swap?.(payload.index, index);
    },
    [actions, index],
  );

  const state = alarm ? alarm.state : cameraId ? (status?.state ?? 'connecting') : null;
  const shownCamera = alarm ? alarm.cameraId : cameraId;
  const className = [
    'tile',
    selected ? 'tile--selected' : '',
    maximised ? 'tile--max' : '',
    dropping ? 'tile--drop' : '',
    alarm ? 'tile--alarm' : '',
    state ? `tile--${state}` : 'tile--empty',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <div
      ref={root}
      className={className}
      style={hidden ? { ...props.style, display: 'none' } : props.style}
      data-tile-index={index}
      data-camera-id={shownCamera ?? ''}
      data-state={state ?? undefined}
      data-profile={cameraId ? profile : undefined}
      data-alarm={alarm ? 'true' : undefined}
      tabIndex={0}
      role="group"
      aria-label={t('wall.tileLabel', { n: index + 1, name: camera?.name ?? cameraId ?? t('wall.tileEmpty') })}
      onClick={(event) => actions.select(index, event.shiftKey || event.ctrlKey || event.metaKey)}
      onDoubleClick={(event) => {
        // The wall window's own double-click (full screen) is for the space around the tiles.
        event.stopPropagation();
        actions.maximise(index);
      }}
      onDragOver={onDragOver}
      onDragLeave={() => setDropping(false)}
      onDrop={onDrop}
    >
      {alarm ? (
        alarm.content
      ) : cameraId && camera !== undefined ? (
        <>
          <div ref={media} className="tile__media" style={{ transform: zoomTransform(zoom) }} {...handlers}>
            <LiveVideo
              key={cameraId}
              cameraId={cameraId}
              profile={profile}
              alone={alone}
              onStatus={onVideoStatus}
              handleRef={handle}
            />
          </div>
          {status ? <PlayerStatus status={status} /> : null}
          {showStats && status ? <StatsOverlay cameraId={cameraId} handle={handle} status={status} /> : null}
          {zoom.scale > 1 ? <span className="tile__zoom mono">{zoom.scale.toFixed(1)}×</span> : null}
        </>
      ) : cameraId ? (
        <div className="tile__empty">{t('player.state.connecting')}</div>
      ) : (
        <div className="tile__empty">{actions.dropCamera ? t('wall.dropHere') : t('wall.tileEmpty')}</div>
      )}
      {alarm ? null : (
        <TileBar
          index={index}
          name={camera?.name ?? cameraId}
          state={state}
          ptz={Boolean(camera?.ptz) && !alarm}
          hasCamera={Boolean(cameraId)}
          maximised={maximised}
          draggable={Boolean(actions.swap) && Boolean(cameraId)}
          onDragStart={(event) => dragTile(event, index)}
          actions={actions}
        />
      )}
      {ptzOpen && cameraId && camera?.ptz ? (
        <div
          className="tile__ptz"
          onClick={(event) => event.stopPropagation()}
          onDoubleClick={(e) => e.stopPropagation()}
        >
          <PtzPanel cameraId={cameraId} keyboard="window" />
        </div>
      ) : null}
    </div>
  );
}
