import type { CaseSummary } from '../../../src-shared/contract/cases';
import type { CaseState } from '../../../src-shared/domain/cases/states';

/** How far back the map looks: every case and alert, or only those of the last day, week or month. */
export const TIME_WINDOWS = ['all', '24h', '7d', '30d'] as const;
export type TimeWindow = (typeof TIME_WINDOWS)[number];
const WINDOW_MS: Record<Exclude<TimeWindow, 'all'>, number> = {
  '24h': 24 * 3600_000,
  '7d': 7 * 24 * 3600_000,
  '30d': 30 * 24 * 3600_000,
};

/** Whether an ISO instant falls inside the window ending now; an unreadable instant is kept rather than hidden. */
export function withinWindow(iso: string, window: TimeWindow, nowMs: number): boolean {
  if (window === 'all') return true;
  const at = Date.parse(iso);
  return Number.isNaN(at) || nowMs - at <= WINDOW_MS[window];
}

/** Where a case stands, as the map colours it: waiting for the centre, with an agency, resolved, or finished. */
export type CaseStage = 'new' | 'working' | 'resolved' | 'done';
export const CASE_STAGES: readonly CaseStage[] = ['new', 'working', 'resolved', 'done'];
const STAGE_OF: Record<CaseState, CaseStage> = {
  received: 'new',
  reopened: 'new',
  returned: 'new',
  triaged: 'working',
  forwarded: 'working',
  accepted: 'working',
  in_progress: 'working',
  extension_requested: 'working',
  resolved: 'resolved',
  closed: 'done',
  rejected: 'done',
  duplicate: 'done',
};
export const caseStage = (state: CaseState): CaseStage => STAGE_OF[state];

export interface CasePoint {
  id: string;
  code: string;
  position: [number, number];
  stage: CaseStage;
  overdue: boolean;
}

/** Citizens' cases with coordinates received inside the window, as map points. */
export function casePoints(cases: readonly CaseSummary[], window: TimeWindow, nowMs: number): CasePoint[] {
  return cases.flatMap((c) =>
    c.lat !== null && c.long !== null && withinWindow(c.receivedAt, window, nowMs)
      ? [{ id: c.id, code: c.code, position: [c.long, c.lat], stage: caseStage(c.state), overdue: c.overdue }]
      : [],
  );
}
