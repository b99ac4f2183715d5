import { useEffect, useMemo, useState } from 'react';
import type { Agency } from '../../../src-shared/contract/cases';
import { core } from '../../bridge';

export interface AgencyDirectory {
  items: readonly Agency[];
  byId: ReadonlyMap<string, Agency>;
}

/** The central server's agency directory (the core's cached copy when offline); empty until it answers. */
export function useAgencies(): AgencyDirectory {
  const [items, setItems] = useState<readonly Agency[]>([]);
  useEffect(() => {
    let live = true;
    void core.call('agencies.list', {}).then((r) => {
      if (live && r.ok) setItems(r.value.items);
    });
    return () => {
      live = false;
    };
  }, []);
  return useMemo(() => ({ items, byId: new Map(items.map((a) => [a.id, a])) }), [items]);
}

/** An agency's name for people; its id when the directory does not know it (yet). */
export function agencyName(directory: AgencyDirectory, id: string, short = false): string {
  const agency = directory.byId.get(id);
  return agency ? (short ? agency.shortName : agency.name) : id;
}
