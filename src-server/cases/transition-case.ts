import type { Kysely, Transaction } from 'kysely';
import type { CaseAction } from '../../src-shared/domain/cases/actions';
import type { WorkingCalendar } from '../../src-shared/domain/cases/calendar';
import { type ActingAs, applyCaseAction, type CaseSnapshot } from '../../src-shared/domain/cases/lifecycle';
import type { ServerDatabase } from '../db/schema';
import { lifecycleColumns, snapshotOf } from './case-rows';
import { nextChangeSeq } from './sync-cursor';

export interface TransitionRequest {
  caseId: string;
  action: CaseAction;
  acting: ActingAs;
  /** The user (or agency staff member) acting, for the timeline; null for the system or a citizen. */
  actorId: string | null;
  now: Date;
}

export type TransitionError = {
  code: 'not_found' | 'conflict' | 'illegal_transition' | 'forbidden' | 'invalid';
  message: string;
};

export type TransitionOutcome = { ok: true; snapshot: CaseSnapshot } | { ok: false; error: TransitionError };

/** Thrown by `transitionWithin` when the step is refused; the caller's transaction must be rolled back. */
export class Refused extends Error {
  constructor(readonly refusal: TransitionError) {
    super(refusal.message);
  }
}

/**
 * Runs one lifecycle action with the server's authority: the pure state machine decides, this saves the result
 * with its event, its sync cursor and the duplicate links in one transaction, or saves nothing.
 */
export async function transitionCase(
  db: Kysely<ServerDatabase>,
  calendar: WorkingCalendar,
  request: TransitionRequest,
): Promise<TransitionOutcome> {
  try {
    const snapshot = await db.transaction().execute((trx) => transitionWithin(trx, calendar, request));
    return { ok: true, snapshot };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, error: error.refusal };
    throw error;
  }
}

/**
 * The same step inside the caller's transaction (the sync engine applies a command and records it in one
 * transaction). Throws `Refused`; the caller then rolls back.
 */
export async function transitionWithin(
  trx: Transaction<ServerDatabase>,
  calendar: WorkingCalendar,
  request: TransitionRequest,
): Promise<CaseSnapshot> {
  const row = await trx.selectFrom('cases').selectAll().where('id', '=', request.caseId).executeTakeFirst();
  if (!row) throw new Refused({ code: 'not_found', message: `No case ${request.caseId}.` });
  const result = applyCaseAction(snapshotOf(row), request.action, {
    ...request.acting,
    at: request.now,
    calendar,
  });
  if (!result.ok) throw new Refused(result.error);
  const { next, event, effects } = result;
  const at = event.at;

  if (request.action.type === 'forward') {
    const agency = await trx
      .selectFrom('agencies')
      .select('id')
      .where('id', '=', request.action.agencyId)
      .executeTakeFirst();
    if (!agency) throw new Refused({ code: 'invalid', message: `No agency ${request.action.agencyId}.` });
  }
  for (const effect of effects) {
    const original = await trx
      .selectFrom('cases')
      .select(['id', 'state'])
      .where('id', '=', effect.originalId)
      .executeTakeFirst();
    if (!original) throw new Refused({ code: 'invalid', message: `No case ${effect.originalId} to link to.` });
    if (original.state === 'duplicate') {
      throw new Refused({ code: 'invalid', message: 'That case is itself a duplicate: link to its original.' });
    }
  }

  const seq = await nextChangeSeq(trx, 'case', row.id, at);
  const updated = await trx
    .updateTable('cases')
    .set({
      ...lifecycleColumns(next),
      status_notes: event.publicNote,
      updated_at: at,
      version: row.version + 1,
      change_seq: seq,
    })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) {
    throw new Refused({ code: 'conflict', message: 'The case changed meanwhile; reload it and try again.' });
  }
  await trx
    .insertInto('case_events')
    .values({
      case_id: row.id,
      at,
      actor: event.actor,
      actor_id: request.actorId,
      action: event.action,
      from_state: event.from,
      to_state: event.to,
      public_note: event.publicNote,
      internal_note: event.internalNote,
      data: JSON.stringify(event.data),
      change_seq: seq,
    })
    .execute();

  for (const effect of effects) {
    await trx
      .insertInto('case_links')
      .values([
        { case_id: effect.caseId, related_id: effect.originalId, kind: 'duplicate_of', created_at: at },
        { case_id: effect.originalId, related_id: effect.caseId, kind: 'has_duplicate', created_at: at },
      ])
      .execute();
    // The original changed too (it gained a duplicate): it gets a cursor so sync sends it again.
    const originalSeq = await nextChangeSeq(trx, 'case', effect.originalId, at);
    await trx
      .updateTable('cases')
      .set((eb) => ({ change_seq: originalSeq, version: eb('version', '+', 1), updated_at: at }))
      .where('id', '=', effect.originalId)
      .execute();
  }
  return next;
}
