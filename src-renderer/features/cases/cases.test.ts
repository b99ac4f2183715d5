import { describe, expect, it } from 'vitest';
import type { CaseSummary } from '../../../src-shared/contract/cases';
import { CASE_ACTION_TYPES, CaseActionSchema } from '../../../src-shared/domain/cases/actions';
import { EMPTY_DRAFT, fieldsOf, transitionInput } from './actionForm';
import { agencyOptions, facetsOf, listInputOf, NO_AGENCY, NO_FILTER, NO_SITE, withCategories } from './caseFilter';
import { highlight } from './highlight';
import { visibleRange } from './windowing';

function summary(over: Partial<CaseSummary>): CaseSummary {
  return {
    id: 'c1',
    code: 'DT-AAAA-11',
    serviceCode: 'lighting',
    serviceName: 'Chiếu sáng công cộng',
    state: 'received',
    status: 'open',
    excerpt: null,
    addressString: null,
    lat: null,
    long: null,
    agencyId: null,
    siteId: null,
    assignee: null,
    receivedAt: '2026-11-20T01:00:00.000Z',
    dueAt: '2026-11-25T16:59:59.999Z',
    updatedAt: '2026-11-20T01:00:00.000Z',
    overdue: false,
    pending: 0,
    ...over,
  };
}

describe('highlight', () => {
  it('marks the original spelling of a query typed without diacritics', () => {
    const parts = highlight('Đèn đường Nguyễn Huệ không sáng', 'nguyen HUE den');
    expect(parts.filter((p) => p.hit).map((p) => p.text)).toEqual(['Đèn', 'Nguyễn', 'Huệ']);
    expect(parts.map((p) => p.text).join('')).toBe('Đèn đường Nguyễn Huệ không sáng');
  });
  it('returns the text whole when nothing matches or there is no query', () => {
    expect(highlight('Ngập nước', '')).toEqual([{ text: 'Ngập nước', hit: false }]);
    expect(highlight('Ngập nước', 'rac')).toEqual([{ text: 'Ngập nước', hit: false }]);
  });
  it('keeps text with decomposed marks and astral characters intact', () => {
    const text = 'Ngu\u0302\u0303yen 🚦 đèn';
    const parts = highlight(text, 'den');
    expect(parts.map((p) => p.text).join('')).toBe(text);
    expect(parts.filter((p) => p.hit).map((p) => p.text)).toEqual(['đèn']);
  });
});

describe('inbox filters', () => {
  const input = (f: Partial<typeof NO_FILTER>) => listInputOf({ ...NO_FILTER, ...f });
  it('sends every filter to the core, and only those set', () => {
    expect(input({})).toEqual({});
    expect(input({ query: '  rác ', status: 'open', category: 'lighting', overdueOnly: true })).toEqual({
      query: 'rác',
      status: 'open',
      serviceCode: 'lighting',
      overdue: true,
    });
    expect(input({ agency: 'cap-nuoc', site: 'sa-dec' })).toEqual({ agencyId: 'cap-nuoc', siteId: 'sa-dec' });
    expect(input({ query: '   ' })).toEqual({});
  });
  it('asks for the cases of no agency and of no site with null', () => {
    expect(input({ agency: NO_AGENCY, site: NO_SITE })).toEqual({ agencyId: null, siteId: null });
  });
  it('offers only the categories and agencies that occur', () => {
    const cases = [
      summary({ id: 'a', serviceCode: 'water', serviceName: 'Cấp nước', agencyId: 'cap-nuoc' }),
      summary({ id: 'b', serviceCode: 'lighting', agencyId: null }),
      summary({ id: 'c', serviceCode: 'lighting', agencyId: 'moi-truong-do-thi' }),
    ];
    const f = facetsOf(cases);
    expect(f.categories.map((c) => c.value).sort()).toEqual(['lighting', 'water']);
    expect(f.agencies).toEqual(['cap-nuoc', 'moi-truong-do-thi']);
  });
  it('keeps the categories seen before, so choosing one leaves the others in the menu', () => {
    const both = withCategories(
      [],
      [
        { value: 'water', label: 'Cấp nước' },
        { value: 'lighting', label: 'Chiếu sáng' },
      ],
    );
    const narrowed = withCategories(both, [{ value: 'water', label: 'Cấp nước' }]);
    expect(narrowed).toBe(both);
    expect(withCategories(narrowed, [{ value: 'waste', label: 'Bãi rác' }]).map((c) => c.value)).toEqual([
      'waste',
      'water',
      'lighting',
    ]);
  });
});

