import { z } from 'zod';
import { defineEvent } from './define';

/** Every event the core pushes over /api/ws. */
export const events = {
  'session.ended': defineEvent({
    summary: 'The socket’s session was signed out or expired; the UI returns to the login page',
    payload: z.object({ reason: z.enum(['logout', 'expired', 'revoked']) }),
    permission: null,
  }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<N extends EventName> = z.output<Events[N]['payload']>;

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}
