import type { Site } from '../../../src-shared/contract';
import { foldForSearch } from '../../../src-shared/i18n/fold';
import type { Store } from '../store';

/** Sites (wards, cities, centres) are data, never enums: administrative geography changes (DESIGN.md §1). */
export function createSitesService(store: Store) {
  return {
    async list(allowed: readonly string[]): Promise<Site[]> {
      const rows = await store.db.selectFrom('sites').select(['id', 'name']).orderBy('name_folded').execute();
      return allowed.includes('*') ? rows : rows.filter((r) => allowed.includes(r.id));
    },
    async get(id: string): Promise<Site | null> {
      return (
        (await store.db.selectFrom('sites').select(['id', 'name']).where('id', '=', id).executeTakeFirst()) ?? null
      );
    },
    async upsert(sites: readonly Site[]): Promise<void> {
      for (const site of sites) {
        await store.db
          .insertInto('sites')
          .values({ id: site.id, name: site.name, name_folded: foldForSearch(site.name) })
          .onConflict((oc) => oc.column('id').doUpdateSet({ name: site.name, name_folded: foldForSearch(site.name) }))
          .execute();
      }
    },
  };
}
export type SitesService = ReturnType<typeof createSitesService>;
