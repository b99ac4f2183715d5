import { z } from 'zod';
import { AlertEventKindSchema, AlertSchema } from './alerts';
import { CameraCertificateSchema, CameraEventSchema, CameraStatusSchema } from './cameras';
import { SyncStatusSchema } from './cases';
import { defineEvent } from './define';
import { WallDisplaySchema } from './layouts';

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
  'camera.certificate': defineEvent({
    summary:
      'An rtsps:// camera presented a certificate that was refused (waiting for a technician, or changed), or one was trusted',
    payload: CameraCertificateSchema,
    permission: 'cameras.read',
  }),
  'case.changed': defineEvent({
    summary: 'Cases changed in the local mirror or by a local action; empty caseIds with all=true after a re-sync',
    payload: z.object({
      caseIds: z.array(z.string()).max(500),
      all: z.boolean(),
      source: z.enum(['sync', 'local', 'resync']),
    }),
    permission: 'cases.read',
  }),
  'sync.status': defineEvent({
    summary: 'The sync engine’s status changed (connected, unsent commands, conflicts, last sync)',
    payload: SyncStatusSchema,
    permission: null,
  }),
  'wall.changed': defineEvent({
    summary:
      'What a display shows changed: its layout or tour, the tour started or stopped, an alarm popped up or ended',
    payload: WallDisplaySchema,
    permission: 'wall.view',
  }),
  'layout.changed': defineEvent({
    summary: 'A layout or tour was saved, renamed or removed; windows showing it fetch it again',
    payload: z.object({
      kind: z.enum(['layout', 'tour']),
      id: z.string(),
      version: z.number().int(),
      removed: z.boolean(),
    }),
    permission: 'wall.view',
  }),
  'alert.changed': defineEvent({
    summary: 'An alert was raised, changed, cleared, acknowledged or escalated to a case on the central server',
    payload: z.object({ kind: AlertEventKindSchema, alert: AlertSchema }),
    permission: 'alerts.read',
  }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<N extends EventName> = z.output<Events[N]['payload']>;

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}
