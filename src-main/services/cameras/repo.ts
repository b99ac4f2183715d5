import type { Selectable, Updateable } from 'kysely';
import { z } from 'zod';
import { CameraStatusSchema, StreamProfileSchema, type Camera } from '../../../src-shared/contract';
import { foldForSearch } from '../../../src-shared/i18n/fold';
import type { Database, Store } from '../store';

export type CameraRow = Selectable<Database['cameras']>;
export type CameraPatch = Updateable<Database['cameras']>;

const Profiles = z.array(StreamProfileSchema).catch([]);

/** The contract's Camera from a row: no password, no secret reference, no auth details. */
export function toCamera(row: CameraRow): Camera {
  const status = CameraStatusSchema.safeParse(row.status);
  let profiles: Camera['profiles'] = [];
  try {
    profiles = Profiles.parse(JSON.parse(row.profiles));
  } catch {
    profiles = [];
  }
  return {
    id: row.id,
    name: row.name,
    siteId: row.site_id,
    host: row.host,
    port: row.port,
    username: row.username,
    manufacturer: row.manufacturer,
    model: row.model,
    firmware: row.firmware,
    serial: row.serial,
    status: status.success ? status.data : 'unknown',
    statusDetail: row.status_detail,
    clockOffsetMs: row.clock_offset_ms,
    ptz: row.ptz === 1,
    events: row.events === 1,
    profiles,
    location: row.lat !== null && row.lon !== null ? { lat: row.lat, lon: row.lon } : null,
    headingDeg: row.heading_deg,
    fovDeg: row.fov_deg,
    addedAt: row.added_at,
    lastSeenAt: row.last_seen_at,
  };
}

export function createCameraRepo(store: Store) {
  const db = store.db;
  return {
    async get(id: string): Promise<CameraRow | null> {
      return (await db.selectFrom('cameras').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
    },
    async byAddress(host: string, port: number): Promise<CameraRow | null> {
      // host is COLLATE NOCASE in the schema.
      return (
        (await db
          .selectFrom('cameras')
          .selectAll()
          .where('host', '=', host)
          .where('port', '=', port)
          .executeTakeFirst()) ?? null
      );
    },
    async list(filter: { siteId?: string | undefined; query?: string | undefined; sites: readonly string[] }) {
      let q = db.selectFrom('cameras').selectAll().orderBy('name_folded').orderBy('id');
      if (filter.siteId !== undefined) q = q.where('site_id', '=', filter.siteId);
      if (!filter.sites.includes('*')) {
        // A site-bound user sees their sites' cameras and those not yet assigned to any site.
        const sites = [...filter.sites];
        q = q.where((eb) =>
          sites.length > 0 ? eb.or([eb('site_id', 'in', sites), eb('site_id', 'is', null)]) : eb('site_id', 'is', null),
        );
      }
      const rows = await q.execute();
      const needle = filter.query ? foldForSearch(filter.query.trim()) : '';
      if (!needle) return rows;
      return rows.filter(
        (r) =>
          r.name_folded.includes(needle) ||
          r.host.toLowerCase().includes(needle) ||
          foldForSearch(r.model).includes(needle),
      );
    },
    async all(): Promise<CameraRow[]> {
      return db.selectFrom('cameras').selectAll().execute();
    },
    async insert(row: CameraRow): Promise<void> {
      await db.insertInto('cameras').values(row).execute();
    },
    async update(id: string, patch: CameraPatch): Promise<void> {
      await db.updateTable('cameras').set(patch).where('id', '=', id).execute();
    },
    async remove(id: string): Promise<void> {
      await db.deleteFrom('cameras').where('id', '=', id).execute();
    },
  };
}

export type CameraRepo = ReturnType<typeof createCameraRepo>;

export function folded(name: string): string {
  return foldForSearch(name);
}
