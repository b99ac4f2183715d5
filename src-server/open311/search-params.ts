import { normalizeTrackingCode } from '../../src-shared/domain/cases/tracking-code';
import type { CaseSearch } from '../cases/case-queries';
import { type ErrorItem, Open311Error } from './errors';
import { parseW3cDatetime } from './w3c-datetime';

const DAY_MS = 86_400_000;
export const MAX_SPAN_MS = 90 * DAY_MS;
export const MAX_RESULTS = 1000;

/** Repeated and comma-delimited values alike (`status=open,closed` or `status=open&status=closed`). */
function listOf(params: URLSearchParams, name: string): string[] | null {
  const all = params.getAll(name).flatMap((v) => v.split(','));
  const values = all.map((v) => v.trim()).filter(Boolean);
  return values.length > 0 ? values : null;
}

/**
 * start_date/end_date: at most 90 days apart; either alone extends 90 days from the other; neither means the
 * last 90 days. A bare date as end_date means the end of that day in Vietnam.
 */
export function readWindow(params: URLSearchParams, now: Date): { from: string; to: string } {
  const errors: ErrorItem[] = [];
  const read = (name: 'start_date' | 'end_date') => {
    const values = params.getAll(name).filter((v) => v.trim() !== '');
    if (values.length === 0) return null;
    const parsed = values.length === 1 ? parseW3cDatetime(values[0]!.trim()) : null;
    if (!parsed) {
      errors.push({ key: 'date_invalid', params: { field: name } });
      return null;
    }
    return name === 'end_date' && parsed.dateOnly ? new Date(parsed.date.getTime() + DAY_MS - 1) : parsed.date;
  };
  const start = read('start_date');
  const end = read('end_date');
  if (errors.length > 0) throw new Open311Error(400, errors);
  let from: Date;
  let to: Date;
  if (start && end) {
    if (start > end) throw new Open311Error(400, [{ key: 'date_range_order' }]);
    if (end.getTime() - start.getTime() > MAX_SPAN_MS) throw new Open311Error(400, [{ key: 'date_range_too_long' }]);
    [from, to] = [start, end];
  } else if (start) [from, to] = [start, new Date(start.getTime() + MAX_SPAN_MS)];
  else if (end) [from, to] = [new Date(end.getTime() - MAX_SPAN_MS), end];
  else [from, to] = [new Date(now.getTime() - MAX_SPAN_MS), now];
  return { from: from.toISOString(), to: to.toISOString() };
}

export type RequestQuery = { kind: 'ids'; codes: string[] } | { kind: 'search'; search: CaseSearch };

export function readRequestQuery(params: URLSearchParams, now: Date): RequestQuery {
  const ids = listOf(params, 'service_request_id');
  if (ids) {
    // "This overrides all other arguments." Codes that cannot be ours simply match nothing.
    if (ids.length > MAX_RESULTS) throw new Open311Error(400, [{ key: 'too_many_ids', params: { max: MAX_RESULTS } }]);
    const codes = ids.map(normalizeTrackingCode).filter((c): c is string => c !== null);
    return { kind: 'ids', codes: [...new Set(codes)] };
  }
  const statuses = listOf(params, 'status');
  if (statuses?.some((s) => s !== 'open' && s !== 'closed')) throw new Open311Error(400, [{ key: 'status_invalid' }]);
  const window = readWindow(params, now);
  return {
    kind: 'search',
    search: {
      serviceCodes: listOf(params, 'service_code')?.slice(0, 100) ?? null,
      statuses: (statuses as ('open' | 'closed')[] | null) ?? null,
      ...window,
      limit: MAX_RESULTS,
    },
  };
}
