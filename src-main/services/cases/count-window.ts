import type BetterSqlite3 from 'better-sqlite3';

interface Found {
  /** The newest rowid of the mirror when the start was found. */
  top: number;
  since: string | undefined;
}

const found = new WeakMap<BetterSqlite3.Database, Map<number, Found>>();

/**
 * The received time of the oldest of the newest `window` cases, or undefined when the mirror holds no more cases
 * than that. Finding it steps through `window` index entries (milliseconds at 100,000), so it is kept until a tenth
 * of a window of cases has arrived: a window a little wider than asked only makes a count more thorough.
 */
export function countWindowStart(sqlite: BetterSqlite3.Database, window: number): string | undefined {
  const top = sqlite.prepare<[], number | null>('SELECT max(rowid) FROM case_mirror').pluck().get() ?? 0;
  let byWindow = found.get(sqlite);
  if (!byWindow) found.set(sqlite, (byWindow = new Map()));
  const known = byWindow.get(window);
  if (known && top >= known.top && (known.since === undefined ? top === known.top : top - known.top < window / 10)) {
    return known.since;
  }
  const [oldest, older] = sqlite
    .prepare<[number], string>('SELECT received_at FROM case_mirror ORDER BY received_at DESC LIMIT 2 OFFSET ?')
    .pluck()
    .all(window - 1);
  const since = older === undefined ? undefined : oldest;
  byWindow.set(window, { top, since });
  return since;
}
