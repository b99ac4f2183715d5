import type { CaseSummary } from '../../../src-shared/contract/cases';
import { type TimeWindow, withinWindow } from './casePoints';

/** The newest cases the map draws (and counts into the heat map): the local mirror answers this in milliseconds. */
export const MAP_CASES = 1000;

/**
 * The map's case cap, lowered by `?mapCaseCap=N` in the page's or the hash route's query (tests draw the cap's
 * notice with a handful of cases instead of seeding a thousand); never above MAP_CASES.
 */
export function mapCaseLimit(search: string, hash: string): number {
  const hashQuery = hash.includes('?') ? hash.slice(hash.indexOf('?')) : '';
  const raw = new URLSearchParams(search).get('mapCaseCap') ?? new URLSearchParams(hashQuery).get('mapCaseCap');
  const n = raw === null ? NaN : Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= MAP_CASES ? n : MAP_CASES;
}

export interface CasePage {
  items: CaseSummary[];
  /** The mirror's count: exact, or a lower bound when `totalCapped` (it stops counting at 1,000). */
  total: number;
  totalCapped: boolean;
  /** How many were asked for. */
  limit: number;
}

export interface CaseCapNotice {
  shown: number;
  total: number;
  /** There are at least `total` (the count stopped). */
  atLeast: boolean;
}

/**
 * Whether the cap hides cases the time window would show: only when the page came back full with more beyond it,
 * and its oldest case is still inside the window (otherwise every case of the window is on the page).
 */
export function caseCapNotice(page: CasePage, window: TimeWindow, nowMs: number): CaseCapNotice | null {
  const { items, total, totalCapped, limit } = page;
  if (items.length < limit || (!totalCapped && total <= items.length)) return null;
  const oldest = items[items.length - 1];
  if (oldest && !withinWindow(oldest.receivedAt, window, nowMs)) return null;
  return { shown: items.length, total: Math.max(total, items.length), atLeast: totalCapped };
}
