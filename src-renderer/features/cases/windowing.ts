/** Rows drawn beyond the visible ones, so fast scrolling does not flash blank rows. */
const OVERSCAN = 6;

export interface WindowRange {
  start: number;
  end: number;
}

/** Which rows of a fixed-height list to render for the scroll position: [start, end). */
export function visibleRange(scrollTop: number, viewport: number, rowHeight: number, count: number): WindowRange {
  if (count === 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const shown = Math.ceil(Math.max(0, viewport) / rowHeight) + 1;
  const start = Math.max(0, Math.min(count - 1, first) - OVERSCAN);
  const end = Math.min(count, first + shown + OVERSCAN);
  return { start, end };
}
