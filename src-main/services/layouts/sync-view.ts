import { foldForSearch } from '../../../src-shared/i18n/fold';
import {
  LayoutBodySchema,
  LayoutSaveArgsSchema,
  TourBodySchema,
  TourSaveArgsSchema,
} from '../../../src-shared/sync/wall-protocol';
import type { Store } from '../store';
import type { WallItemRef, WallPublish, WallSyncLink } from './types';

/** An item as the view shows it: the server's row with this workstation's unanswered commands laid over it. */
interface ItemState {
  name: string;
  body: Record<string, unknown>;
  version: number;
  deleted: boolean;
  createdAt: string;
  updatedAt: string;
  updatedBy: string | null;
}

interface MirrorRaw {
  name: string;
  body: string;
  version: number;
  deleted: number;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
}

const key = (item: WallItemRef) => `${item.kind}:${item.id}`;

/**
 * With sync, wall_layouts and wall_tours are a view, rebuilt per item inside the transaction that changes its
 * mirror row or its unanswered commands: the server's row (wall_item_mirror), then each queued save or delete in
 * order (a delete wins over later saves, as on the server). A command the server refused drops out, so the view
 * shows the server's state and the conflicts inbox holds the refused edit. An item with neither (a create the
 * server refused) is hidden by tombstone. The view's version is the server's plus one per queued change, so
 * `expectedVersion` checks keep working offline.
 */
