import type { Rgba } from './alertFill';
import type { CaseStage } from './casePoints';

/** Case dots by stage: blue waiting for the centre, amber with an agency, green resolved, grey finished. */
export const CASE_STAGE_COLORS: Record<CaseStage, Rgba> = {
  new: [59, 130, 246, 235],
  working: [245, 158, 11, 235],
  resolved: [34, 197, 94, 220],
  done: [148, 163, 184, 170],
};
export const OVERDUE_RING: Rgba = [239, 68, 68, 255];