describe('visibleRange', () => {
  it('renders the rows in view plus a bounded overscan', () => {
    expect(visibleRange(0, 400, 40, 1_000_000)).toEqual({ start: 0, end: 17 });
    const mid = visibleRange(40_000, 400, 40, 1_000_000);
    expect(mid.start).toBe(994);
    expect(mid.end - mid.start).toBeLessThan(30);
  });
  it('stays inside the list at its ends and when empty', () => {
    expect(visibleRange(10_000_000, 400, 40, 10)).toEqual({ start: 3, end: 10 });
    expect(visibleRange(0, 400, 40, 0)).toEqual({ start: 0, end: 0 });
    expect(visibleRange(-50, 400, 40, 3)).toEqual({ start: 0, end: 3 });
  });
});

describe('transitionInput', () => {
  it('builds the command only once every required field is filled', () => {
    const step = { action: 'forward' as const, to: 'forwarded' as const };
    expect(transitionInput('c1', step, EMPTY_DRAFT)).toBeNull();
    expect(
      transitionInput('c1', step, { note: ' gấp ', publicNote: '', extra: { agencyId: 'moi-truong-do-thi' } }),
    ).toEqual({ caseId: 'c1', to: 'forwarded', action: 'forward', note: 'gấp', agencyId: 'moi-truong-do-thi' });
  });
  it('checks the extension days and leaves optional ones out', () => {
    const ask = { action: 'request_extension' as const, to: 'extension_requested' as const };
    expect(transitionInput('c1', ask, { ...EMPTY_DRAFT, extra: { days: '2.5', reason: 'mưa' } })).toBeNull();
    expect(transitionInput('c1', ask, { ...EMPTY_DRAFT, extra: { days: '31', reason: 'mưa' } })).toBeNull();
    expect(transitionInput('c1', ask, { ...EMPTY_DRAFT, extra: { days: '3', reason: 'mưa' } })?.days).toBe(3);
    const grant = { action: 'grant_extension' as const, to: 'in_progress' as const };
    expect(transitionInput('c1', grant, EMPTY_DRAFT)).toEqual({
      caseId: 'c1',
      to: 'in_progress',
      action: 'grant_extension',
    });
  });
  it('asks for the field every action of the domain needs', () => {
    for (const type of CASE_ACTION_TYPES) {
      const needs = fieldsOf(type)
        .filter((f) => f.required)
        .map((f) => f.field);
      const shape = CaseActionSchema.options.find((o) => o.shape.type.value === type)!.shape;
      const required = Object.entries(shape)
        .filter(([k, v]) => k !== 'type' && !v.safeParse(undefined).success)
        .map(([k]) => k);
      expect([type, ...needs.sort()]).toEqual([type, ...required.sort()]);
    }
  });
});

describe('agency filter choices', () => {
  it('lists the directory by short name and keeps ids it does not know', () => {
    const directory = [
      { id: 'moi-truong-do-thi', name: 'Đơn vị dịch vụ môi trường', shortName: 'Môi trường đô thị', kind: 'utility' },
      { id: 'cap-nuoc', name: 'Đơn vị cấp nước sạch', shortName: 'Cấp nước', kind: 'utility' },
    ];
    expect(agencyOptions(directory, ['cap-nuoc', 'don-vi-moi'])).toEqual([
      { value: 'cap-nuoc', label: 'Cấp nước' },
      { value: 'don-vi-moi', label: 'don-vi-moi' },
      { value: 'moi-truong-do-thi', label: 'Môi trường đô thị' },
    ]);
  });
});
