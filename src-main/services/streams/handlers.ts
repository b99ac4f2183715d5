import { CommandError, type CommandOutput, type ParsedInput } from '../../../src-shared/contract';
import type { StreamsService, ViewerConnection } from './service';

/** What these handlers need of the core's CallContext (structurally the same). */
export interface StreamCallContext {
  principal: { userId: string };
  connection: ViewerConnection | null;
}

function socketOf(ctx: StreamCallContext): ViewerConnection {
  if (!ctx.connection) {
    throw new CommandError('invalid_input', 'Open streams over /api/ws: media frames travel on the socket.');
  }
  return ctx.connection;
}

export function streamsHandlers(service: StreamsService) {
  return {
    'streams.open': (
      input: ParsedInput<'streams.open'>,
      ctx: StreamCallContext,
    ): Promise<CommandOutput<'streams.open'>> => service.open(input, ctx.principal, socketOf(ctx)),
    'streams.close': (input: ParsedInput<'streams.close'>, ctx: StreamCallContext): CommandOutput<'streams.close'> => ({
      closed: service.close(input.channel, socketOf(ctx)),
    }),
    'streams.stats': (): CommandOutput<'streams.stats'> => service.stats(),
  };
}
