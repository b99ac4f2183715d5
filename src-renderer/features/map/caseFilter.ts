import type { CommandInput } from '../../../src-shared/contract';
import { CASE_STATES, type CaseState } from '../../../src-shared/domain/cases/states';

/** A lifecycle state, Open311's open|closed, or '' for every case. */
export type CaseStatusChoice = CaseState | 'open' | 'closed' | '';
export const CASE_STATUS_CHOICES: readonly Exclude<CaseStatusChoice, ''>[] = ['open', 'closed', ...CASE_STATES];

/**
 * Which cases the map draws (and counts into the heat map). One value per facet, because cases.list takes one:
 * the core filters through its indexes, so the map's newest-1,000 page is the newest of the matching cases,
 * not a thinned-out page of all of them.
 */
export interface MapCaseFilter {
  status: CaseStatusChoice;
  /** An Open311 service code, or '' for every category. */
  category: string;
  /** An agency id, NO_AGENCY for cases not forwarded yet, or '' for every agency. */
  agency: string;
  overdueOnly: boolean;
}

export const DEFAULT_CASE_FILTER: MapCaseFilter = { status: '', category: '', agency: '', overdueOnly: false };

/** The agency choice for cases not yet forwarded to anyone (cases.list's `agencyId: null`). */
export const NO_AGENCY = '\u0000none';

export type CaseListFilterInput = Omit<CommandInput<'cases.list'>, 'limit' | 'offset'>;

/** The cases.list input for the filter: only the facets set. */
export function caseListInput(filter: MapCaseFilter): CaseListFilterInput {
  return {
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.category ? { serviceCode: filter.category } : {}),
    ...(filter.agency ? { agencyId: filter.agency === NO_AGENCY ? null : filter.agency } : {}),
    ...(filter.overdueOnly ? { overdue: true } : {}),
  };
}

/** How many facets narrow the case layer: shown beside its toggle. */
export function activeCaseFilters(filter: MapCaseFilter): number {
  return [filter.status !== '', filter.category !== '', filter.agency !== '', filter.overdueOnly].filter(Boolean)
    .length;
}

/** Ids the contract accepts (trimmed, 1–max characters): anything else stored would make every load fail. */
const idOrEmpty = (raw: unknown, max: number): string =>
  typeof raw === 'string' && raw === raw.trim() && raw.length >= 1 && raw.length <= max ? raw : '';

/**
 * A filter read back from storage: an unknown status, or a category or agency the contract would refuse, falls
 * back to "every", so an old or hand-edited entry never empties the map by mistake.
 */
export function parseCaseFilter(value: unknown): MapCaseFilter {
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  return {
    status: CASE_STATUS_CHOICES.find((s) => s === record.status) ?? '',
    category: idOrEmpty(record.category, 64),
    agency: record.agency === NO_AGENCY ? NO_AGENCY : idOrEmpty(record.agency, 100),
    overdueOnly: record.overdueOnly === true,
  };
}

export interface FilterOption {
  value: string;
  label: string;
}

/**
 * A menu's choices with the chosen value kept even when the directory no longer lists it (a category retired,
 * the agency directory not fetched yet), shown as its code so the operator can see and undo it.
 */
export function withChosen(options: readonly FilterOption[], chosen: string): readonly FilterOption[] {
  if (chosen === '' || chosen === NO_AGENCY || options.some((o) => o.value === chosen)) return options;
  return [...options, { value: chosen, label: chosen }];
}

/**
 * Whether to say the filter leaves nothing to draw: only once the answer to this very filter is in (not while a
 * changed filter loads), and only when the filter narrows at all (no cases at all is not the filter's doing).
 */
export function caseFilterHidesAll(filter: MapCaseFilter, answered: boolean, drawn: number): boolean {
  return answered && drawn === 0 && activeCaseFilters(filter) > 0;
}
