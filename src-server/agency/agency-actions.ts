import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { type CaseAction, CaseActionSchema } from '../../src-shared/domain/cases/actions';
import type { WorkingCalendar } from '../../src-shared/domain/cases/calendar';
import { nextChangeSeq } from '../cases/sync-cursor';
import { Refused, type TransitionError, transitionWithin } from '../cases/transition-case';
import type { ServerDatabase } from '../db/schema';
import type { AgencyStaff } from './session';

/** What the inbox's forms can ask for: the lifecycle's agency actions, plus a progress note. */
export const AGENCY_FORM_ACTIONS = ['accept', 'return', 'start', 'progress', 'request_extension', 'resolve'] as const;
export type AgencyFormAction = (typeof AGENCY_FORM_ACTIONS)[number];

const ProgressSchema = z.object({ text: z.string().trim().min(1).max(4000) });

/** A progress note changes no state: it is only possible while the work is under way. */
const PROGRESS_STATES: ReadonlySet<string> = new Set(['in_progress', 'extension_requested']);

const optional = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v);

/** Builds the lifecycle action from the form's fields; zod decides whether it is valid. */
export function actionFromForm(
  name: Exclude<AgencyFormAction, 'progress'>,
  f: Record<string, string>,
): CaseAction | null {
  const raw: Record<string, unknown> = { type: name, note: optional(f.note), publicNote: optional(f.publicNote) };
  if (name === 'return' || name === 'request_extension') raw.reason = f.reason ?? '';
  if (name === 'request_extension') raw.days = f.days && /^\d{1,3}$/.test(f.days.trim()) ? Number(f.days) : f.days;
  if (name === 'resolve') raw.result = f.result ?? '';
  const parsed = CaseActionSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export type AgencyActOutcome = { ok: true } | { ok: false; error: TransitionError };

/**
 * Runs one inbox action as the agency staff member, in one transaction with its timeline event and sync
 * cursor: lifecycle actions through `transitionWithin` (the state machine checks the case is this agency's),
 * a progress note as an event of its own under the same check.
 */
export async function actAsAgency(
  db: Kysely<ServerDatabase>,
  calendar: WorkingCalendar,
  staff: AgencyStaff,
  caseId: string,
  request: { kind: 'action'; action: CaseAction } | { kind: 'progress'; text: string },
  now: Date,
  /** Runs in the same transaction once the step is written (the photos sent with it): all or nothing. */
  afterWrite?: (trx: Transaction<ServerDatabase>) => Promise<void>,
): Promise<AgencyActOutcome> {
  try {
    await db.transaction().execute(async (trx) => {
      if (request.kind === 'action') {
        await transitionWithin(trx, calendar, {
          caseId,
          action: request.action,
          acting: { actor: 'agency', agencyId: staff.agencyId },
          actorId: staff.id,
          now,
        });
        await afterWrite?.(trx);
        return;
      }
      const text = ProgressSchema.safeParse({ text: request.text });
      if (!text.success) throw new Refused({ code: 'invalid', message: 'A progress note needs text.' });
      const at = now.toISOString();
      // The cursor first: its row lock orders this write after any step in flight, so the state read is current.
      const seq = await nextChangeSeq(trx, 'case', caseId, at);
      const row = await trx
        .selectFrom('cases')
        .select(['state', 'agency_id'])
        .where('id', '=', caseId)
        .executeTakeFirst();
      if (!row) throw new Refused({ code: 'not_found', message: `No case ${caseId}.` });
      if (row.agency_id !== staff.agencyId) {
        throw new Refused({ code: 'forbidden', message: 'Only the agency the case was forwarded to may act on it.' });
      }
      if (!PROGRESS_STATES.has(row.state)) {
        throw new Refused({ code: 'illegal_transition', message: `No progress note on a case that is ${row.state}.` });
      }
      await trx
        .insertInto('case_events')
        .values({
          case_id: caseId,
          at,
          actor: 'agency',
          actor_id: staff.id,
          action: 'progress',
          from_state: row.state,
          to_state: row.state,
          public_note: text.data.text,
          internal_note: null,
          data: '{}',
          change_seq: seq,
        })
        .execute();
      await afterWrite?.(trx);
    });
    return { ok: true };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, error: error.refusal };
    throw error;
  }
}
