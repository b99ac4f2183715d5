import { z } from 'zod';
import type { ContractError } from './errors';

/**
 * Messages on /api/ws. Text frames carry JSON below; binary frames carry media (see media-frame.ts).
 * Every reply to a `call` echoes its `id`, so a client may have many calls in flight.
 */
export const CallId = z.union([z.string().max(64), z.number().int().safe()]);

export const ClientMessageSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('call'), id: CallId, command: z.string().max(128), input: z.unknown().optional() }),
  z.object({ t: z.literal('ping'), id: CallId.optional() }),
]);
export type ClientMessage = z.infer<typeof ClientMessageSchema>;

export type ServerMessage =
  | { t: 'hello'; version: string; userId: string }
  | { t: 'result'; id: string | number; ok: true; value: unknown }
  | { t: 'result'; id: string | number; ok: false; error: ContractError }
  | { t: 'event'; event: string; payload: unknown }
  | { t: 'pong'; id?: string | number }
  /** A message that could not be read well enough to find its id. */
  | { t: 'error'; error: ContractError };

/** Largest text message the socket accepts; media flows the other way in binary frames. */
export const MAX_CLIENT_MESSAGE_BYTES = 256 * 1024;

/** WebSocket subprotocol carrying a bearer token, for clients that cannot send cookies or headers. */
export const WS_TOKEN_PROTOCOL_PREFIX = 'ioc.bearer.';
export const WS_PROTOCOL = 'ioc.v1';

/** How the Electron renderer proves to its core that it is the window the core was launched for. */
export const LAUNCH_HEADER = 'x-ioc-launch';
export const LAUNCH_PROTOCOL_PREFIX = 'ioc.launch.';

export const LoginRequestSchema = z
  .object({
    username: z.string().trim().min(1).max(100),
    password: z.string().min(1).max(1024),
  })
  .strict();
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const SESSION_COOKIE = 'ioc_session';
