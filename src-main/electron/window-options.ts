import type { BrowserWindowConstructorOptions } from 'electron';
import { secureWebPreferences } from './web-preferences';
import type { WallWindowPlacement } from './wall-placement';

export interface WindowOptionsInput {
  readonly preload: string;
  readonly devTools: boolean;
}

const BACKGROUND = '#0b0f14';

export function controlWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    title: 'IOC Wall',
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    backgroundColor: BACKGROUND,
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(input),
  };
}

/**
 * A wall window starts at its display's bounds but not yet fullscreen: on Linux a window created fullscreen
 * can land on the primary screen. The adapter moves it, then goes fullscreen (or kiosk) once it is shown.
 */
export function wallWindowOptions(
  input: WindowOptionsInput,
  placement: WallWindowPlacement,
): BrowserWindowConstructorOptions {
  return {
    title: `IOC Wall — ${placement.displayId}`,
    x: placement.bounds.x,
    y: placement.bounds.y,
    width: placement.bounds.width,
    height: placement.bounds.height,
    show: false,
    frame: false,
    fullscreenable: true,
    backgroundColor: '#000000',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(input),
  };
}
