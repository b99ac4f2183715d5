import { BrowserWindow, type WebContents } from 'electron';
import type { Display, OpenWallWindowResult } from '../../src-shared/contract/shell';
import { controlWindowUrl, wallWindowUrl } from './app-origin';
import { createCrashLoopBreaker, shouldReloadAfterRenderCrash } from './crash-loop';
import type { Log } from './log';
import {
  orphanedWallDisplayIds,
  returnedDisplayIds,
  sameBounds,
  planWallWindow,
  type WallWindowPlacement,
  type WallWindowRequest,
} from './wall-placement';
import { controlWindowOptions, wallWindowOptions, type WindowOptionsInput } from './window-options';

export interface WindowManager {
  /** Creates the control window if needed, then brings it to the front. */
  showControlWindow(): void;
  openWallWindow(displays: readonly Display[], request: WallWindowRequest): OpenWallWindowResult;
  /** Follows display changes: closes walls whose display is gone, re-fits the others. */
  syncWallWindows(displays: readonly Display[]): void;
  isOwnWebContents(contents: WebContents): boolean;
  reloadAll(): void;
}

export interface WindowManagerOptions extends WindowOptionsInput {
  readonly log: Log;
}

interface WallWindow {
  readonly window: BrowserWindow;
  placement: WallWindowPlacement;
}

function applyPlacement(window: BrowserWindow, placement: WallWindowPlacement): void {
  // Leave fullscreen first: a fullscreen window ignores setBounds on some window managers.
  if (window.isKiosk()) window.setKiosk(false);
  if (window.isFullScreen()) window.setFullScreen(false);
  window.setBounds(placement.bounds);
  if (placement.kiosk) window.setKiosk(true);
  else window.setFullScreen(true);
}

/** Owns every BrowserWindow of the app: one control window, at most one wall window per display. */
export function createWindowManager(options: WindowManagerOptions): WindowManager {
  const { log } = options;
  let control: BrowserWindow | null = null;
  const walls = new Map<string, WallWindow>();
  // Walls closed because their display vanished (a monitor power-cycled, a cable pulled), by display id,
  // with their kiosk flag: reopened when that display comes back.
  const awaitedWalls = new Map<string, boolean>();
  const ownContents = new Set<number>();

  const track = (window: BrowserWindow, name: string): void => {
    const contents = window.webContents;
    const id = contents.id;
    ownContents.add(id);
    const breaker = createCrashLoopBreaker({ maxRecoveries: 3, windowMs: 5 * 60_000 });
    contents.on('render-process-gone', (_event, details) => {
      const fields = { window: name, reason: details.reason, exitCode: details.exitCode };
      if (!shouldReloadAfterRenderCrash(details.reason)) {
        log('warn', 'renderer gone', fields);
      } else if (breaker.recordCrash()) {
        log('error', 'renderer crashed; reloading', fields);
        contents.reload();
      } else {
        log('error', 'renderer keeps crashing; not reloading again', fields);
      }
    });
    contents.on('unresponsive', () => log('warn', 'window unresponsive', { window: name }));
    contents.on('responsive', () => log('info', 'window responsive again', { window: name }));
    window.on('closed', () => ownContents.delete(id));
  };

  const load = (window: BrowserWindow, url: string, name: string): void => {
    window.loadURL(url).catch((error: unknown) => {
      log('error', 'page failed to load', {
        window: name,
        error: error instanceof Error ? error.message : String(error),
      });
    });
  };

  const manager: WindowManager = {
    showControlWindow() {
      if (control !== null && !control.isDestroyed()) {
        if (control.isMinimized()) control.restore();
        control.show();
        control.focus();
        return;
      }
      const window = new BrowserWindow(controlWindowOptions(options));
      control = window;
      track(window, 'control');
      window.once('ready-to-show', () => window.show());
      // Walls without their control window cannot be driven: closing it ends the session.
      window.on('closed', () => {
        control = null;
        awaitedWalls.clear();
        for (const wall of walls.values()) if (!wall.window.isDestroyed()) wall.window.close();
      });
      load(window, controlWindowUrl(), 'control');
    },

    openWallWindow(displays, request) {
      const plan = planWallWindow(displays, request);
      if (!plan.ok) return { ok: false, reason: plan.reason };
      const { placement } = plan;
      const existing = walls.get(placement.displayId);
      if (existing !== undefined && !existing.window.isDestroyed()) {
        existing.placement = placement;
        applyPlacement(existing.window, placement);
        existing.window.show();
        return { ok: true };
      }
      const name = `wall:${placement.displayId}`;
      const window = new BrowserWindow(wallWindowOptions(options, placement));
      const wall: WallWindow = { window, placement };
      walls.set(placement.displayId, wall);
      track(window, name);
      window.once('ready-to-show', () => {
        applyPlacement(window, wall.placement);
        window.show();
      });
      window.on('closed', () => {
        if (walls.get(placement.displayId) === wall) walls.delete(placement.displayId);
      });
      load(window, wallWindowUrl(placement.displayId), name);
      log('info', 'wall window opened', { display: placement.displayId, kiosk: placement.kiosk });
      return { ok: true };
    },

    syncWallWindows(displays) {
      for (const id of orphanedWallDisplayIds(walls.keys(), displays)) {
        const wall = walls.get(id);
        walls.delete(id);
        if (wall !== undefined && !wall.window.isDestroyed()) {
          awaitedWalls.set(id, wall.placement.kiosk);
          wall.window.close();
        }
        log('warn', 'display removed; wall window closed', { display: id });
      }
      for (const id of returnedDisplayIds(awaitedWalls.keys(), displays)) {
        const kiosk = awaitedWalls.get(id) ?? false;
        awaitedWalls.delete(id);
        log('info', 'display back; reopening its wall window', { display: id });
        manager.openWallWindow(displays, { displayId: id, kiosk });
      }
      for (const wall of walls.values()) {
        const plan = planWallWindow(displays, { displayId: wall.placement.displayId, kiosk: wall.placement.kiosk });
        if (!plan.ok || wall.window.isDestroyed()) continue;
        if (sameBounds(wall.placement.bounds, plan.placement.bounds)) continue;
        wall.placement = plan.placement;
        applyPlacement(wall.window, plan.placement);
      }
    },

    isOwnWebContents(contents) {
      return ownContents.has(contents.id);
    },

    reloadAll() {
      for (const window of BrowserWindow.getAllWindows()) {
        if (!window.isDestroyed() && ownContents.has(window.webContents.id)) window.webContents.reload();
      }
    },
  };
  return manager;
}
