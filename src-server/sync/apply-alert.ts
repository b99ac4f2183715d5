import type { Transaction } from 'kysely';
import { hasPermission } from '../../src-shared/contract/roles';
import { AlertAcknowledgeArgsSchema, type AlertCommandName } from '../../src-shared/sync/alert-protocol';
import { acknowledgeWithin, AlertActionError } from '../alerts/actions';
import type { AlertTables } from '../alerts/tables';
import type { ServerDatabase } from '../db/schema';
import type { ServerUser } from './actor';
import { lastSeq } from './case-steps';

export interface AlertCommandContext {
  now: Date;
}

/** A refusal the caller records as the command's outcome (the workstation's conflicts inbox shows it). */
export type AlertRefusal = (code: string, message: string) => never;

/**
 * Applies an alert command queued on a workstation (rules in src-shared/sync/alert-protocol.ts) through the same
 * acknowledgement as the online path, inside the push transaction: the alert's own change cursor moves, the
 * workstations' alert feeds carry it. Returns the case cursor as it stands (the command changes no case).
 */
export async function applyAlertCommand(
  base: Transaction<ServerDatabase>,
  user: ServerUser,
  name: AlertCommandName,
  rawArgs: unknown,
  ctx: AlertCommandContext,
  refuse: AlertRefusal,
): Promise<{ changeSeq: number }> {
  switch (name) {
    case 'alert.acknowledge': {
      if (!hasPermission(user.roles, 'alerts.acknowledge')) {
        return refuse('forbidden', `${user.username} may not acknowledge alerts (alerts.acknowledge).`);
      }
      const parsed = AlertAcknowledgeArgsSchema.safeParse(rawArgs);
      if (!parsed.success) return refuse('invalid', 'The command’s arguments are not valid.');
      const { alertId, note } = parsed.data;
      let outcome: Awaited<ReturnType<typeof acknowledgeWithin>>;
      try {
        outcome = await acknowledgeWithin(base.withTables<AlertTables>(), alertId, user, note, ctx.now);
      } catch (error) {
        // not_found: the server never had it (or lost it); conflict: a concurrent acknowledgement won — the push
        // retries, and the retry finds it acknowledged (below).
        if (error instanceof AlertActionError) return refuse(error.code, error.message);
        throw error;
      }
      // Someone else acknowledged it while this one waited in the outbox: their acknowledgement (who, when, note)
      // stands, and the operator who queued this one is told so rather than seeing it silently replaced.
      if (!outcome.changed && outcome.alert.ackBy !== user.username) {
        return refuse(
          'already_acknowledged',
          `Already acknowledged by ${outcome.alert.ackBy ?? 'someone'} at ${outcome.alert.ackAt ?? '?'}.`,
        );
      }
      return { changeSeq: await lastSeq(base) };
    }
  }
}
