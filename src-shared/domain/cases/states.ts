import { z } from 'zod';

/**
 * The detailed lifecycle of a case (DESIGN.md §6). Open311 only knows open|closed; this is the rest.
 * Vietnamese labels are UI text and live in i18n, keyed by these names.
 */
export const CASE_STATES = [
  'received',
  'triaged',
  'forwarded',
  'accepted',
  'returned',
  'in_progress',
  'extension_requested',
  'resolved',
  'closed',
  'reopened',
  'rejected',
  'duplicate',
] as const;
export type CaseState = (typeof CASE_STATES)[number];
export const CaseStateSchema = z.enum(CASE_STATES);

/** Nothing follows these except a reopen by a permitted actor (closed, rejected) or nothing at all (duplicate). */
export const FINAL_STATES: ReadonlySet<CaseState> = new Set<CaseState>(['closed', 'rejected', 'duplicate']);

/** Who acts on a case. Workstation roles that handle cases, the agency's staff, the citizen, and the server. */
export const CASE_ACTORS = ['operator', 'director', 'agency', 'citizen', 'system'] as const;
export type CaseActor = (typeof CASE_ACTORS)[number];
export const CaseActorSchema = z.enum(CASE_ACTORS);

export type Open311Status = 'open' | 'closed';

/**
 * GeoReport v2 defines `closed` as "it has been resolved", so a resolved case is closed for Open311 even while
 * the citizen may still reopen it; rejected and duplicate reports are closed too.
 */
export function open311StatusOf(state: CaseState): Open311Status {
  return state === 'resolved' || FINAL_STATES.has(state) ? 'closed' : 'open';
}

/**
 * mySociety's extended statuses (open311-adapter, `status_extended`), used by the `servicerequestupdates`
 * extension; our own detailed state travels beside it as `external_status_code`.
 */
export const MYSOCIETY_STATUSES = [
  'open',
  'closed',
  'fixed',
  'in_progress',
  'action_scheduled',
  'investigating',
  'duplicate',
  'not_councils_responsibility',
  'no_further_action',
  'internal_referral',
  'reopen',
  'for_triage',
] as const;
export type MySocietyStatus = (typeof MYSOCIETY_STATUSES)[number];

const MYSOCIETY_BY_STATE: Readonly<Record<CaseState, MySocietyStatus>> = {
  received: 'for_triage',
  triaged: 'open',
  forwarded: 'investigating',
  accepted: 'action_scheduled',
  // Back at the centre to be re-routed: still open for the citizen.
  returned: 'open',
  in_progress: 'in_progress',
  extension_requested: 'in_progress',
  resolved: 'fixed',
  closed: 'closed',
  reopened: 'reopen',
  rejected: 'no_further_action',
  duplicate: 'duplicate',
};

export function mySocietyStatusOf(state: CaseState): MySocietyStatus {
  return MYSOCIETY_BY_STATE[state];
}
