import type { CaseSummary } from '../../../src-shared/contract/cases';
import type { CaseState } from '../../../src-shared/domain/cases/states';

/** `status` and `query` go to the core (cases.list); the rest narrows the loaded list here. */
export interface CaseFilter {
  query: string;
  status: CaseState | 'open' | 'closed' | '';
  category: string;
  agency: string;
  overdueOnly: boolean;
}

export const NO_FILTER: CaseFilter = { query: '', status: '', category: '', agency: '', overdueOnly: false };
/** The agency filter's value for cases not yet forwarded to anyone. */
export const NO_AGENCY = '\u0000none';

export function filterCases(cases: readonly CaseSummary[], filter: CaseFilter): CaseSummary[] {
  return cases.filter(
    (c) =>
      (filter.category === '' || c.serviceCode === filter.category) &&
      (filter.agency === '' || (filter.agency === NO_AGENCY ? c.agencyId === null : c.agencyId === filter.agency)) &&
      (!filter.overdueOnly || c.overdue),
  );
}

export interface Option {
  value: string;
  label: string;
}

/** Categories and agencies present in the loaded cases, for the filter menus (both are data, not enums). */
export function facetsOf(cases: readonly CaseSummary[]): { categories: Option[]; agencies: string[] } {
  const categories = new Map<string, string>();
  const agencies = new Set<string>();
  for (const c of cases) {
    categories.set(c.serviceCode, c.serviceName);
    if (c.agencyId) agencies.add(c.agencyId);
  }
  return {
    categories: [...categories]
      .map(([value, label]) => ({ value, label }))
      .sort((a, b) => a.label.localeCompare(b.label, 'vi')),
    agencies: [...agencies].sort(),
  };
}
