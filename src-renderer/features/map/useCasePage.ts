import { useEffect, useMemo, useState } from 'react';
import { core } from '../../bridge';
import { type CasePage, mapCaseLimit } from './caseCap';
import type { CaseListFilterInput } from './caseFilter';

const CASES_REFRESH_MS = 30_000;
const EMPTY: CasePage = { items: [], total: 0, totalCapped: false, limit: 0 };

export interface FilteredCasePage {
  page: CasePage;
  /** The page answers the current filter (false while a changed filter loads: the previous page stays drawn). */
  current: boolean;
}

/**
 * The newest citizens' cases matching the map's case filter, for the case and heat layers; only for roles that
 * read cases, again every 30 s.
 */
export function useCasePage(enabled: boolean, filter: CaseListFilterInput): FilteredCasePage {
  const limit = useMemo(() => mapCaseLimit(location.search, location.hash), []);
  // Plain small objects: their JSON is a stable dependency where their identity is not.
  const key = JSON.stringify(filter);
  const [loaded, setLoaded] = useState<{ key: string; page: CasePage } | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const input = JSON.parse(key) as CaseListFilterInput;
    const load = () =>
      void core.call('cases.list', { ...input, limit }).then((r) => {
        if (live && r.ok) setLoaded({ key, page: { ...r.value, limit } });
      });
    load();
    const timer = setInterval(load, CASES_REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [enabled, limit, key]);
  return { page: loaded?.page ?? EMPTY, current: loaded?.key === key };
}
