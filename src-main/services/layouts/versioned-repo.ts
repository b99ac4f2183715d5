import { CommandError, type InUseBy } from '../../../src-shared/contract';
import { foldForSearch } from '../../../src-shared/i18n/fold';
import { type Store, writeTransaction } from '../store';

export type VersionedKind = 'layout' | 'tour';

export function notFound(kind: VersionedKind, id: string): CommandError {
  return new CommandError('not_found', `There is no ${kind} "${id.slice(0, 64)}".`);
}

export function staleVersion(kind: VersionedKind, name: string, current: number): CommandError {
  return new CommandError(
    'conflict',
    `The ${kind} "${name}" was changed by someone else (now version ${current}); reload it before saving.`,
  );
}

/** A delete refused while displays or tours use the item; the reason names them for the client's own words. */
export function inUseRefusal(kind: VersionedKind, name: string, users: readonly InUseBy[]): CommandError {
  const named = users.map((u) => (u.kind === 'display' ? `display ${u.id}` : `tour "${u.name}"`)).join(', ');
  return new CommandError('conflict', `The ${kind} "${name}" is in use by ${named}; change that first.`, {
    kind: 'in_use',
    item: kind,
    name,
    users: [...users],
  });
}

export interface VersionedInput {
  id?: string | undefined;
  name: string;
  expectedVersion?: number | undefined;
}

interface VersionedSpec<Row, Item, Input> {
  table: 'wall_layouts' | 'wall_tours';
  kind: VersionedKind;
  /** The item's own columns, each with the name of its parameter in `values()`. */
  columns: Record<string, string>;
  fromRow(row: Row): Item;
  values(input: Input): Record<string, string | number | null>;
}

/**
 * Named wall items in SQLite (layouts, tours): versioned, tombstoned on delete, searched by folded name.
 * Every write runs in one transaction; a save naming an older version than the stored one is refused.
 */
export function createVersionedRepo<Row, Item extends { name: string; version: number }, Input extends VersionedInput>(
  store: Store,
  newId: () => string,
  spec: VersionedSpec<Row, Item, Input>,
) {
  const db = store.sqlite;
  const own = Object.keys(spec.columns);
  const selected = ['id', 'name', ...own, 'version', 'created_at', 'updated_at', 'updated_by'].join(', ');
  const selectOne = db.prepare<[string], Row>(`SELECT ${selected} FROM ${spec.table} WHERE id = ? AND deleted = 0`);
  const selectAll = db.prepare<[], Row>(
    `SELECT ${selected} FROM ${spec.table} WHERE deleted = 0 ORDER BY name_folded, created_at`,
  );
  const insert = db.prepare(
    `INSERT INTO ${spec.table} (id, name, name_folded, ${own.join(', ')}, version, created_at, updated_at, updated_by)
     VALUES (@id, @name, @folded, ${own.map((c) => `@${spec.columns[c]}`).join(', ')}, 1, @at, @at, @by)`,
  );
  const update = db.prepare(
    `UPDATE ${spec.table} SET name = @name, name_folded = @folded, ${own.map((c) => `${c} = @${spec.columns[c]}`).join(', ')},
       version = version + 1, updated_at = @at, updated_by = @by WHERE id = @id AND deleted = 0`,
  );
  const tombstone = db.prepare(
    `UPDATE ${spec.table} SET deleted = 1, version = version + 1, updated_at = @at, updated_by = @by WHERE id = @id`,
  );

  function get(id: string): Item {
    const row = selectOne.get(id);
    if (!row) throw notFound(spec.kind, id);
    return spec.fromRow(row);
  }

  const save = writeTransaction(db, (input: Input, at: string, by: string): Item => {
    const fields = { name: input.name, folded: foldForSearch(input.name), ...spec.values(input), at, by };
    if (input.id === undefined) {
      const id = newId();
      insert.run({ id, ...fields });
      return get(id);
    }
    const current = get(input.id);
    if (input.expectedVersion !== undefined && input.expectedVersion !== current.version) {
      throw staleVersion(spec.kind, current.name, current.version);
    }
    update.run({ id: input.id, ...fields });
    return get(input.id);
  });

  const remove = writeTransaction(db, (id: string, at: string, by: string, inUse: (id: string) => InUseBy[]) => {
    const item = get(id);
    const users = inUse(id);
    if (users.length > 0) throw inUseRefusal(spec.kind, item.name, users);
    tombstone.run({ id, at, by });
    return { ...item, version: item.version + 1 };
  });

  return {
    list: (): Item[] => selectAll.all().map(spec.fromRow),
    get,
    save: (input: Input, at: string, by: string): Item => save(input, at, by),
    remove: (id: string, at: string, by: string, inUse: (id: string) => InUseBy[]): Item => remove(id, at, by, inUse),
  };
}
