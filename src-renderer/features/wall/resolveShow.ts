import type { Layout, Tour, WallDisplay } from '../../../src-shared/contract/layouts';
import { cameraStepGrid, pinOver, tourPosition, type TileGrid } from '../../../src-shared/domain/layout';

export interface TourShow {
  id: string;
  name: string;
  running: boolean;
  step: number;
  steps: number;
  /** Until the next step, in ms; null when stopped. */
  remainingMs: number | null;
}

export interface WallShow {
  grid: TileGrid | null;
  /** The layout on screen (a camera step of a tour has none). */
  layoutId: string | null;
  layoutName: string | null;
  tour: TourShow | null;
  problem: 'unassigned' | 'missing_layout' | 'missing_tour' | 'empty_tour' | null;
}

const nothing = (problem: WallShow['problem']): WallShow => ({
  grid: null,
  layoutId: null,
  layoutName: null,
  tour: null,
  problem,
});

const gridOf = (layout: Layout): TileGrid => ({ cols: layout.cols, rows: layout.rows, tiles: layout.tiles });

/**
 * What a display shows at `nowMs`: its layout, or the current step of its tour (from the tour's start time,
 * so every window of the display agrees), with the tour's pinned tiles kept in place.
 */
export function resolveShow(
  display: WallDisplay,
  layouts: readonly Layout[],
  tours: readonly Tour[],
  nowMs: number,
): WallShow {
  const { source } = display;
  if (!source) return nothing('unassigned');
  if (source.kind === 'layout') {
    const layout = layouts.find((l) => l.id === source.layoutId);
    if (!layout) return nothing('missing_layout');
    return { grid: gridOf(layout), layoutId: layout.id, layoutName: layout.name, tour: null, problem: null };
  }
  const tour = tours.find((t) => t.id === source.tourId);
  if (!tour) return nothing('missing_tour');
  if (tour.steps.length === 0) return nothing('empty_tour');
  const dwells = tour.steps.map((s) => s.dwellSec);
  const running = display.tour.running && display.tour.startedAt !== null;
  const position = running ? tourPosition(dwells, Date.parse(display.tour.startedAt!), nowMs) : null;
  const index = Math.min(position?.index ?? display.tour.heldStep ?? 0, tour.steps.length - 1);
  const step = tour.steps[index]!;
  const baseLayout = tour.layoutId ? layouts.find((l) => l.id === tour.layoutId) : undefined;
  const base = baseLayout ? gridOf(baseLayout) : null;
  const tourShow: TourShow = {
    id: tour.id,
    name: tour.name,
    running,
    step: index,
    steps: tour.steps.length,
    remainingMs: position ? position.remainingMs : null,
  };
  if (step.kind === 'cameras') {
    return {
      grid: cameraStepGrid(base, tour.pinnedTiles, step.cameraIds),
      layoutId: null,
      layoutName: null,
      tour: tourShow,
      problem: null,
    };
  }
  const layout = layouts.find((l) => l.id === step.layoutId);
  if (!layout) return { ...nothing('missing_layout'), tour: tourShow };
  return {
    grid: pinOver(gridOf(layout), base, tour.pinnedTiles),
    layoutId: layout.id,
    layoutName: layout.name,
    tour: tourShow,
    problem: null,
  };
}
