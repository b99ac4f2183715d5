import { z } from 'zod';

/**
 * Alert commands in the sync protocol (DESIGN.md §6). An operator's acknowledgement is recorded on the
 * workstation at once and travels through the outbox, so it survives the central server being away and reaches
 * it exactly once.
 *
 * Rules (the server applies them):
 * - The acknowledgement is made in the name of the user who queued it, who must hold `alerts.acknowledge` on the
 *   server.
 * - An alert already acknowledged stays as it is (the first acknowledgement — who, when, note — is the one kept).
 *   By the same user the command counts as applied; by someone else it is rejected `already_acknowledged` and
 *   waits in the workstation's conflicts inbox, so the operator learns their acknowledgement did not stand.
 * - An alert the server does not know is rejected `not_found` and waits in the workstation's conflicts inbox.
 */
export const AlertAcknowledgeArgsSchema = z
  .object({
    alertId: z.string().trim().min(1).max(100),
    note: z.string().trim().max(1000),
  })
  .strict();
export type AlertAcknowledgeArgs = z.infer<typeof AlertAcknowledgeArgsSchema>;

export const ALERT_COMMAND_ARGS = {
  'alert.acknowledge': AlertAcknowledgeArgsSchema,
} as const;
export type AlertCommandName = keyof typeof ALERT_COMMAND_ARGS;

export function isAlertCommandName(name: string): name is AlertCommandName {
  return Object.hasOwn(ALERT_COMMAND_ARGS, name);
}

/** What an alert command is about, for its audit row: the alert's id, as the server's own history names it. */
export function alertCommandSubject(name: string, args: unknown): string | null {
  if (!isAlertCommandName(name)) return null;
  const parsed = ALERT_COMMAND_ARGS[name].safeParse(args);
  return parsed.success ? parsed.data.alertId : null;
}
