import type { CommandInput } from '../../../src-shared/contract';
import type { Agency, CaseSummary } from '../../../src-shared/contract/cases';
import type { CaseState } from '../../../src-shared/domain/cases/states';

/** The inbox's filters; all of them go to the core (cases.list), which filters through its indexes. */
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

export type ListInput = Omit<CommandInput<'cases.list'>, 'limit' | 'offset'>;

/** The cases.list input for the filters: only those set; "none" (agency, site) is null. */
export function listInputOf(filter: CaseFilter): ListInput {
  const query = filter.query.trim();
  return {
    ...(query ? { query } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.category ? { serviceCode: filter.category } : {}),
    ...(filter.agency ? { agencyId: filter.agency === NO_AGENCY ? null : filter.agency } : {}),
    ...(filter.site ? { siteId: filter.site === NO_SITE ? null : filter.site } : {}),
    ...(filter.overdueOnly ? { overdue: true } : {}),
  };
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

/** The categories seen so far plus those of the latest load: choosing one must not empty the menu of the others. */
export function withCategories(seen: readonly Option[], latest: readonly Option[]): readonly Option[] {
  const known = new Set(seen.map((c) => c.value));
  const added = latest.filter((c) => !known.has(c.value));
  return added.length === 0 ? seen : [...seen, ...added].sort((a, b) => a.label.localeCompare(b.label, 'vi'));
}
