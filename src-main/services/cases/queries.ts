import type BetterSqlite3 from 'better-sqlite3';
import type { CaseSummary } from '../../../src-shared/contract/cases';
import { countWindowStart } from './count-window';
import { type InboxKey, inboxOrder, newestSearched } from './inbox-walk';
import {
  indexedWords,
  type InboxFilter,
  narrowsByIndex,
  searchPlanOf,
  searchWords,
  type Where,
  whereOf,
} from './inbox-where';
import { type MirrorRow, stateOf } from './rows';

export interface ListFilter extends InboxFilter {
  limit: number;
  offset: number;
}

/**
 * The total is counted up to this (or the page's end); beyond it the inbox says "≥ 1,000": an exact count costs a
 * scan. A search with many hits is counted to the page's end only.
 */
export const COUNT_CAP = 1000;

/**
 * The count looks at the newest this many cases only. A sparse combination of filters (a state at one site in one
 * category) would otherwise read most of an index to find COUNT_CAP matches; past the window the total is a lower
 * bound ("≥ n", `totalCapped`), as it is past the cap.
 */
export const COUNT_WINDOW = 100_000;

interface ListRow extends MirrorRow {
  o_state: string | null;
  o_status: 'open' | 'closed' | null;
  o_assignee: string | null;
  o_agency_id: string | null;
  o_due_at: string | null;
  o_pending: number | null;
  has_overlay: number;
}

const NO_OVERLAY = `NULL AS o_state, NULL AS o_status, NULL AS o_assignee, NULL AS o_agency_id, NULL AS o_due_at,
  NULL AS o_pending, 0 AS has_overlay`;
const OVERLAY = `o.state AS o_state, o.status AS o_status, o.assignee AS o_assignee, o.agency_id AS o_agency_id,
  o.due_at AS o_due_at, o.pending AS o_pending, 1 AS has_overlay`;
/** CROSS JOIN keeps the (small) overlay as the outer table whatever indexes the filters could use. */
const OVERLAID = 'case_overlay o CROSS JOIN case_mirror m ON m.id = o.case_id';

/**
 * The inbox over the mirror with the optimistic overlay: filters see a case as this workstation's unanswered
 * commands make it (a case triaged offline leaves the "received" list at once). Two arms, merged in inbox order:
 * the cases without unanswered commands, filtered on the mirror's columns through indexes in received order
 * (migration 011), so a page costs about a page whatever the filters; and the few overlaid cases, filtered on the
 * overlay. Search is every folded word of the query in the folded code, category, address and description.
 */
export function listCases(
  sqlite: BetterSqlite3.Database,
  filter: ListFilter,
  now: Date,
  countWindow = COUNT_WINDOW,
): { items: CaseSummary[]; total: number; totalCapped: boolean } {
  const words = searchWords(filter.query);
  const search = searchPlanOf(sqlite, words);
  const mirror = whereOf(filter, words, search, 'mirror', now);
  const overlay = whereOf(filter, words, search, 'overlay', now);
  if (search.kind === 'manyHits') {
    const ranged = whereOf(filter, words, { kind: 'none' }, 'mirror', now);
    return searchedList(sqlite, filter, { mirror, ranged, overlay }, search.match, words, now);
  }
  // Only short words: LIKE tests each case's text, so counting past the page would read thousands of cases. Such a
  // search, like one with many hits, is counted to the page's end (one more row says whether there are more).
  const shortWordsOnly = search.kind === 'none' && words.length > 0;
  const rows = sqlite
    .prepare<unknown[], ListRow>(
      `SELECT m.*, ${NO_OVERLAY} FROM case_mirror m WHERE ${mirror.sql}
       UNION ALL
       SELECT m.*, ${OVERLAY} FROM ${OVERLAID} WHERE ${overlay.sql}
       ORDER BY received_at DESC, id DESC LIMIT ? OFFSET ?`,
    )
    .all(...mirror.params, ...overlay.params, filter.limit + (shortWordsOnly ? 1 : 0), filter.offset);
  const items = rows.slice(0, filter.limit).map((r) => summaryOf(r, now));
  if (shortWordsOnly && rows.length > filter.limit) {
    return { items, total: filter.offset + filter.limit, totalCapped: true };
  }
  // A page that is not full (and not past the end) is the rest of the list: its end is the total.
  const rest = shortWordsOnly ? rows.length === items.length : items.length < filter.limit;
  if (rest && (items.length > 0 || filter.offset === 0)) {
    return { items, total: filter.offset + items.length, totalCapped: false };
  }
  // Counted up to the cap, or to the end of this page when paging goes further; a sparse filter, among the newest
  // `countWindow` cases only (a search's few hits bound its count, and the site scope alone matches most cases).
  const cap = Math.max(COUNT_CAP, filter.offset + filter.limit);
  const since = search.kind === 'none' && narrowsByIndex(filter) ? countWindowStart(sqlite, countWindow) : undefined;
  const counted = sqlite
    .prepare<unknown[], { n: number }>(
      `SELECT (SELECT count(*) FROM (SELECT 1 FROM case_mirror m WHERE ${mirror.sql}
           ${since === undefined ? '' : 'AND m.received_at >= ?'} LIMIT ?))
         + (SELECT count(*) FROM ${OVERLAID} WHERE ${overlay.sql}) AS n`,
    )
    .get(...mirror.params, ...(since === undefined ? [] : [since]), cap + 1, ...overlay.params);
  const n = counted?.n ?? 0;
  if (n > cap) return { items, total: cap, totalCapped: true };
  // Older cases were not looked at: the count is a lower bound, as is the end of a page that holds cases.
  if (since !== undefined) {
    return { items, total: Math.max(n, items.length > 0 ? filter.offset + items.length : 0), totalCapped: true };
  }
  return { items, total: n, totalCapped: false };
}

