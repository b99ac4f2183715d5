import type { CaseActionType } from './actions';
import type { CaseActor, CaseState } from './states';

export interface TransitionRule {
  readonly action: CaseActionType;
  readonly from: readonly CaseState[];
  readonly to: CaseState;
  readonly actors: readonly CaseActor[];
}

/**
 * The whole lifecycle in one table (DESIGN.md §6): who may move a case from where to where. Agency actions also
 * require the acting agency to be the one the case was forwarded to (checked in `applyCaseAction`).
 */
export const TRANSITION_RULES: readonly TransitionRule[] = [
  { action: 'triage', from: ['received'], to: 'triaged', actors: ['operator'] },
  { action: 'reject', from: ['received', 'triaged', 'reopened'], to: 'rejected', actors: ['operator', 'director'] },
  { action: 'mark_duplicate', from: ['received', 'triaged'], to: 'duplicate', actors: ['operator'] },
  { action: 'forward', from: ['triaged', 'returned', 'reopened'], to: 'forwarded', actors: ['operator'] },
  { action: 'accept', from: ['forwarded'], to: 'accepted', actors: ['agency'] },
  { action: 'return', from: ['forwarded', 'accepted'], to: 'returned', actors: ['agency'] },
  { action: 'start', from: ['accepted', 'reopened'], to: 'in_progress', actors: ['agency'] },
  { action: 'request_extension', from: ['in_progress'], to: 'extension_requested', actors: ['agency'] },
  { action: 'grant_extension', from: ['extension_requested'], to: 'in_progress', actors: ['operator', 'director'] },
  { action: 'deny_extension', from: ['extension_requested'], to: 'in_progress', actors: ['operator', 'director'] },
  // The centre may record a result an agency reported by phone or paper.
  { action: 'resolve', from: ['in_progress'], to: 'resolved', actors: ['agency', 'operator'] },
  // The citizen confirms, or the feedback window lapses (system), or the centre closes it.
  { action: 'close', from: ['resolved'], to: 'closed', actors: ['operator', 'director', 'citizen', 'system'] },
  // The citizen says it is not fixed (HCMC 1022 "phản ánh lại"); the centre may reopen what it closed.
  { action: 'reopen', from: ['resolved'], to: 'reopened', actors: ['citizen', 'operator'] },
  { action: 'reopen', from: ['closed'], to: 'reopened', actors: ['operator', 'director'] },
  // A wrongful refusal is undone only by the centre's leadership.
  { action: 'reopen', from: ['rejected'], to: 'reopened', actors: ['director'] },
];

export function ruleFor(action: CaseActionType, from: CaseState): TransitionRule | undefined {
  return TRANSITION_RULES.find((r) => r.action === action && r.from.includes(from));
}

/** Every (from → to) pair the lifecycle can ever take: what the property test checks against. */
export const ALLOWED_EDGES: ReadonlySet<string> = new Set(
  TRANSITION_RULES.flatMap((r) => r.from.map((f) => `${f}>${r.to}`)),
);

/** The actions agencies take on cases forwarded to them. */
export const AGENCY_ACTIONS: ReadonlySet<CaseActionType> = new Set([
  'accept',
  'return',
  'start',
  'request_extension',
  'resolve',
]);
