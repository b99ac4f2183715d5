import type { TimelineEntry } from '../../../src-shared/contract/cases';
import type { WorkingCalendar } from '../../../src-shared/domain/cases/calendar';
import { applyCaseAction, type CaseSnapshot } from '../../../src-shared/domain/cases/lifecycle';
import type { CaseActor } from '../../../src-shared/domain/cases/states';
import {
  CaseAssignArgsSchema,
  CaseCommentArgsSchema,
  CaseTransitionArgsSchema,
} from '../../../src-shared/sync/protocol';
import { CaseAttachArgsSchema } from '../../../src-shared/sync/case-create-protocol';
import type { OutboxEntry } from '../sync';

export interface OptimisticCase {
  snapshot: CaseSnapshot;
  assignee: string | null;
  /** This workstation's commands as timeline entries, oldest first. */
  timeline: TimelineEntry[];
  /** How many of them the server has not answered yet. */
  pending: number;
}

/** Roles of the centre, in the order tried: the view shows what the server would most likely make of it. */
const ACTORS: readonly CaseActor[] = ['operator', 'director'];

/**
 * Lays this workstation's unanswered commands over the mirrored case, through the same pure state machine the
 * server runs. A command the state machine refuses here is still listed (the server has the last word), but
 * changes nothing in the view.
 */
export function applyOptimistic(
  base: CaseSnapshot,
  assignee: string | null,
  entries: readonly OutboxEntry[],
  calendar: WorkingCalendar,
): OptimisticCase {
  let snapshot = base;
  let currentAssignee = assignee;
  const timeline: TimelineEntry[] = [];
  let pending = 0;
  for (const entry of entries) {
    if (entry.state === 'pending') pending++;
    const common = {
      id: `p${entry.id}`,
      at: entry.createdAt,
      actor: 'operator',
      actorName: entry.actorUsername,
      publicNote: null,
      internalNote: null,
      data: { seq: entry.seq },
      pending: entry.state === 'pending',
      fromState: snapshot.state,
      toState: snapshot.state,
    };
    if (entry.name === 'case.transition') {
      const args = CaseTransitionArgsSchema.safeParse(entry.args);
      if (!args.success) continue;
      const at = new Date(entry.createdAt);
      const result = ACTORS.map((actor) => applyCaseAction(snapshot, args.data.action, { actor, at, calendar })).find(
        (r) => r.ok,
      );
      if (result?.ok) {
        timeline.push({
          ...common,
          actor: result.event.actor,
          action: result.event.action,
          toState: result.next.state,
          publicNote: result.event.publicNote,
          internalNote: result.event.internalNote,
          data: { ...result.event.data, seq: entry.seq },
        });
        snapshot = result.next;
      } else {
        timeline.push({ ...common, action: args.data.action.type, data: { seq: entry.seq, refusedLocally: true } });
      }
    } else if (entry.name === 'case.comment') {
      const args = CaseCommentArgsSchema.safeParse(entry.args);
      if (args.success) timeline.push({ ...common, action: 'comment', internalNote: args.data.text });
    } else if (entry.name === 'case.create') {
      // The provisional case's first entry (provisional.ts); the server's 'receive' event replaces it.
      timeline.push({ ...common, action: 'receive', fromState: null, toState: 'received' });
    } else if (entry.name === 'case.attach') {
      const args = CaseAttachArgsSchema.safeParse(entry.args);
      if (args.success) {
        timeline.push({
          ...common,
          action: 'attach',
          internalNote: args.data.caption ?? null,
          data: { seq: entry.seq, fileName: args.data.fileName },
        });
      }
    } else if (entry.name === 'case.assign') {
      const args = CaseAssignArgsSchema.safeParse(entry.args);
      if (!args.success) continue;
      timeline.push({
        ...common,
        action: 'assign',
        data: { seq: entry.seq, assignee: args.data.assignee, previous: currentAssignee },
      });
      currentAssignee = args.data.assignee;
    }
  }
  return { snapshot, assignee: currentAssignee, timeline, pending };
}
