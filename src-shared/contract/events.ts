import { z } from 'zod';
import { CameraEventSchema, CameraStatusSchema } from './cameras';
import { defineEvent } from './define';

/** Every event the core pushes over /api/ws. */
export const events = {
  'session.ended': defineEvent({
    summary: 'The socket’s session was signed out or expired; the UI returns to the login page',
    payload: z.object({ reason: z.enum(['logout', 'expired', 'revoked']) }),
    permission: null,
  }),
  'camera.event': defineEvent({
    summary: 'A camera raised or cleared an event (motion, tamper, input); the alerts pipeline consumes it',
    payload: CameraEventSchema,
    permission: 'cameras.read',
  }),
  'camera.status': defineEvent({
    summary: 'A camera went online, offline, failed authentication or drifted in clock',
    payload: z.object({ cameraId: z.string(), status: CameraStatusSchema, detail: z.string().nullable() }),
    permission: 'cameras.read',
  }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<N extends EventName> = z.output<Events[N]['payload']>;

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}
