import { randomUUID } from 'node:crypto';
import { CommandError, type InUseBy } from '../../../src-shared/contract';
import type { CameraFacts } from '../../../src-shared/contract/camera-reports';
import type { CameraCandidate } from '../../../src-shared/domain/alerts/select-cameras';
import type {
  AlarmPolicy,
  Layout,
  Tour,
  WallDisplay,
  WallLive,
  WallSource,
} from '../../../src-shared/contract/layouts';
import { MIN_DWELL_SEC, tourPosition } from '../../../src-shared/domain/layout/tour';
import type { Store } from '../store';
import { createAlarmBoard, type AlarmRaise } from './alarm-board';
import { createAlarmRouting, type AlarmRouting } from './alarm-routing';
import { createDisplaysRepo, type DisplaySetting } from './displays-repo';
import { createLayoutsRepo, type LayoutInput } from './layouts-repo';
import { createSyncedWrites, type SyncedWrites } from './synced-writes';
import { createToursRepo, type TourInput } from './tours-repo';
import type { Actor, LayoutsAuditEntry, WallPublish, WallSyncLink } from './types';

export type { AlertChange } from './alarm-routing';

export interface LayoutsServiceOptions {
  store: Store;
  publish: WallPublish;
  audit?: (entry: LayoutsAuditEntry) => void;
  now?: () => Date;
  newId?: () => string;
  /** A wall window that has not reported for this long no longer counts as showing anything. */
  liveTtlMs?: number;
  /**
   * Every camera with its place and view, for choosing the cameras that see an alert; with what it says about itself
   * (the contract's Camera), a camera alert finds its camera here.
   */
  listCameras?: () => Promise<(CameraCandidate & Partial<CameraFacts>)[]>;
}

export interface PopupRequest {
  displayId?: string | undefined;
  cameraIds: readonly string[];
  revertSec?: number | undefined;
  title?: string | undefined;
}

/** With the alarm pop-up routing of camera events and alerts (alarm-routing.ts). */
export interface LayoutsService extends AlarmRouting {
  layouts: {
    list(): Layout[];
    get(id: string): Layout;
    save(input: LayoutInput, actor: Actor): Layout;
    rename(id: string, name: string, expectedVersion: number | undefined, actor: Actor): Layout;
    duplicate(id: string, name: string | undefined, actor: Actor): Layout;
    remove(id: string, actor: Actor): void;
  };
  tours: {
    list(): Tour[];
    save(input: TourInput, actor: Actor): Tour;
    remove(id: string, actor: Actor): void;
  };
  walls: {
    list(): WallDisplay[];
    get(displayId: string): WallDisplay;
    assign(displayId: string, source: WallSource | null, actor: Actor): WallDisplay;
    setTourRunning(displayId: string, running: boolean, actor: Actor): WallDisplay;
    setAlarmPolicy(displayId: string, policy: AlarmPolicy, actor: Actor): WallDisplay;
    popup(request: PopupRequest, actor: Actor | null): WallDisplay[];
    acknowledge(displayId: string, alarmId: string, actor: Actor): WallDisplay;
    report(displayId: string, live: Omit<WallLive, 'reportedAt'>): void;
    links(cameraId: string): string[];
    setLinks(cameraId: string, linked: readonly string[], actor: Actor): string[];
  };
  /**
   * From now on layouts and tours are the central server's: saves and deletes become sync commands (applied here
   * at once, on the server exactly once), and other workstations' changes arrive through the mirror.
   */
  attachSync(link: WallSyncLink): void;
  dispose(): void;
}

function dwellsBefore(dwells: readonly number[], step: number | null): number {
  const upTo = Math.min(step ?? 0, dwells.length);
  return dwells.slice(0, upTo).reduce((ms, d) => ms + Math.max(MIN_DWELL_SEC, d) * 1000, 0);
}

function heldStepOf(dwells: readonly number[], tour: DisplaySetting['tour'], nowMs: number): number {
  if (!tour.running || tour.startedAt === null) return tour.heldStep ?? 0;
  return tourPosition(dwells, Date.parse(tour.startedAt), nowMs).index;
}

