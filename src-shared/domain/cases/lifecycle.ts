import { type CaseAction, type CaseActionType, CASE_ACTION_TYPES } from './actions';
import type { WorkingCalendar } from './calendar';
import { AGENCY_ACTIONS, ruleFor } from './rules';
import { dueDateAfter, extendDueDate } from './sla';
import type { CaseActor, CaseState } from './states';

/** What the lifecycle needs to know about a case. Instants are ISO 8601 UTC strings, as stored. */
export interface CaseSnapshot {
  id: string;
  state: CaseState;
  receivedAt: string;
  dueAt: string;
  /** The category's SLA; a reopened case gets it again from the day of reopening. */
  slaWorkingDays: number;
  agencyId: string | null;
  duplicateOf: string | null;
  pendingExtensionDays: number | null;
  extensionCount: number;
  reopenCount: number;
  resolvedAt: string | null;
  closedAt: string | null;
  publicResult: string | null;
  rejectionReason: string | null;
}

export interface ActingAs {
  actor: CaseActor;
  /** For `agency`: which agency the person works for. */
  agencyId?: string | null;
}

export interface CaseEventDraft {
  action: CaseActionType;
  from: CaseState;
  to: CaseState;
  at: string;
  actor: CaseActor;
  /** Shown to the citizen (tracking page, Open311 status_notes and updates). */
  publicNote: string | null;
  /** Seen only inside the centre and by the agency. */
  internalNote: string | null;
  data: Record<string, string | number | null>;
}

/** What the caller must do besides saving the snapshot: the duplicate link goes both ways. */
export type CaseEffect = { kind: 'link_duplicate'; caseId: string; originalId: string };

export type CaseRefusal = { code: 'illegal_transition' | 'forbidden' | 'invalid'; message: string };

export type TransitionResult =
  | { ok: true; next: CaseSnapshot; event: CaseEventDraft; effects: CaseEffect[] }
  | { ok: false; error: CaseRefusal };

export interface TransitionContext extends ActingAs {
  at: Date;
  calendar: WorkingCalendar;
}

export function newCaseSnapshot(options: {
  id: string;
  receivedAt: Date;
  slaWorkingDays: number;
  calendar: WorkingCalendar;
}): CaseSnapshot {
  return {
    id: options.id,
    state: 'received',
    receivedAt: options.receivedAt.toISOString(),
    dueAt: dueDateAfter(options.receivedAt, options.slaWorkingDays, options.calendar).toISOString(),
    slaWorkingDays: options.slaWorkingDays,
    agencyId: null,
    duplicateOf: null,
    pendingExtensionDays: null,
    extensionCount: 0,
    reopenCount: 0,
    resolvedAt: null,
    closedAt: null,
    publicResult: null,
    rejectionReason: null,
  };
}

function refuse(code: CaseRefusal['code'], message: string): TransitionResult {
  return { ok: false, error: { code, message } };
}

/** Checks who may do what, then returns the next snapshot and the timeline event. Pure: nothing is saved. */
export function applyCaseAction(snapshot: CaseSnapshot, action: CaseAction, ctx: TransitionContext): TransitionResult {
  const rule = ruleFor(action.type, snapshot.state);
  if (!rule) return refuse('illegal_transition', `"${action.type}" is not possible from "${snapshot.state}".`);
  if (!rule.actors.includes(ctx.actor)) {
    return refuse('forbidden', `${ctx.actor} may not ${action.type} a case that is ${snapshot.state}.`);
  }
  if (ctx.actor === 'agency' && AGENCY_ACTIONS.has(action.type)) {
    if (!snapshot.agencyId || ctx.agencyId !== snapshot.agencyId) {
      return refuse('forbidden', 'Only the agency the case was forwarded to may act on it.');
    }
  }
  const at = ctx.at.toISOString();
  const next: CaseSnapshot = { ...snapshot, state: rule.to };
  const event: CaseEventDraft = {
    action: action.type,
    from: snapshot.state,
    to: rule.to,
    at,
    actor: ctx.actor,
    publicNote: action.publicNote ?? null,
    internalNote: action.note ?? null,
    data: {},
  };
  const effects: CaseEffect[] = [];

  switch (action.type) {
    case 'reject':
      next.rejectionReason = action.reason;
      event.publicNote = action.reason;
      break;
    case 'mark_duplicate':
      if (action.duplicateOf === snapshot.id) return refuse('invalid', 'A case cannot duplicate itself.');
      next.duplicateOf = action.duplicateOf;
      event.data.duplicateOf = action.duplicateOf;
      effects.push({ kind: 'link_duplicate', caseId: snapshot.id, originalId: action.duplicateOf });
      break;
    case 'forward':
      next.agencyId = action.agencyId;
      event.data.agencyId = action.agencyId;
      break;
    case 'return':
      next.agencyId = null;
      event.data.agencyId = snapshot.agencyId;
      event.internalNote = joinNotes(action.reason, action.note);
      break;
    case 'start':
      if (!snapshot.agencyId) return refuse('invalid', 'The case has no agency; forward it first.');
      break;
    case 'request_extension':
      next.pendingExtensionDays = action.days;
      event.data.days = action.days;
      event.internalNote = joinNotes(action.reason, action.note);
      break;
    case 'grant_extension': {
      const days = action.days ?? snapshot.pendingExtensionDays;
      if (days === null) return refuse('invalid', 'No extension was requested.');
      next.dueAt = extendDueDate(new Date(snapshot.dueAt), days, ctx.calendar).toISOString();
      next.pendingExtensionDays = null;
      next.extensionCount = snapshot.extensionCount + 1;
      event.data = { days, previousDueAt: snapshot.dueAt, dueAt: next.dueAt };
      break;
    }
    case 'deny_extension':
      next.pendingExtensionDays = null;
      event.internalNote = joinNotes(action.reason, action.note);
      break;
    case 'resolve':
      next.resolvedAt = at;
      next.publicResult = action.result;
      event.publicNote = action.result;
      break;
    case 'close':
      next.closedAt = at;
      break;
    case 'reopen':
      next.reopenCount = snapshot.reopenCount + 1;
      next.resolvedAt = null;
      next.closedAt = null;
      next.rejectionReason = null;
      next.dueAt = laterOf(snapshot.dueAt, dueDateAfter(ctx.at, snapshot.slaWorkingDays, ctx.calendar));
      event.publicNote = action.reason;
      event.data.dueAt = next.dueAt;
      break;
    case 'triage':
    case 'accept':
      break;
  }
  return { ok: true, next, event, effects };
}

/** The actions this actor could take now (for buttons); each may still be refused for its arguments. */
export function allowedActions(snapshot: CaseSnapshot, acting: ActingAs): CaseActionType[] {
  return CASE_ACTION_TYPES.filter((type) => {
    const rule = ruleFor(type, snapshot.state);
    if (!rule || !rule.actors.includes(acting.actor)) return false;
    if (acting.actor === 'agency' && AGENCY_ACTIONS.has(type)) {
      return snapshot.agencyId !== null && acting.agencyId === snapshot.agencyId;
    }
    return !(type === 'start' && snapshot.agencyId === null);
  });
}

function joinNotes(reason: string, note: string | undefined): string {
  return note ? `${reason}\n${note}` : reason;
}

function laterOf(isoA: string, b: Date): string {
  return Date.parse(isoA) >= b.getTime() ? isoA : b.toISOString();
}
