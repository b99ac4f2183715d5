import { useEffect, useMemo, useState } from 'react';
import { core } from '../../bridge';
import { type CasePage, mapCaseLimit } from './caseCap';

const CASES_REFRESH_MS = 30_000;
const EMPTY: CasePage = { items: [], total: 0, totalCapped: false, limit: 0 };

/** The newest citizens' cases, for the case and heat layers; only for roles that read cases, again every 30 s. */
export function useCasePage(enabled: boolean): CasePage {
  const limit = useMemo(() => mapCaseLimit(location.search, location.hash), []);
  const [page, setPage] = useState<CasePage>(EMPTY);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const load = () =>
      void core.call('cases.list', { limit }).then((r) => {
        if (live && r.ok) setPage({ ...r.value, limit });
      });
    load();
    const timer = setInterval(load, CASES_REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [enabled, limit]);
  return page;
}
