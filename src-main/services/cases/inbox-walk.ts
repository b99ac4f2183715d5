import type BetterSqlite3 from 'better-sqlite3';
import type { Where } from './inbox-where';

/** Where a case stands in the inbox's order (received_at, then id, both descending). */
export interface InboxKey {
  rowid: number;
  at: string;
  id: string;
}

/** Hits looked up in the mirror by the first query; later ones look up as many as the pass rate so far asks. */
const FIRST_BATCH = 64;
const MAX_BATCH = 4096;

/** Inbox order: newest received first, then the greater id (SQLite's BINARY order, as ORDER BY id uses). */
export function inboxOrder(a: InboxKey, b: InboxKey): number {
  if (a.at !== b.at) return a.at > b.at ? -1 : 1;
  return a.id === b.id ? 0 : a.id > b.id ? -1 : 1;
}

/**
 * The first `want` of the mirror's cases that pass `where` and hold every search word, in inbox order, or all of
 * them (`complete`) when there are fewer. The trigram index yields its hits newest rowid first, cheaply and a batch
 * at a time (sorting 100,000 hits, a rowid range or a test of the index case by case each cost hundreds of
 * milliseconds); they are looked up and filtered until `want` pass. Rowids follow the order cases reached this
 * workstation, which is not quite received order: the cases received later than the last one kept but mirrored
 * earlier than the hits read ("stragglers") are found through the received-order indexes and tested on their text.
 * `where` and `ranged` are the same filters, written for a lookup by rowid and for a walk in received order through
 * the filters' own indexes. When the first hits show the filters to be rarer among them than the words are among
 * the newest cases, walking the filters' cases and testing their text reads fewer rows than looking up the hits
 * (only when `walkFilters`: an index of the filters' own tests them without reading the rows).
 */
export function newestSearched(
  sqlite: BetterSqlite3.Database,
  where: Where,
  ranged: Where,
  match: string,
  words: readonly string[],
  want: number,
  walkFilters: boolean,
): { keys: InboxKey[]; complete: boolean } {
  const hits = sqlite
    .prepare<
      [string],
      number
    >('SELECT rowid FROM case_mirror_search WHERE case_mirror_search MATCH ? ORDER BY rowid DESC')
    .pluck();
  const lookup = sqlite.prepare<unknown[], InboxKey>(
    `SELECT m.rowid AS rowid, m.received_at AS at, m.id AS id FROM case_mirror m
     WHERE m.rowid IN (SELECT value FROM json_each(?)) AND ${where.sql}`,
  );
  const keys: InboxKey[] = [];
  let batch: number[] = [];
  let size = Math.min(MAX_BATCH, Math.max(FIRST_BATCH, want));
  let looked = 0;
  let lowest = Infinity;
  let complete = true;
  for (const rowid of hits.iterate(match)) {
    batch.push(rowid);
    lowest = rowid;
    if (batch.length === size) {
      // Each lookup reads a case's row: an unfiltered search needs about `want` of them, a filtered one more.
      keys.push(...lookup.all(JSON.stringify(batch), ...where.params));
      looked += batch.length;
      batch = [];
      if (keys.length >= want) {
        complete = false;
        break;
      }
      const rate = Math.max(keys.length, 1) / looked;
      if (walkFilters && rate < densityOf(sqlite, looked, lowest)) return filteredFirst(sqlite, ranged, words, want);
      // As many as the pass rate so far asks for, at most doubling what was looked up (the newest hits may all
      // fail a filter that older ones pass, as "overdue" does).
      const asked = Math.ceil(((want - keys.length) / rate) * 1.25);
      size = Math.min(MAX_BATCH, looked, Math.max(FIRST_BATCH, asked));
    }
  }
  if (batch.length > 0) keys.push(...lookup.all(JSON.stringify(batch), ...where.params));
  keys.sort(inboxOrder);
  if (complete || keys.length < want) return { keys, complete: true };
  const last = keys[want - 1]!;
  const stragglers = sqlite
    .prepare<unknown[], InboxKey>(
      `SELECT m.rowid AS rowid, m.received_at AS at, m.id AS id FROM case_mirror m
       WHERE (m.received_at, m.id) > (?, ?) AND +m.rowid < ? AND ${ranged.sql}
         ${words.map(() => 'AND instr(m.search_text, ?) > 0').join(' ')}`,
    )
    .all(last.at, last.id, lowest, ...ranged.params, ...words);
  return { keys: [...keys, ...stragglers].sort(inboxOrder).slice(0, want), complete: false };
}

/** The share of the newest cases that hold the words: `hits` of them from rowid `lowest` to the newest. */
function densityOf(sqlite: BetterSqlite3.Database, hits: number, lowest: number): number {
  const top = sqlite.prepare<[], number | null>('SELECT max(rowid) FROM case_mirror').pluck().get() ?? lowest;
  return hits / (top - lowest + 1);
}

/** The first `want` cases that pass `ranged` and hold every word, walked in inbox order through the filters' indexes. */
function filteredFirst(
  sqlite: BetterSqlite3.Database,
  ranged: Where,
  words: readonly string[],
  want: number,
): { keys: InboxKey[]; complete: boolean } {
  const keys = sqlite
    .prepare<unknown[], InboxKey>(
      `SELECT m.rowid AS rowid, m.received_at AS at, m.id AS id FROM case_mirror m
       WHERE ${ranged.sql} ${words.map(() => 'AND instr(m.search_text, ?) > 0').join(' ')}
       ORDER BY m.received_at DESC, m.id DESC LIMIT ?`,
    )
    .all(...ranged.params, ...words, want);
  return { keys, complete: keys.length < want };
}