/** Layouts, tours and walls (issue 4): stored in SQLite, alarm pop-ups and live reports in memory. */
export function createLayoutsService(options: LayoutsServiceOptions): LayoutsService {
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? (() => randomUUID());
  const liveTtlMs = options.liveTtlMs ?? 30_000;
  const layoutsRepo = createLayoutsRepo(options.store, newId);
  const toursRepo = createToursRepo(options.store, newId);
  const displays = createDisplaysRepo(options.store);
  const live = new Map<string, WallLive>();
  const stamp = () => now().toISOString();
  const audit = (actor: Actor | null, action: string, subject: string, detail?: Record<string, unknown>) =>
    options.audit?.({ userId: actor?.userId ?? null, action, subject, ...(detail ? { detail } : {}) });

  const board = createAlarmBoard({ now, newId, onChange: (displayId) => publishDisplay(displayId) });
  const routing = createAlarmRouting({ displays, board, now, listCameras: options.listCameras });

  function currentLive(displayId: string): WallLive | null {
    const report = live.get(displayId);
    if (!report) return null;
    if (now().getTime() - Date.parse(report.reportedAt) > liveTtlMs) {
      live.delete(displayId);
      return null;
    }
    return report;
  }

  function view(setting: DisplaySetting): WallDisplay {
    return { ...setting, alarm: board.current(setting.displayId), live: currentLive(setting.displayId) };
  }

  function publishDisplay(displayId: string): WallDisplay {
    const display = view(displays.get(displayId));
    options.publish('wall.changed', display);
    return display;
  }

  /** The displays showing a layout and the tours stepping through it (a delete is refused while any do). */
  function layoutUsers(layoutId: string): InUseBy[] {
    return [
      ...displays
        .list()
        .filter((d) => d.source?.kind === 'layout' && d.source.layoutId === layoutId)
        .map((d): InUseBy => ({ kind: 'display', id: d.displayId })),
      ...toursRepo.usingLayout(layoutId).map((name): InUseBy => ({ kind: 'tour', name })),
    ];
  }

  function tourUsers(tourId: string): InUseBy[] {
    return displays
      .list()
      .filter((d) => d.source?.kind === 'tour' && d.source.tourId === tourId)
      .map((d): InUseBy => ({ kind: 'display', id: d.displayId }));
  }

  function checkSource(source: WallSource | null): void {
    if (source?.kind === 'layout') layoutsRepo.get(source.layoutId);
    if (source?.kind === 'tour') toursRepo.get(source.tourId);
  }

  function checkTourRefs(input: TourInput): void {
    if (input.layoutId !== null) layoutsRepo.get(input.layoutId);
    for (const step of input.steps) if (step.kind === 'layout') layoutsRepo.get(step.layoutId);
  }

  function raiseOn(displayId: string, raise: AlarmRaise): WallDisplay {
    board.raise(displayId, raise);
    return view(displays.get(displayId));
  }

  let synced: SyncedWrites | null = null;

  function saveLayout(input: LayoutInput, actor: Actor): Layout {
    if (synced) {
      const layout = synced.saveLayout(input, actor);
      audit(actor, input.id ? 'layout.update' : 'layout.create', layout.id, {
        name: layout.name,
        version: layout.version,
      });
      return layout;
    }
    const layout = layoutsRepo.save(input, stamp(), actor.userId);
    audit(actor, input.id ? 'layout.update' : 'layout.create', layout.id, {
      name: layout.name,
      version: layout.version,
    });
    options.publish('layout.changed', { kind: 'layout', id: layout.id, version: layout.version, removed: false });
    return layout;
  }

  return {
    layouts: {
      list: () => layoutsRepo.list(),
      get: (id) => layoutsRepo.get(id),
      save: saveLayout,
      rename(id, name, expectedVersion, actor) {
        const current = layoutsRepo.get(id);
        return saveLayout({ ...current, id, name, expectedVersion }, actor);
      },
      duplicate(id, name, actor) {
        const source = layoutsRepo.get(id);
        const input = { name: name ?? `${source.name} (2)`, cols: source.cols, rows: source.rows, tiles: source.tiles };
        const copy = synced ? synced.saveLayout(input, actor) : layoutsRepo.save(input, stamp(), actor.userId);
        audit(actor, 'layout.duplicate', copy.id, { from: id, name: copy.name });
        if (!synced) {
          options.publish('layout.changed', { kind: 'layout', id: copy.id, version: copy.version, removed: false });
        }
        return copy;
      },
      remove(id, actor) {
        if (synced) {
          const removed = synced.remove('layout', id, actor, layoutUsers);
          audit(actor, 'layout.remove', id, { name: removed.name });
          return;
        }
        const removed = layoutsRepo.remove(id, stamp(), actor.userId, layoutUsers);
        audit(actor, 'layout.remove', id, { name: removed.name });
        options.publish('layout.changed', { kind: 'layout', id, version: removed.version, removed: true });
      },
    },

    tours: {
      list: () => toursRepo.list(),
      save(input, actor) {
        checkTourRefs(input);
        const tour = synced ? synced.saveTour(input, actor) : toursRepo.save(input, stamp(), actor.userId);
        audit(actor, input.id ? 'tour.update' : 'tour.create', tour.id, { name: tour.name, version: tour.version });
        if (!synced) {
          options.publish('layout.changed', { kind: 'tour', id: tour.id, version: tour.version, removed: false });
        }
        return tour;
      },
      remove(id, actor) {
        if (synced) {
          const removed = synced.remove('tour', id, actor, tourUsers);
          audit(actor, 'tour.remove', id, { name: removed.name });
          return;
        }
        const removed = toursRepo.remove(id, stamp(), actor.userId, tourUsers);
        audit(actor, 'tour.remove', id, { name: removed.name });
        options.publish('layout.changed', { kind: 'tour', id, version: removed.version, removed: true });
      },
    },

    walls: {
      list() {
        const stored = displays.list();
        const known = new Set(stored.map((d) => d.displayId));
        const reporting = [...live.keys()].filter((id) => !known.has(id) && currentLive(id));
        return [...stored, ...reporting.map((id) => displays.get(id))].map(view);
      },
      get: (displayId) => view(displays.get(displayId)),
      assign(displayId, source, actor) {
        checkSource(source);
        const at = stamp();
        displays.update(
          displayId,
          (current) => ({
            ...current,
            source,
            // A tour starts when assigned; a layout has nothing to run.
            tour:
              source?.kind === 'tour'
                ? { running: true, startedAt: at, heldStep: null }
                : { running: false, startedAt: null, heldStep: null },
          }),
          at,
          actor.userId,
        );
        audit(actor, 'wall.assign', displayId, { source });
        return publishDisplay(displayId);
      },
      setTourRunning(displayId, running, actor) {
        const current = displays.get(displayId);
        if (current.source?.kind !== 'tour') {
          throw new CommandError('conflict', `Display ${displayId} shows no tour; assign one first.`);
        }
        const dwells = toursRepo.get(current.source.tourId).steps.map((s) => s.dwellSec);
        const nowMs = now().getTime();
        const tour = running
          ? // Resumes at the held step: the start time is set back by the dwells before it.
            {
              running: true,
              startedAt: new Date(nowMs - dwellsBefore(dwells, current.tour.heldStep)).toISOString(),
              heldStep: null,
            }
          : { running: false, startedAt: null, heldStep: heldStepOf(dwells, current.tour, nowMs) };
        if (running && current.tour.running) return view(current);
        displays.update(displayId, (d) => ({ ...d, tour }), stamp(), actor.userId);
        audit(actor, running ? 'wall.tour_start' : 'wall.tour_stop', displayId, { tourId: current.source.tourId });
        return publishDisplay(displayId);
      },
      setAlarmPolicy(displayId, policy, actor) {
        displays.update(displayId, (d) => ({ ...d, alarmPolicy: policy }), stamp(), actor.userId);
        audit(actor, 'wall.alarm_policy', displayId, { policy });
        return publishDisplay(displayId);
      },
      popup(request, actor) {
        const targets = request.displayId
          ? [displays.get(request.displayId)]
          : displays.list().filter((d) => d.alarmPolicy.enabled);
        const at = stamp();
        const shown = targets.map((d) =>
          raiseOn(d.displayId, {
            cameraIds: request.cameraIds,
            revertSec: request.revertSec ?? d.alarmPolicy.revertSec,
            source: {
              cameraId: request.cameraIds[0] ?? null,
              kind: 'manual',
              reason: 'manual',
              title: request.title ?? null,
              at,
            },
          }),
        );
        audit(actor, 'wall.popup', request.displayId ?? '*', { cameraIds: request.cameraIds });
        return shown;
      },
      acknowledge(displayId, alarmId, actor) {
        if (!board.acknowledge(displayId, alarmId)) {
          throw new CommandError('not_found', `Display ${displayId} has no open pop-up "${alarmId.slice(0, 64)}".`);
        }
        audit(actor, 'wall.acknowledge', displayId, { alarmId });
        return view(displays.get(displayId));
      },
      report(displayId, report) {
        live.set(displayId, { ...report, reportedAt: stamp() });
      },
      links: (cameraId) => displays.links(cameraId),
      setLinks(cameraId, linked, actor) {
        const saved = displays.setLinks(cameraId, linked);
        audit(actor, 'wall.links', cameraId, { linked: saved });
        return saved;
      },
    },

    onCameraEvent: routing.onCameraEvent,
    onAlertChanged: routing.onAlertChanged,

    attachSync(link) {
      synced ??= createSyncedWrites({
        store: options.store,
        link,
        layoutsRepo,
        toursRepo,
        newId,
        publish: options.publish,
      });
    },

    dispose: () => board.dispose(),
  };
}
