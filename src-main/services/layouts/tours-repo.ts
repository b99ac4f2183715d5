import type { Tour, TourStep } from '../../../src-shared/contract/layouts';
import { foldForSearch } from '../../../src-shared/i18n/fold';
import { CommandError } from '../../../src-shared/contract';
import type { Store } from '../store';
import { notFound, staleVersion } from './layouts-repo';
import { tourFromRow, type TourRow } from './rows';

export interface TourInput {
  id?: string | undefined;
  name: string;
  layoutId: string | null;
  pinnedTiles: number[];
  steps: TourStep[];
  expectedVersion?: number | undefined;
}

const COLUMNS = 'id, name, layout_id, pinned_tiles, steps, version, created_at, updated_at, updated_by';

/** Tours in SQLite, versioned and tombstoned like layouts. */
export function createToursRepo(store: Store, newId: () => string) {
  const db = store.sqlite;
  const selectOne = db.prepare<[string], TourRow>(`SELECT ${COLUMNS} FROM wall_tours WHERE id = ? AND deleted = 0`);
  const selectAll = db.prepare<[], TourRow>(
    `SELECT ${COLUMNS} FROM wall_tours WHERE deleted = 0 ORDER BY name_folded, created_at`,
  );
  const insert = db.prepare(
    `INSERT INTO wall_tours (id, name, name_folded, layout_id, pinned_tiles, steps, version, created_at, updated_at, updated_by)
     VALUES (@id, @name, @folded, @layoutId, @pinned, @steps, 1, @at, @at, @by)`,
  );
  const update = db.prepare(
    `UPDATE wall_tours SET name = @name, name_folded = @folded, layout_id = @layoutId, pinned_tiles = @pinned,
       steps = @steps, version = version + 1, updated_at = @at, updated_by = @by WHERE id = @id AND deleted = 0`,
  );
  const tombstone = db.prepare(
    `UPDATE wall_tours SET deleted = 1, version = version + 1, updated_at = @at, updated_by = @by WHERE id = @id`,
  );

  function get(id: string): Tour {
    const row = selectOne.get(id);
    if (!row) throw notFound('tour', id);
    return tourFromRow(row);
  }

  const save = db.transaction((input: TourInput, at: string, by: string): Tour => {
    const fields = {
      name: input.name,
      folded: foldForSearch(input.name),
      layoutId: input.layoutId,
      pinned: JSON.stringify([...new Set(input.pinnedTiles)].sort((a, b) => a - b)),
      steps: JSON.stringify(input.steps),
      at,
      by,
    };
    if (input.id === undefined) {
      const id = newId();
      insert.run({ id, ...fields });
      return get(id);
    }
    const current = get(input.id);
    if (input.expectedVersion !== undefined && input.expectedVersion !== current.version) {
      throw staleVersion('tour', current.name, current.version);
    }
    update.run({ id: input.id, ...fields });
    return get(input.id);
  });

  const remove = db.transaction((id: string, at: string, by: string, inUse: (id: string) => string | null) => {
    const tour = get(id);
    const user = inUse(id);
    if (user) throw new CommandError('conflict', `The tour "${tour.name}" is in use by ${user}; change that first.`);
    tombstone.run({ id, at, by });
    return { ...tour, version: tour.version + 1 };
  });

  return {
    list: (): Tour[] => selectAll.all().map(tourFromRow),
    get,
    save: (input: TourInput, at: string, by: string) => save(input, at, by),
    remove: (id: string, at: string, by: string, inUse: (id: string) => string | null) => remove(id, at, by, inUse),
    /** Names of tours that use a layout, as base or as a step. */
    usingLayout: (layoutId: string): string[] =>
      selectAll
        .all()
        .map(tourFromRow)
        .filter((t) => t.layoutId === layoutId || t.steps.some((s) => s.kind === 'layout' && s.layoutId === layoutId))
        .map((t) => t.name),
  };
}
export type ToursRepo = ReturnType<typeof createToursRepo>;
