import type BetterSqlite3 from 'better-sqlite3';
import type { Where } from './inbox-where';

/** Where a case stands in the inbox's order (received_at, then id, both descending). */
export interface InboxKey {
  rowid: number;
  at: string;
  id: string;
}

/** Hits looked up in the mirror per query. */
const BATCH = 512;

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
 */
export function newestSearched(
  sqlite: BetterSqlite3.Database,
  where: Where,
  match: string,
  words: readonly string[],
  want: number,
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
  let lowest = Infinity;
  let complete = true;
  for (const rowid of hits.iterate(match)) {
    batch.push(rowid);
    lowest = rowid;
    if (batch.length === BATCH) {
      keys.push(...lookup.all(JSON.stringify(batch), ...where.params));
      batch = [];
      if (keys.length >= want) {
        complete = false;
        break;
      }
    }
  }
  if (batch.length > 0) keys.push(...lookup.all(JSON.stringify(batch), ...where.params));
  keys.sort(inboxOrder);
  if (complete || keys.length < want) return { keys, complete: true };
  const last = keys[want - 1]!;
  const stragglers = sqlite
    .prepare<unknown[], InboxKey>(
      `SELECT m.rowid AS rowid, m.received_at AS at, m.id AS id FROM case_mirror m
       WHERE ${where.sql} AND (m.received_at, m.id) > (?, ?) AND +m.rowid < ?
         ${words.map(() => 'AND instr(m.search_text, ?) > 0').join(' ')}`,
    )
    .all(...where.params, last.at, last.id, lowest, ...words);
  return { keys: [...keys, ...stragglers].sort(inboxOrder).slice(0, want), complete: false };
}
