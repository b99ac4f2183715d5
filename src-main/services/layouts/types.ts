import type { EventName, EventPayload } from '../../../src-shared/contract';

/** Who made a change, for updated_by and the audit log; the username names them to the central server. */
export interface Actor {
  userId: string;
  username?: string | undefined;
}

export interface WallItemRef {
  kind: 'layout' | 'tour';
  id: string;
}

/** A layout command queued but not yet mirrored back (the sync engine's outbox entry, structurally). */
export interface WallCommandEntry {
  name: string;
  args: unknown;
  actorUsername: string;
  createdAt: string;
}

/**
 * What the layouts service needs of the sync engine (structurally the SyncService): with it, layouts and tours
 * become the central server's, shared by every workstation (see README.md, "Sync").
 */
export interface WallSyncLink {
  enqueue(command: {
    name: 'layout.save' | 'layout.remove' | 'tour.save' | 'tour.remove';
    args: unknown;
    caseId: null;
    actor: { userId: string; username: string };
  }): { seq: number };
  useWallView(refresh: (items: readonly WallItemRef[] | 'all') => void): void;
  unsettledWall(item: WallItemRef): WallCommandEntry[];
  unsettledWallItems(): WallItemRef[];
  /** Every item this workstation ever queued a command about (answered or not). */
  everQueuedWall(): WallItemRef[];
}

export interface LayoutsAuditEntry {
  userId: string | null;
  action: string;
  subject: string;
  detail?: Record<string, unknown>;
}

export type WallEvent = Extract<EventName, 'wall.changed' | 'layout.changed'>;
export type WallPublish = <E extends WallEvent>(event: E, payload: EventPayload<E>) => void;
