import type { Layout, Tour } from '../../../src-shared/contract/layouts';
import { CommandError, type InUseBy } from '../../../src-shared/contract';
import { LayoutSaveArgsSchema, TourSaveArgsSchema } from '../../../src-shared/sync/wall-protocol';
import { type Store, writeTransaction } from '../store';
import { type LayoutInput, type LayoutsRepo, staleVersion } from './layouts-repo';
import { createWallSyncView } from './sync-view';
import type { ToursRepo, TourInput } from './tours-repo';
import type { Actor, WallItemRef, WallPublish, WallSyncLink } from './types';
import { inUseRefusal } from './versioned-repo';

export interface SyncedWritesDeps {
  store: Store;
  link: WallSyncLink;
  layoutsRepo: LayoutsRepo;
  toursRepo: ToursRepo;
  newId: () => string;
  publish: WallPublish;
}

/**
 * Layout and tour writes once sync is attached: each becomes a named command in the outbox (`layout.save`,
 * `tour.remove`…) in one transaction with its view row, so the change shows at once, offline too, and reaches
 * the server exactly once. The edit names the server version it started from (`baseVersion`); the server's rules
 * are in src-shared/sync/wall-protocol.ts. Layouts this workstation made before it synced are queued once as new.
 */
export function createSyncedWrites(deps: SyncedWritesDeps) {
  const db = deps.store.sqlite;
  const mirrorVersion = db
    .prepare<[string, string], number>('SELECT version FROM wall_item_mirror WHERE kind = ? AND id = ?')
    .pluck();
  const usernameOf = db.prepare<[string], string>('SELECT username FROM users WHERE id = ?').pluck();

  function sender(actor: Actor): { userId: string; username: string } {
    return { userId: actor.userId, username: actor.username ?? usernameOf.get(actor.userId) ?? actor.userId };
  }

  function argsOf<T>(parse: () => { success: true; data: T } | { success: false; error: { message: string } }): T {
    const parsed = parse();
    if (!parsed.success) throw new CommandError('invalid_input', parsed.error.message);
    return parsed.data;
  }

  function queueLayout(id: string, input: Omit<LayoutInput, 'id'>, actor: { userId: string; username: string }) {
    const baseVersion = mirrorVersion.get('layout', id) ?? null;
    const { name, cols, rows, tiles } = input;
    const args = argsOf(() => LayoutSaveArgsSchema.safeParse({ id, name, baseVersion, cols, rows, tiles }));
    deps.link.enqueue({ name: 'layout.save', args, caseId: null, actor });
  }

  function queueTour(id: string, input: Omit<TourInput, 'id'>, actor: { userId: string; username: string }) {
    const baseVersion = mirrorVersion.get('tour', id) ?? null;
    const { name, layoutId, pinnedTiles, steps } = input;
    const args = argsOf(() => TourSaveArgsSchema.safeParse({ id, name, baseVersion, layoutId, pinnedTiles, steps }));
    deps.link.enqueue({ name: 'tour.save', args, caseId: null, actor });
  }

  // Adopt what this workstation held before it synced, in the name of whoever last changed it.
  writeTransaction(db, () => {
    const queued = new Set(deps.link.everQueuedWall().map((item) => `${item.kind}:${item.id}`));
    const notQueuedYet = (item: WallItemRef) =>
      mirrorVersion.get(item.kind, item.id) === undefined && !queued.has(`${item.kind}:${item.id}`);
    for (const layout of deps.layoutsRepo.list()) {
      const username = layout.updatedBy ? usernameOf.get(layout.updatedBy) : undefined;
      if (username && notQueuedYet({ kind: 'layout', id: layout.id })) {
        queueLayout(layout.id, layout, { userId: layout.updatedBy!, username });
      }
    }
    for (const tour of deps.toursRepo.list()) {
      const username = tour.updatedBy ? usernameOf.get(tour.updatedBy) : undefined;
      if (username && notQueuedYet({ kind: 'tour', id: tour.id })) {
        queueTour(tour.id, tour, { userId: tour.updatedBy!, username });
      }
    }
  })();
  deps.link.useWallView(createWallSyncView(deps.store, deps.link, deps.publish).refresh);

  return {
    saveLayout: writeTransaction(db, (input: LayoutInput, actor: Actor): Layout => {
      if (input.id !== undefined) {
        const current = deps.layoutsRepo.get(input.id);
        if (input.expectedVersion !== undefined && input.expectedVersion !== current.version) {
          throw staleVersion('layout', current.name, current.version);
        }
      }
      const id = input.id ?? deps.newId();
      queueLayout(id, input, sender(actor));
      return deps.layoutsRepo.get(id);
    }),

    saveTour: writeTransaction(db, (input: TourInput, actor: Actor): Tour => {
      if (input.id !== undefined) {
        const current = deps.toursRepo.get(input.id);
        if (input.expectedVersion !== undefined && input.expectedVersion !== current.version) {
          throw staleVersion('tour', current.name, current.version);
        }
      }
      const id = input.id ?? deps.newId();
      queueTour(id, input, sender(actor));
      return deps.toursRepo.get(id);
    }),

    /** A delete is queued only if nothing on this workstation's wall uses the item (`inUse` names the user). */
    remove: writeTransaction(
      db,
      (kind: 'layout' | 'tour', id: string, actor: Actor, inUse: (id: string) => InUseBy[]): { name: string } => {
        const current = kind === 'layout' ? deps.layoutsRepo.get(id) : deps.toursRepo.get(id);
        const users = inUse(id);
        if (users.length > 0) throw inUseRefusal(kind, current.name, users);
        deps.link.enqueue({ name: `${kind}.remove`, args: { id }, caseId: null, actor: sender(actor) });
        return { name: current.name };
      },
    ),
  };
}
export type SyncedWrites = ReturnType<typeof createSyncedWrites>;
