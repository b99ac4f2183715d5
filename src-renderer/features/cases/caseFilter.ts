import type { Agency, CaseSummary } from '../../../src-shared/contract/cases';
import type { CaseState } from '../../../src-shared/domain/cases/states';

/** `status` and `query` go to the core (cases.list); the rest narrows the loaded list here. */
export interface CaseFilter {
  query: string;
  status: CaseState | 'open' | 'closed' | '';
  category: string;
  agency: string;
  site: string;
  overdueOnly: boolean;
}

export const NO_FILTER: CaseFilter = {
  query: '',
  status: '',
  category: '',
  agency: '',
  site: '',
  overdueOnly: false,
};
/** The agency filter's value for cases not yet forwarded to anyone. */
export const NO_AGENCY = '\u0000none';
/** The site filter's value for cases of no site (no location, or outside every site's area). */
export const NO_SITE = '\u0000none';

export function filterCases(cases: readonly CaseSummary[], filter: CaseFilter): CaseSummary[] {
  return cases.filter(
    (c) =>
      (filter.category === '' || c.serviceCode === filter.category) &&
      (filter.agency === '' || (filter.agency === NO_AGENCY ? c.agencyId === null : c.agencyId === filter.agency)) &&
      (filter.site === '' || (filter.site === NO_SITE ? c.siteId === null : c.siteId === filter.site)) &&
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

/**
 * The agency filter's choices: every agency of the directory by short name, plus any id seen in the cases that
 * the directory does not know (yet), shown as is.
 */
export function agencyOptions(directory: readonly Agency[], seen: readonly string[]): Option[] {
  const options = new Map(directory.map((a) => [a.id, a.shortName]));
  for (const id of seen) if (!options.has(id)) options.set(id, id);
  return [...options].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, 'vi'));
}
