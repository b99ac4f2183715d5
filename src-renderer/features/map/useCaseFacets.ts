import { useEffect, useState } from 'react';
import { core } from '../../bridge';
import type { FilterOption } from './caseFilter';

export interface CaseFacets {
  categories: readonly FilterOption[];
  agencies: readonly FilterOption[];
}

const NONE: CaseFacets = { categories: [], agencies: [] };
const byLabel = (a: FilterOption, b: FilterOption) => a.label.localeCompare(b.label, 'vi');

/**
 * The case filter's menus: every category (Open311 service) and every agency of the directory, not only those
 * of the cases loaded, so narrowing one facet never empties another's menu. Loaded once the filter is offered.
 */
export function useCaseFacets(enabled: boolean): CaseFacets {
  const [facets, setFacets] = useState<CaseFacets>(NONE);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void Promise.all([core.call('case.services', {}), core.call('agencies.list', {})]).then(([services, agencies]) => {
      if (!live) return;
      setFacets({
        categories: services.ok
          ? services.value.items.map((s) => ({ value: s.serviceCode, label: s.serviceName })).sort(byLabel)
          : [],
        agencies: agencies.ok
          ? agencies.value.items.map((a) => ({ value: a.id, label: a.shortName })).sort(byLabel)
          : [],
      });
    });
    return () => {
      live = false;
    };
  }, [enabled]);
  return facets;
}
