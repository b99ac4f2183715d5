import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { ServerDatabase } from '../db/schema';
import { primaryActor, type ServerUser } from './actor';

export type Refuse = (code: string, message: string) => never;

/** A command's arguments as its schema reads them; anything else is refused as `invalid`. */
export function argsOf<T>(schema: z.ZodType<T>, rawArgs: unknown, refuse: Refuse): T {
  const parsed = schema.safeParse(rawArgs);
  return parsed.success ? parsed.data : refuse('invalid', 'The command’s arguments are not valid.');
}

export interface SameStateEvent {
  caseId: string;
  at: string;
  user: ServerUser;
  /** `comment`, `assign`, `attach`… */
  action: string;
  /** The case's state, which the step leaves as it is. */
  state: string;
  internalNote: string | null;
  data: Record<string, unknown>;
  changeSeq: number;
}

/** A timeline event for a step that is no lifecycle transition (a note, an assignment, an attachment). */
export async function recordSameStateEvent(trx: Transaction<ServerDatabase>, event: SameStateEvent): Promise<void> {
  await trx
    .insertInto('case_events')
    .values({
      case_id: event.caseId,
      at: event.at,
      actor: primaryActor(event.user),
      actor_id: event.user.id,
      action: event.action,
      from_state: event.state,
      to_state: event.state,
      public_note: null,
      internal_note: event.internalNote,
      data: JSON.stringify(event.data),
      change_seq: event.changeSeq,
    })
    .execute();
}

/** The cursor of the last change committed so far in this transaction (the command's own, once it wrote). */
export async function lastSeq(trx: Transaction<ServerDatabase>): Promise<number> {
  const row = await trx.selectFrom('sync_state').select('last_seq').where('id', '=', 1).executeTakeFirstOrThrow();
  return Number(row.last_seq);
}
