import type { Selectable } from 'kysely';
import type { TimelineEntry } from '../../../src-shared/contract/cases';
import type { CaseSnapshot } from '../../../src-shared/domain/cases/lifecycle';
import { snapshotFromColumns } from '../../../src-shared/domain/cases/snapshot-row';
import { type CaseState, CaseStateSchema } from '../../../src-shared/domain/cases/states';
import { type MaskedReporter, MaskedReporterSchema } from '../../../src-shared/sync/protocol';
import type { CaseEventMirrorTable, CaseMirrorTable } from '../store';

export type MirrorRow = Selectable<CaseMirrorTable>;
export type EventRow = Selectable<CaseEventMirrorTable>;

/** A state the mirror holds; an unknown one (a newer server) reads as received rather than breaking the list. */
export function stateOf(text: string): CaseState {
  const parsed = CaseStateSchema.safeParse(text);
  return parsed.success ? parsed.data : 'received';
}

export function snapshotOf(row: MirrorRow): CaseSnapshot {
  return snapshotFromColumns(row, stateOf(row.state));
}

export function reporterOf(text: string | null): MaskedReporter | null {
  if (text === null) return null;
  const parsed = MaskedReporterSchema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : null;
}

type Data = TimelineEntry['data'];

export function dataOf(text: string): Data {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const out: Data = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
  }
  return out;
}

export function timelineOf(e: EventRow): TimelineEntry {
  return {
    id: `e${e.id}`,
    at: e.at,
    actor: e.actor,
    actorName: e.actor_name,
    action: e.action,
    fromState: e.from_state === null ? null : stateOf(e.from_state),
    toState: stateOf(e.to_state),
    publicNote: e.public_note,
    internalNote: e.internal_note,
    data: dataOf(e.data),
    pending: false,
  };
}
