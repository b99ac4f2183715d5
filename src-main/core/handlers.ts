import type { CommandName, CommandOutput, ParsedInput } from '../../src-shared/contract';
import type { Principal } from '../services/auth';

/** The WebSocket a call arrived on, for replies that continue as binary media frames. */
export interface CallConnection {
  readonly id: string;
  sendBinary(bytes: Uint8Array): void;
  /** Bytes queued on the socket and not yet sent: how far behind this viewer is. */
  bufferedAmount(): number;
  /** Runs once when the socket closes; returns a function that cancels the registration. */
  onClose(listener: () => void): () => void;
}

export interface CallContext {
  principal: Principal;
  /** null for POST /api/rpc calls. */
  connection: CallConnection | null;
}

export type Handler<N extends CommandName> = (
  input: ParsedInput<N>,
  ctx: CallContext,
) => Promise<CommandOutput<N>> | CommandOutput<N>;

export type Handlers = { [N in CommandName]: Handler<N> };
