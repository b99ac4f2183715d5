import type { Kysely } from 'kysely';
import {
  activeMaintenance,
  type MaintenanceTarget,
  type MaintenanceWindow,
  MaintenanceWindowSchema,
} from '../../src-shared/domain/alerts/maintenance';
import type { ServerDatabase } from '../db/schema';
import { withAlertTables } from './tables';

export interface MaintenanceStore {
  /** Loaded once, then kept in memory: asked for every signal and every probe result. */
  windows(): readonly MaintenanceWindow[];
  covering(target: MaintenanceTarget, at: Date): MaintenanceWindow | null;
  add(window: MaintenanceWindow, by: string, now: Date): Promise<void>;
  remove(id: string): Promise<boolean>;
  reload(): Promise<void>;
}

export async function createMaintenanceStore(
  db: Kysely<ServerDatabase>,
  onInvalid: (id: string) => void,
): Promise<MaintenanceStore> {
  const adb = withAlertTables(db);
  let cache: MaintenanceWindow[] = [];
  async function reload(): Promise<void> {
    const rows = await adb.selectFrom('maintenance_windows').select(['id', 'definition']).execute();
    cache = rows.flatMap((r) => {
      try {
        const parsed = MaintenanceWindowSchema.safeParse(JSON.parse(r.definition));
        if (parsed.success) return [parsed.data];
      } catch {
        // falls through: reported below
      }
      onInvalid(r.id);
      return [];
    });
  }
  await reload();
  return {
    windows: () => cache,
    covering: (target, at) => activeMaintenance(cache, target, at.getTime()),
    async add(window, by, now) {
      await adb
        .insertInto('maintenance_windows')
        .values({
          id: window.id,
          label: window.label,
          definition: JSON.stringify(window),
          created_by: by,
          created_at: now.toISOString(),
        })
        .onConflict((oc) =>
          oc.column('id').doUpdateSet({ label: window.label, definition: JSON.stringify(window), created_by: by }),
        )
        .execute();
      await reload();
    },
    async remove(id) {
      const result = await adb.deleteFrom('maintenance_windows').where('id', '=', id).executeTakeFirst();
      await reload();
      return Number(result.numDeletedRows) > 0;
    },
    reload,
  };
}
