import type { Permission } from '../../src-shared/contract';
import type { IconName } from '../ui';

export const PAGE_NAMES = ['wall', 'map', 'cases', 'cameras', 'review', 'dashboard', 'settings', 'systems'] as const;
export type PageName = (typeof PAGE_NAMES)[number];

export interface PageDef {
  name: PageName;
  icon: IconName;
  /** Permission the page needs; the rail still lists it so the user learns it exists and why it is locked. */
  permission: Permission | null;
  /** KeyboardEvent.code used with Alt; physical keys, so layouts and Mac's Option key do not matter. */
  shortcut: string;
}

const PAGE_PERMISSION: Record<PageName, Permission | null> = {
  wall: 'wall.view',
  map: null,
  cases: 'cases.read',
  cameras: 'cameras.read',
  review: 'footage.review',
  dashboard: null,
  settings: null,
  systems: 'system.read',
};

export const PAGES: readonly PageDef[] = PAGE_NAMES.map((name, index) => ({
  name,
  icon: name,
  permission: PAGE_PERMISSION[name],
  shortcut: `Digit${index + 1}`,
}));

export type Route = { kind: 'page'; page: PageName } | { kind: 'wall-window'; displayId: string };

export const DEFAULT_PAGE: PageName = 'wall';

function isPageName(value: string): value is PageName {
  return PAGE_NAMES.some((name) => name === value);
}

/**
 * `#/wall`, `#/settings`… and `#/wall/<displayId>` for a chrome-less wall window; anything else is null. A page
 * may carry a `?query` its page reads itself (e.g. the Map page's focus, features/map/mapFocus.ts).
 */
export function parseHash(hash: string): Route | null {
  const query = hash.indexOf('?');
  const path = query < 0 ? hash : hash.slice(0, query);
  const parts = path.replace(/^#\/?/, '').split('/').filter(Boolean);
  const [first, second] = parts;
  if (first === undefined) return null;
  if (first === 'wall' && second !== undefined && parts.length === 2) {
    try {
      return { kind: 'wall-window', displayId: decodeURIComponent(second) };
    } catch {
      return null;
    }
  }
  return parts.length === 1 && isPageName(first) ? { kind: 'page', page: first } : null;
}

export function pageHash(page: PageName): string {
  return `#/${page}`;
}

export function shortcutLabel(def: PageDef): string {
  return `Alt+${def.shortcut.replace('Digit', '')}`;
}
