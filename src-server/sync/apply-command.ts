import type { Transaction } from 'kysely';
import type { WorkingCalendar } from '../../src-shared/domain/cases/calendar';
import { CaseStateSchema } from '../../src-shared/domain/cases/states';
import {
  CaseAssignArgsSchema,
  CaseCommentArgsSchema,
  CaseTransitionArgsSchema,
  isSyncCommandName,
  type PushCommand,
} from '../../src-shared/sync/protocol';
import { isAlertCommandName } from '../../src-shared/sync/alert-protocol';
import { isWallCommandName } from '../../src-shared/sync/wall-protocol';
import { Refused, transitionWithin } from '../cases/transition-case';
import { nextChangeSeq } from '../cases/sync-cursor';
import type { ServerDatabase } from '../db/schema';
import { caseActorFor, findActiveUser, mayWriteCases, type ServerUser } from './actor';
import { applyCaseAttach, applyCaseCreate, type CaseCreationDeps } from './apply-case-create';
import { applyAlertCommand } from './apply-alert';
import { applyWallCommand } from './apply-wall';
import { argsOf, lastSeq, recordSameStateEvent } from './case-steps';

export interface CommandContext {
  calendar: WorkingCalendar;
  now: Date;
  /** The workstation client whose outbox the command comes from. */
  clientId: string;
  /** Service catalog and media store for `case.create` / `case.attach`; absent: those are refused. */
  caseCreation?: CaseCreationDeps;
}

export interface CommandEffect {
  caseId: string | null;
  /** The cursor of the last change the command committed. */
  changeSeq: number;
}

/** A command the server's rules refuse; recorded as rejected and sent to the workstation's conflicts inbox. */
export class CommandRejected extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const refuse = (code: string, message: string): never => {
  throw new CommandRejected(code, message);
};

/** The rejection a thrown error stands for, or null when it is a fault (the transaction is retried or fails). */
export function rejectionOf(error: unknown): { code: string; message: string } | null {
  if (error instanceof CommandRejected) return { code: error.code, message: error.message };
  if (error instanceof Refused) return { code: error.refusal.code, message: error.refusal.message };
  return null;
}

/**
 * Runs one named command with the server's authority inside the caller's transaction: the actor's roles from
 * the server's users table, the case lifecycle state machine, the same writes as any other path. Throws
 * `CommandRejected` or the lifecycle's `Refused` (the caller rolls back and records the rejection).
 */
export async function applyCommand(
  trx: Transaction<ServerDatabase>,
  command: PushCommand,
  ctx: CommandContext,
): Promise<CommandEffect> {
  if (!isSyncCommandName(command.name)) return refuse('unknown_command', `Unknown command "${command.name}".`);
  const user = await findActiveUser(trx, command.actorUsername);
  if (!user) return refuse('forbidden', `No active user "${command.actorUsername}" on the central server.`);
  if (isWallCommandName(command.name)) {
    const { changeSeq } = await applyWallCommand(trx, user, command.name, command.args, ctx, refuse);
    return { caseId: null, changeSeq };
  }
  if (isAlertCommandName(command.name)) {
    const { changeSeq } = await applyAlertCommand(trx, user, command.name, command.args, ctx, refuse);
    return { caseId: null, changeSeq };
  }
  if (!mayWriteCases(user)) return refuse('forbidden', `${user.username} may not change cases (cases.write).`);
  switch (command.name) {
    case 'case.transition':
      return transition(trx, user, command.args, ctx);
    case 'case.comment':
      return comment(trx, user, command.args, ctx);
    case 'case.assign':
      return assign(trx, user, command.args, ctx);
    case 'case.create':
      return applyCaseCreate(trx, user, command.args, ctx, refuse);
    case 'case.attach':
      return applyCaseAttach(trx, user, command.args, ctx, refuse);
  }
}

async function transition(
  trx: Transaction<ServerDatabase>,
  user: ServerUser,
  rawArgs: unknown,
  ctx: CommandContext,
): Promise<CommandEffect> {
  const args = argsOf(CaseTransitionArgsSchema, rawArgs, refuse);
  const current = await trx.selectFrom('cases').select('state').where('id', '=', args.caseId).executeTakeFirst();
  if (!current) return refuse('not_found', `No case ${args.caseId}.`);
  const actor = caseActorFor(user, args.action.type, CaseStateSchema.parse(current.state));
  if (!actor) return refuse('forbidden', `${user.username} has no role that acts on cases.`);
  await transitionWithin(trx, ctx.calendar, {
    caseId: args.caseId,
    action: args.action,
    acting: { actor, agencyId: user.agencyId },
    actorId: user.id,
    now: ctx.now,
  });
  return { caseId: args.caseId, changeSeq: await lastSeq(trx) };
}

/** A timeline note: the case itself does not change, so only the event travels to the other workstations. */
async function comment(
  trx: Transaction<ServerDatabase>,
  user: ServerUser,
  rawArgs: unknown,
  ctx: CommandContext,
): Promise<CommandEffect> {
  const args = argsOf(CaseCommentArgsSchema, rawArgs, refuse);
  const at = ctx.now.toISOString();
  // The cursor first: its row lock orders this write after any step in flight, so the state read is current.
  const seq = await nextChangeSeq(trx, 'case', args.caseId, at);
  const row = await trx.selectFrom('cases').select('state').where('id', '=', args.caseId).executeTakeFirst();
  if (!row) return refuse('not_found', `No case ${args.caseId}.`);
  await recordSameStateEvent(trx, {
    caseId: args.caseId,
    at,
    user,
    action: 'comment',
    state: row.state,
    internalNote: args.text,
    data: {},
    changeSeq: seq,
  });
  return { caseId: args.caseId, changeSeq: seq };
}

/** Who in the centre follows the case up. No state machine: the last assignment the server receives wins. */
async function assign(
  trx: Transaction<ServerDatabase>,
  user: ServerUser,
  rawArgs: unknown,
  ctx: CommandContext,
): Promise<CommandEffect> {
  const args = argsOf(CaseAssignArgsSchema, rawArgs, refuse);
  let assignee: string | null = null;
  if (args.assignee !== null) {
    const target = await findActiveUser(trx, args.assignee);
    if (!target || !mayWriteCases(target)) {
      return refuse('invalid', `"${args.assignee}" is not an active user who handles cases.`);
    }
    assignee = target.username;
  }
  const at = ctx.now.toISOString();
  const seq = await nextChangeSeq(trx, 'case', args.caseId, at);
  const row = await trx
    .selectFrom('cases')
    .select(['state', 'assignee'])
    .where('id', '=', args.caseId)
    .executeTakeFirst();
  if (!row) return refuse('not_found', `No case ${args.caseId}.`);
  await trx
    .updateTable('cases')
    .set((eb) => ({ assignee, version: eb('version', '+', 1), change_seq: seq, updated_at: at }))
    .where('id', '=', args.caseId)
    .execute();
  await recordSameStateEvent(trx, {
    caseId: args.caseId,
    at,
    user,
    action: 'assign',
    state: row.state,
    internalNote: null,
    data: { assignee, previous: row.assignee },
    changeSeq: seq,
  });
  return { caseId: args.caseId, changeSeq: seq };
}
