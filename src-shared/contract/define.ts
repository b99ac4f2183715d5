import type { z } from 'zod';
import type { Permission } from './roles';

export interface CommandDefinition<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  /** The permission a caller needs; `null` only for commands any signed-in user may call. */
  readonly permission: Permission | null;
  readonly summary: string;
}

export interface EventDefinition<P extends z.ZodType = z.ZodType> {
  readonly payload: P;
  /** Only sockets whose user holds this permission receive the event. */
  readonly permission: Permission | null;
  readonly summary: string;
}

export function defineCommand<I extends z.ZodType, O extends z.ZodType>(
  def: CommandDefinition<I, O>,
): CommandDefinition<I, O> {
  return def;
}

export function defineEvent<P extends z.ZodType>(def: EventDefinition<P>): EventDefinition<P> {
  return def;
}