export function createWallSyncView(store: Store, link: WallSyncLink, publish: WallPublish) {
  const db = store.sqlite;
  const s = {
    mirror: db.prepare<[string, string], MirrorRaw>(
      `SELECT name, body, version, deleted, created_at, updated_at, updated_by FROM wall_item_mirror
       WHERE kind = ? AND id = ?`,
    ),
    mirrorItems: db.prepare<[], WallItemRef>('SELECT kind, id FROM wall_item_mirror'),
    layoutSeen: db.prepare<[string], { version: number; deleted: number; name: string; body: string }>(
      `SELECT version, deleted, name, json_object('cols', cols, 'rows', rows, 'tiles', json(tiles)) AS body
       FROM wall_layouts WHERE id = ?`,
    ),
    tourSeen: db.prepare<[string], { version: number; deleted: number; name: string; body: string }>(
      `SELECT version, deleted, name,
         json_object('layoutId', layout_id, 'pinnedTiles', json(pinned_tiles), 'steps', json(steps)) AS body
       FROM wall_tours WHERE id = ?`,
    ),
    layout: db.prepare(
      `INSERT INTO wall_layouts (id, name, name_folded, cols, rows, tiles, version, created_at, updated_at,
         updated_by, deleted)
       VALUES (@id, @name, @folded, @cols, @rows, @tiles, @version, @createdAt, @updatedAt, @updatedBy, @deleted)
       ON CONFLICT(id) DO UPDATE SET name = excluded.name, name_folded = excluded.name_folded, cols = excluded.cols,
         rows = excluded.rows, tiles = excluded.tiles, version = excluded.version,
         created_at = excluded.created_at, updated_at = excluded.updated_at, updated_by = excluded.updated_by,
         deleted = excluded.deleted`,
    ),
    tour: db.prepare(
      `INSERT INTO wall_tours (id, name, name_folded, layout_id, pinned_tiles, steps, version, created_at,
         updated_at, updated_by, deleted)
       VALUES (@id, @name, @folded, @layoutId, @pinned, @steps, @version, @createdAt, @updatedAt, @updatedBy,
         @deleted)
       ON CONFLICT(id) DO UPDATE SET name = excluded.name, name_folded = excluded.name_folded,
         layout_id = excluded.layout_id, pinned_tiles = excluded.pinned_tiles, steps = excluded.steps,
         version = excluded.version, created_at = excluded.created_at, updated_at = excluded.updated_at,
         updated_by = excluded.updated_by, deleted = excluded.deleted`,
    ),
    hideLayout: db.prepare('UPDATE wall_layouts SET deleted = 1, version = version + 1 WHERE id = ? AND deleted = 0'),
    hideTour: db.prepare('UPDATE wall_tours SET deleted = 1, version = version + 1 WHERE id = ? AND deleted = 0'),
  };

  function stateOf(item: WallItemRef): ItemState | null {
    const m = s.mirror.get(item.kind, item.id);
    let state: ItemState | null = m
      ? {
          name: m.name,
          body: JSON.parse(m.body) as Record<string, unknown>,
          version: m.version,
          deleted: m.deleted === 1,
          createdAt: m.created_at,
          updatedAt: m.updated_at,
          updatedBy: m.updated_by,
        }
      : null;
    for (const entry of link.unsettledWall(item)) {
      const stamp = { updatedAt: entry.createdAt, updatedBy: entry.actorUsername };
      if (entry.name.endsWith('.remove')) {
        if (state && !state.deleted) state = { ...state, ...stamp, deleted: true, version: state.version + 1 };
        continue;
      }
      if (state?.deleted) continue;
      const parsed = (item.kind === 'layout' ? LayoutSaveArgsSchema : TourSaveArgsSchema).safeParse(entry.args);
      if (!parsed.success) continue;
      const { id: _id, name, baseVersion: _base, ...body } = parsed.data;
      state = {
        ...stamp,
        name,
        body,
        version: (state?.version ?? 0) + 1,
        deleted: false,
        createdAt: state?.createdAt ?? entry.createdAt,
      };
    }
    return state;
  }

  /** Writes the item's view row; true when what it shows changed. */
  function write(item: WallItemRef, state: ItemState | null): { version: number; removed: boolean } | null {
    const seen = item.kind === 'layout' ? s.layoutSeen.get(item.id) : s.tourSeen.get(item.id);
    if (!state) {
      if (!seen || seen.deleted) return null;
      (item.kind === 'layout' ? s.hideLayout : s.hideTour).run(item.id);
      return { version: seen.version + 1, removed: true };
    }
    if (
      seen &&
      seen.version === state.version &&
      (seen.deleted === 1) === state.deleted &&
      seen.name === state.name &&
      sameJson(seen.body, state.body)
    ) {
      return null;
    }
    const common = {
      id: item.id,
      name: state.name,
      folded: foldForSearch(state.name),
      version: state.version,
      createdAt: state.createdAt,
      updatedAt: state.updatedAt,
      updatedBy: state.updatedBy,
      deleted: state.deleted ? 1 : 0,
    };
    if (item.kind === 'layout') {
      const body = LayoutBodySchema.safeParse(state.body);
      if (!body.success) return null;
      s.layout.run({ ...common, cols: body.data.cols, rows: body.data.rows, tiles: JSON.stringify(body.data.tiles) });
    } else {
      const body = TourBodySchema.safeParse(state.body);
      if (!body.success) return null;
      s.tour.run({
        ...common,
        layoutId: body.data.layoutId,
        pinned: JSON.stringify([...new Set(body.data.pinnedTiles)].sort((a, b) => a - b)),
        steps: JSON.stringify(body.data.steps),
      });
    }
    return { version: state.version, removed: state.deleted };
  }

  function refresh(items: readonly WallItemRef[] | 'all'): void {
    const list = items === 'all' ? [...s.mirrorItems.all(), ...link.unsettledWallItems()] : items;
    const done = new Set<string>();
    // Layouts first: a tour's steps name them.
    for (const item of [...list].sort((a, b) => a.kind.localeCompare(b.kind))) {
      if (done.has(key(item))) continue;
      done.add(key(item));
      const changed = write(item, stateOf(item));
      if (changed) publish('layout.changed', { kind: item.kind, id: item.id, ...changed });
    }
  }

  return { refresh };
}

function sameJson(text: string, value: unknown): boolean {
  try {
    return JSON.stringify(JSON.parse(text)) === JSON.stringify(value);
  } catch {
    return false;
  }
}
