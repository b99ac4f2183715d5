import type { EventName, EventPayload } from '../../../src-shared/contract';

/** Who made a change, for updated_by and the audit log. */
export interface Actor {
  userId: string;
}

export interface LayoutsAuditEntry {
  userId: string | null;
  action: string;
  subject: string;
  detail?: Record<string, unknown>;
}

export type WallEvent = Extract<EventName, 'wall.changed' | 'layout.changed'>;
export type WallPublish = <E extends WallEvent>(event: E, payload: EventPayload<E>) => void;
