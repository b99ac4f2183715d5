import type { Tour, TourStep } from '../../../src-shared/contract/layouts';
import type { Store } from '../store';
import { tourFromRow, type TourRow } from './rows';
import { createVersionedRepo } from './versioned-repo';

export interface TourInput {
  id?: string | undefined;
  name: string;
  layoutId: string | null;
  pinnedTiles: number[];
  steps: TourStep[];
  expectedVersion?: number | undefined;
}

/** Tours in SQLite, versioned and tombstoned like layouts. */
export function createToursRepo(store: Store, newId: () => string) {
  const repo = createVersionedRepo<TourRow, Tour, TourInput>(store, newId, {
    table: 'wall_tours',
    kind: 'tour',
    columns: { layout_id: 'layoutId', pinned_tiles: 'pinned', steps: 'steps' },
    fromRow: tourFromRow,
    values: (input) => ({
      layoutId: input.layoutId,
      pinned: JSON.stringify([...new Set(input.pinnedTiles)].sort((a, b) => a - b)),
      steps: JSON.stringify(input.steps),
    }),
  });
  return {
    ...repo,
    /** Names of tours that use a layout, as base or as a step. */
    usingLayout: (layoutId: string): string[] =>
      repo
        .list()
        .filter((t) => t.layoutId === layoutId || t.steps.some((s) => s.kind === 'layout' && s.layoutId === layoutId))
        .map((t) => t.name),
  };
}
export type ToursRepo = ReturnType<typeof createToursRepo>;