/**
 * A search with many hits: the mirror's matches come newest first from the trigram index (inbox-walk.ts), the
 * overlaid cases' from their few rows; the two are merged in inbox order and the page's rows read by id. The total
 * says how many there are up to the page's end, and whether there are more.
 */
function searchedList(
  sqlite: BetterSqlite3.Database,
  filter: ListFilter,
  where: { mirror: Where; ranged: Where; overlay: Where },
  match: string,
  words: readonly string[],
  now: Date,
): { items: CaseSummary[]; total: number; totalCapped: boolean } {
  const overlaid = sqlite
    .prepare<
      unknown[],
      InboxKey
    >(`SELECT m.rowid AS rowid, m.received_at AS at, m.id AS id FROM ${OVERLAID} WHERE ${where.overlay.sql}`)
    .all(...where.overlay.params);
  // Counted only to the page's end: reading a common word's hits costs about as much per hit as a page per case.
  const cap = filter.offset + filter.limit;
  const mirrored = newestSearched(
    sqlite,
    where.mirror,
    where.ranged,
    match,
    indexedWords(words),
    cap + 1,
    narrowsByIndex(filter),
  );
  const merged = [...mirrored.keys, ...overlaid].sort(inboxOrder);
  // Cut short, the mirror's part may leave out cases older than its last that the overlay's part would pass.
  const known = mirrored.complete ? merged : merged.slice(0, cap + 1);
  const page = known.slice(filter.offset, cap).map((k) => k.id);
  const n = known.length;
  const rows = new Map(
    sqlite
      .prepare<unknown[], ListRow>(
        `SELECT m.*, ${OVERLAY.replace('1 AS has_overlay', 'o.case_id IS NOT NULL AS has_overlay')}
         FROM case_mirror m LEFT JOIN case_overlay o ON o.case_id = m.id
         WHERE m.id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(page))
      .map((r) => [r.id, r]),
  );
  const items = page.flatMap((id) => {
    const row = rows.get(id);
    return row ? [summaryOf(row, now)] : [];
  });
  return { items, total: Math.min(n, cap), totalCapped: n > cap };
}

function summaryOf(r: ListRow, now: Date): CaseSummary {
  const overlaid = r.has_overlay === 1;
  const status = overlaid && r.o_status ? r.o_status : r.status;
  const dueAt = overlaid && r.o_due_at ? r.o_due_at : r.due_at;
  return {
    id: r.id,
    code: r.code,
    serviceCode: r.service_code,
    serviceName: r.service_name,
    state: stateOf(overlaid && r.o_state ? r.o_state : r.state),
    status,
    excerpt: r.description === null ? null : r.description.slice(0, 200),
    addressString: r.address_string,
    lat: r.lat,
    long: r.long,
    agencyId: overlaid ? r.o_agency_id : r.agency_id,
    siteId: r.site_id,
    assignee: overlaid ? r.o_assignee : r.assignee,
    receivedAt: r.received_at,
    dueAt,
    updatedAt: r.updated_at,
    overdue: status === 'open' && Date.parse(dueAt) < now.getTime(),
    pending: overlaid ? (r.o_pending ?? 0) : 0,
  };
}
