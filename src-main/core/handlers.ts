import type { CommandName, CommandOutput, ParsedInput } from '../../src-shared/contract';
import type { Principal } from '../services/auth';

export interface CallContext {
  principal: Principal;
}

export type Handler<N extends CommandName> = (
  input: ParsedInput<N>,
  ctx: CallContext,
) => Promise<CommandOutput<N>> | CommandOutput<N>;

export type Handlers = { [N in CommandName]: Handler<N> };
