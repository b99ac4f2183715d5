import type { Layout, LayoutTileValue } from '../../../src-shared/contract/layouts';
import type { Store } from '../store';
import { layoutFromRow, type LayoutRow } from './rows';
import { createVersionedRepo } from './versioned-repo';

export { notFound, staleVersion } from './versioned-repo';

export interface LayoutInput {
  id?: string | undefined;
  name: string;
  cols: number;
  rows: number;
  tiles: LayoutTileValue[];
  expectedVersion?: number | undefined;
}

/** Wall layouts in SQLite: versioned, tombstoned on delete. Every write runs in one transaction. */
export function createLayoutsRepo(store: Store, newId: () => string) {
  return createVersionedRepo<LayoutRow, Layout, LayoutInput>(store, newId, {
    table: 'wall_layouts',
    kind: 'layout',
    columns: { cols: 'cols', rows: 'rows', tiles: 'tiles' },
    fromRow: layoutFromRow,
    values: (input) => ({ cols: input.cols, rows: input.rows, tiles: JSON.stringify(input.tiles) }),
  });
}
export type LayoutsRepo = ReturnType<typeof createLayoutsRepo>;
