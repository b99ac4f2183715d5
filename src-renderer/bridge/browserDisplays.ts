import type { Display } from '../../src-shared/contract';

/** The parts of the Window Management API we use; TypeScript's DOM library does not declare it yet. */
interface ScreenDetailed {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  readonly devicePixelRatio: number;
  readonly isPrimary: boolean;
  readonly label: string;
}
interface ScreenDetails {
  readonly screens: readonly ScreenDetailed[];
}
type GetScreenDetails = () => Promise<ScreenDetails>;

/** A pending permission prompt must not hold the wall page hostage: fall back after this long. */
const DETAILS_TIMEOUT_MS = 3_000;

function getScreenDetailsFn(): GetScreenDetails | null {
  const candidate: unknown = Reflect.get(window, 'getScreenDetails');
  return typeof candidate === 'function' ? () => Reflect.apply(candidate, window, []) as Promise<ScreenDetails> : null;
}

async function permissionState(): Promise<PermissionState | 'unsupported'> {
  try {
    // 'window-management' is not in TypeScript's PermissionName union yet.
    const status = await navigator.permissions.query({ name: 'window-management' as PermissionName });
    return status.state;
  } catch {
    return 'unsupported';
  }
}

function fromWindowScreen(): Display[] {
  const s = window.screen;
  const x = Reflect.get(s, 'availLeft');
  const y = Reflect.get(s, 'availTop');
  return [
    {
      id: 'screen-0',
      label: '',
      primary: true,
      bounds: { x: typeof x === 'number' ? x : 0, y: typeof y === 'number' ? y : 0, width: s.width, height: s.height },
      scaleFactor: window.devicePixelRatio,
    },
  ];
}

function fromDetails(details: ScreenDetails): Display[] {
  // Ids follow the left-to-right, top-to-bottom order, which is how operators name the wall's screens.
  const sorted = [...details.screens].sort((a, b) => a.left - b.left || a.top - b.top);
  return sorted.map((s, i) => ({
    id: `screen-${i}`,
    label: s.label,
    primary: s.isPrimary,
    bounds: { x: s.left, y: s.top, width: s.width, height: s.height },
    scaleFactor: s.devicePixelRatio,
  }));
}

function timeout(ms: number): Promise<null> {
  return new Promise((resolve) => setTimeout(() => resolve(null), ms));
}

/** Every display the browser lets us see: all screens when Window Management is permitted, else one. */
export async function browserDisplays(): Promise<Display[]> {
  const getDetails = getScreenDetailsFn();
  if (!getDetails) return fromWindowScreen();
  const state = await permissionState();
  if (state === 'denied' || state === 'unsupported') return fromWindowScreen();
  try {
    const details = await Promise.race([getDetails(), timeout(DETAILS_TIMEOUT_MS)]);
    return details && details.screens.length > 0 ? fromDetails(details) : fromWindowScreen();
  } catch {
    return fromWindowScreen();
  }
}
