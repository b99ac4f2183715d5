/** Digital zoom of a tile: scale ≥ 1 about the tile's top-left, then shifted by (x, y) pixels. */
export interface ZoomState {
  scale: number;
  x: number;
  y: number;
}

export const NO_ZOOM: ZoomState = { scale: 1, x: 0, y: 0 };
export const MAX_ZOOM = 8;

/** Keeps the picture covering the tile: no empty band at any edge. */
function clamp(state: ZoomState, width: number, height: number): ZoomState {
  const scale = Math.min(MAX_ZOOM, Math.max(1, state.scale));
  if (scale === 1) return NO_ZOOM;
  const x = Math.min(0, Math.max(width - width * scale, state.x));
  const y = Math.min(0, Math.max(height - height * scale, state.y));
  return { scale, x, y };
}

/** Zooms by `factor` keeping the point under (px, py) — the cursor — where it is. */
export function zoomAt(
  state: ZoomState,
  factor: number,
  px: number,
  py: number,
  width: number,
  height: number,
): ZoomState {
  const scale = Math.min(MAX_ZOOM, Math.max(1, state.scale * factor));
  const ratio = scale / state.scale;
  return clamp({ scale, x: px - (px - state.x) * ratio, y: py - (py - state.y) * ratio }, width, height);
}

export function panBy(state: ZoomState, dx: number, dy: number, width: number, height: number): ZoomState {
  return clamp({ ...state, x: state.x + dx, y: state.y + dy }, width, height);
}

export function zoomTransform(state: ZoomState): string {
  return state.scale === 1 ? 'none' : `translate(${state.x}px, ${state.y}px) scale(${state.scale})`;
}
