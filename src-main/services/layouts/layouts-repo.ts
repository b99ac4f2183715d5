import { CommandError } from '../../../src-shared/contract';
import type { Layout, LayoutTileValue } from '../../../src-shared/contract/layouts';
import { foldForSearch } from '../../../src-shared/i18n/fold';
import type { Store } from '../store';
import { layoutFromRow, type LayoutRow } from './rows';

export interface LayoutInput {
  id?: string | undefined;
  name: string;
  cols: number;
  rows: number;
  tiles: LayoutTileValue[];
  expectedVersion?: number | undefined;
}

const COLUMNS = 'id, name, cols, rows, tiles, version, created_at, updated_at, updated_by';

export function notFound(kind: 'layout' | 'tour', id: string): CommandError {
  return new CommandError('not_found', `There is no ${kind} "${id.slice(0, 64)}".`);
}

export function staleVersion(kind: 'layout' | 'tour', name: string, current: number): CommandError {
  return new CommandError(
    'conflict',
    `The ${kind} "${name}" was changed by someone else (now version ${current}); reload it before saving.`,
  );
}

/** Wall layouts in SQLite: versioned, tombstoned on delete. Every write runs in one transaction. */
export function createLayoutsRepo(store: Store, newId: () => string) {
  const db = store.sqlite;
  const selectOne = db.prepare<[string], LayoutRow>(`SELECT ${COLUMNS} FROM wall_layouts WHERE id = ? AND deleted = 0`);
  const selectAll = db.prepare<[], LayoutRow>(
    `SELECT ${COLUMNS} FROM wall_layouts WHERE deleted = 0 ORDER BY name_folded, created_at`,
  );
  const insert = db.prepare(
    `INSERT INTO wall_layouts (id, name, name_folded, cols, rows, tiles, version, created_at, updated_at, updated_by)
     VALUES (@id, @name, @folded, @cols, @rows, @tiles, 1, @at, @at, @by)`,
  );
  const update = db.prepare(
    `UPDATE wall_layouts SET name = @name, name_folded = @folded, cols = @cols, rows = @rows, tiles = @tiles,
       version = version + 1, updated_at = @at, updated_by = @by WHERE id = @id AND deleted = 0`,
  );
  const tombstone = db.prepare(
    `UPDATE wall_layouts SET deleted = 1, version = version + 1, updated_at = @at, updated_by = @by WHERE id = @id`,
  );

  function get(id: string): Layout {
    const row = selectOne.get(id);
    if (!row) throw notFound('layout', id);
    return layoutFromRow(row);
  }

  const save = db.transaction((input: LayoutInput, at: string, by: string): Layout => {
    const fields = {
      name: input.name,
      folded: foldForSearch(input.name),
      cols: input.cols,
      rows: input.rows,
      tiles: JSON.stringify(input.tiles),
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
      throw staleVersion('layout', current.name, current.version);
    }
    update.run({ id: input.id, ...fields });
    return get(input.id);
  });

  const remove = db.transaction((id: string, at: string, by: string, inUse: (id: string) => string | null) => {
    const layout = get(id);
    const user = inUse(id);
    if (user)
      throw new CommandError('conflict', `The layout "${layout.name}" is in use by ${user}; change that first.`);
    tombstone.run({ id, at, by });
    return { ...layout, version: layout.version + 1 };
  });

  return {
    list: (): Layout[] => selectAll.all().map(layoutFromRow),
    get,
    save: (input: LayoutInput, at: string, by: string) => save(input, at, by),
    remove: (id: string, at: string, by: string, inUse: (id: string) => string | null) => remove(id, at, by, inUse),
  };
}
export type LayoutsRepo = ReturnType<typeof createLayoutsRepo>;
