import type { ReactNode } from 'react';
import type { Camera } from '../../../src-shared/contract';
import { tileRect, type TileGrid } from '../../../src-shared/domain/layout';
import type { LiveVideoHandle, LiveVideoStatus } from '../player';
import { Tile, type TileActions } from './Tile';

export interface AlarmSlot {
  /** Tile index the alarm takes over; -1: the whole grid. */
  index: number;
  content: ReactNode;
  cameraId: string | null;
  state: LiveVideoStatus['state'] | null;
}

export interface LayoutGridProps {
  grid: TileGrid;
  /** null while the camera list is loading. */
  cameras: ReadonlyMap<string, Camera> | null;
  selected: readonly number[];
  maximised: number | null;
  showStats: boolean;
  ptzIndex: number | null;
  actions: TileActions;
  alarm?: AlarmSlot | null;
  onStatus?(index: number, status: LiveVideoStatus | null): void;
  registerHandle?(index: number, handle: LiveVideoHandle | null): void;
  testId?: string;
}

const percent = (n: number) => `${n * 100}%`;

/** The tiles of a layout positioned by its grid; one tile may be maximised over the others. */
export function LayoutGrid(props: LayoutGridProps) {
  const { grid, cameras, selected, maximised, showStats, ptzIndex, actions, alarm } = props;
  const fullAlarm = alarm && (alarm.index < 0 || alarm.index >= grid.tiles.length) ? alarm : null;
  return (
    <div className="layout-grid" data-testid={props.testId} data-cols={grid.cols} data-rows={grid.rows}>
      {grid.tiles.map((tile, index) => {
        const rect = tileRect(grid, tile);
        const isMax = maximised === index;
        return (
          <Tile
            key={`${tile.x},${tile.y},${tile.w},${tile.h}`}
            index={index}
            tile={tile}
            style={
              isMax
                ? { left: 0, top: 0, width: '100%', height: '100%' }
                : {
                    left: percent(rect.left),
                    top: percent(rect.top),
                    width: percent(rect.width),
                    height: percent(rect.height),
                  }
            }
            camera={cameras === null ? undefined : tile.cameraId ? (cameras.get(tile.cameraId) ?? null) : null}
            selected={selected.includes(index)}
            maximised={isMax}
            alone={isMax || grid.tiles.length === 1}
            hidden={fullAlarm !== null || (maximised !== null && !isMax)}
            showStats={showStats}
            ptzOpen={ptzIndex === index}
            actions={actions}
            alarm={alarm && alarm.index === index ? alarm : undefined}
            onStatus={props.onStatus}
            registerHandle={props.registerHandle}
          />
        );
      })}
      {fullAlarm ? (
        <div
          className="tile tile--alarm tile--max"
          data-tile-index={-1}
          data-alarm="true"
          data-camera-id={fullAlarm.cameraId ?? ''}
          data-state={fullAlarm.state ?? undefined}
        >
          {fullAlarm.content}
        </div>
      ) : null}
    </div>
  );
}
