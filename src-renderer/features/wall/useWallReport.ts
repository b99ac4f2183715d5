import { useEffect, useRef } from 'react';
import type { TileGrid } from '../../../src-shared/domain/layout';
import { core } from '../../bridge';
import type { LiveVideoStatus } from '../player';

const REPORT_EVERY_MS = 5_000;
const SETTLE_MS = 400;

export interface WallReport {
  displayId: string;
  grid: TileGrid | null;
  layoutId: string | null;
  tourStep: number | null;
  alarmId: string | null;
  statuses: ReadonlyMap<number, LiveVideoStatus>;
  /** Bumped whenever a tile's state changes. */
  version: number;
}

function send(report: WallReport): void {
  if (core.connection().state !== 'connected') return;
  const { displayId, grid, layoutId, tourStep, alarmId, statuses } = report;
  void core.call('walls.report', {
    displayId,
    layoutId,
    tourStep,
    alarmId,
    tiles: (grid?.tiles ?? []).map((tile, index) => ({
      cameraId: tile.cameraId,
      state: tile.cameraId ? (statuses.get(index)?.state ?? null) : null,
    })),
  });
}

/**
 * Tells the core what this wall window shows and the state of each tile (walls.report), so the control
 * window can see the wall: once a change settles, and every few seconds as a heartbeat.
 */
export function useWallReport(report: WallReport): void {
  const latest = useRef(report);
  useEffect(() => {
    latest.current = report;
  });
  useEffect(() => {
    const timer = setInterval(() => send(latest.current), REPORT_EVERY_MS);
    return () => clearInterval(timer);
  }, []);
  const { version, grid, layoutId, tourStep, alarmId } = report;
  useEffect(() => {
    const timer = setTimeout(() => send(latest.current), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [version, grid, layoutId, tourStep, alarmId]);
}
