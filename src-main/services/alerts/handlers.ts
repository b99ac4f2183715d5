import type { CommandOutput, ParsedInput } from '../../../src-shared/contract';
import type { AlertsService } from './service';

/** What these handlers need of the core's CallContext (structurally the same). */
export interface AlertsCallContext {
  principal: { userId: string; username: string };
}

export function alertsHandlers(alerts: AlertsService) {
  return {
    'alerts.list': (input: ParsedInput<'alerts.list'>): CommandOutput<'alerts.list'> => alerts.list(input.filter),
    'alerts.acknowledge': (
      input: ParsedInput<'alerts.acknowledge'>,
      ctx: AlertsCallContext,
    ): CommandOutput<'alerts.acknowledge'> => alerts.acknowledge(input.id, input.note, ctx.principal),
    'alerts.escalate': (
      input: ParsedInput<'alerts.escalate'>,
      ctx: AlertsCallContext,
    ): Promise<CommandOutput<'alerts.escalate'>> => alerts.escalate(input.id, ctx.principal.username),
    'alerts.assets': (): Promise<CommandOutput<'alerts.assets'>> => alerts.assets(),
    'systems.board': (input: ParsedInput<'systems.board'>): Promise<CommandOutput<'systems.board'>> =>
      alerts.board(input.from, input.to),
  };
}
