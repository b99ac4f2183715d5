import { describe, expect, it } from 'vitest';
import {
  activeCaseFilters,
  caseFilterHidesAll,
  caseListInput,
  DEFAULT_CASE_FILTER,
  NO_AGENCY,
  parseCaseFilter,
  withChosen,
} from './caseFilter';
import { DEFAULT_MAP_PREFS, parseMapPrefs } from './mapPrefs';

describe('the map’s case filter', () => {
  it('asks cases.list for every case by default, and counts no active filter', () => {
    expect(caseListInput(DEFAULT_CASE_FILTER)).toEqual({});
    expect(activeCaseFilters(DEFAULT_CASE_FILTER)).toBe(0);
  });
  it('passes each facet set to cases.list, as the contract names it', () => {
    const filter = { status: 'in_progress' as const, category: 'flooding', agency: 'ag-water', overdueOnly: true };
    expect(caseListInput(filter)).toEqual({
      status: 'in_progress',
      serviceCode: 'flooding',
      agencyId: 'ag-water',
      overdue: true,
    });
    expect(activeCaseFilters(filter)).toBe(4);
    expect(caseListInput({ ...DEFAULT_CASE_FILTER, status: 'open' })).toEqual({ status: 'open' });
  });
  it('asks for cases of no agency with null, and counts it as a filter', () => {
    const notForwarded = { ...DEFAULT_CASE_FILTER, agency: NO_AGENCY };
    expect(caseListInput(notForwarded)).toEqual({ agencyId: null });
    expect(activeCaseFilters(notForwarded)).toBe(1);
  });
  it('reads a stored filter back leniently: what the contract would refuse falls back to "every"', () => {
    expect(parseCaseFilter(null)).toEqual(DEFAULT_CASE_FILTER);
    expect(parseCaseFilter('triaged')).toEqual(DEFAULT_CASE_FILTER);
    expect(
      parseCaseFilter({ status: 'archived', category: ' lighting ', agency: 'x'.repeat(101), overdueOnly: 'yes' }),
    ).toEqual(DEFAULT_CASE_FILTER);
    const kept = { status: 'closed', category: 'lighting', agency: NO_AGENCY, overdueOnly: true };
    expect(parseCaseFilter(kept)).toEqual(kept);
  });
  it('is kept with the other map preferences, and an entry from before case filters gets the default', () => {
    const stored = JSON.stringify({ timeWindow: '24h', caseFilter: { status: 'resolved' } });
    expect(parseMapPrefs(stored).caseFilter).toEqual({ ...DEFAULT_CASE_FILTER, status: 'resolved' });
    expect(parseMapPrefs(JSON.stringify({ timeWindow: '24h' })).caseFilter).toEqual(DEFAULT_CASE_FILTER);
    expect(DEFAULT_MAP_PREFS.caseFilter).toEqual(DEFAULT_CASE_FILTER);
  });
  it('says the filter hides every case only once its own answer is in, and only when it narrows', () => {
    const overdue = { ...DEFAULT_CASE_FILTER, overdueOnly: true };
    expect(caseFilterHidesAll(overdue, true, 0)).toBe(true);
    expect(caseFilterHidesAll(overdue, false, 0)).toBe(false);
    expect(caseFilterHidesAll(overdue, true, 3)).toBe(false);
    expect(caseFilterHidesAll(DEFAULT_CASE_FILTER, true, 0)).toBe(false);
  });
  it('keeps a chosen value in its menu even when the directory no longer lists it', () => {
    const menu = [{ value: 'lighting', label: 'Chiếu sáng' }];
    expect(withChosen(menu, '')).toBe(menu);
    expect(withChosen(menu, 'lighting')).toBe(menu);
    expect(withChosen(menu, NO_AGENCY)).toBe(menu);
    expect(withChosen(menu, 'retired')).toEqual([...menu, { value: 'retired', label: 'retired' }]);
  });
});
