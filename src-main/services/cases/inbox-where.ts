import type BetterSqlite3 from 'better-sqlite3';
import { foldForSearch } from '../../../src-shared/i18n/fold';

export interface InboxFilter {
  query?: string;
  /** A lifecycle state, or Open311's open|closed. */
  status?: string;
  /** One site's cases; null: the cases of no site. */
  siteId?: string | null;
  serviceCode?: string;
  /** One agency's cases; null: the cases not forwarded to any. */
  agencyId?: string | null;
  /** Only open cases past their due date. */
  overdue?: boolean;
  /** The caller's sites (`*`: all): cases of other sites are left out; site-less cases are everyone's. */
  sites: readonly string[];
}

/**
 * Which copy of a case's lifecycle fields (state, status, agency, due date) a filter reads: the mirror's, for the
 * cases without unanswered commands, or the optimistic overlay's, for the few with them.
 */
export type Arm = 'mirror' | 'overlay';

/** How the search words reach the trigram index (migration 007), decided once per query. */
export type SearchPlan =
  | { kind: 'none' }
  /** Few hits: read them from the index and sort them; other filters must not pick an index of their own. */
  | { kind: 'fewHits'; match: string }
  /** Many hits: read them newest first and look them up until a page passes the filters (inbox-walk.ts). */
  | { kind: 'manyHits'; match: string };

/** A condition on `m` (the mirror) and, in the overlay arm, `o`; `1` when nothing narrows. */
export interface Where {
  sql: string;
  params: unknown[];
}

const OPEN311 = new Set(['open', 'closed']);
/** The trigram index finds words of three characters or more; shorter ones are matched with LIKE. */
const TRIGRAM = 3;
/** Up to this many hits a page of search results is sorted in memory; beyond it, read in inbox order. */
export const FEW_HITS = 2000;

/** An FTS5 string: with the trigram tokenizer it matches the word anywhere in the text, as LIKE '%word%' does. */
function phraseOf(word: string): string {
  return `"${word.replace(/"/g, '""')}"`;
}

/** The UTC date (yyyy-MM-dd, as ISO text starts) `days` days from `now`. */
function dayOf(now: Date, days: number): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** `%`, `_` and `\` are LIKE syntax; the folded query is matched literally. */
function likeOf(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Every folded word of the query (up to 8), so "Nguyen Hue" finds "Nguyễn Huệ". */
export function searchWords(query: string | undefined): string[] {
  return foldForSearch(query ?? '')
    .split(' ')
    .filter(Boolean)
    .slice(0, 8);
}

/** The words the trigram index can find. */
export function indexedWords(words: readonly string[]): string[] {
  return words.filter((w) => [...w].length >= TRIGRAM);
}

export function searchPlanOf(sqlite: BetterSqlite3.Database, words: readonly string[]): SearchPlan {
  const indexed = indexedWords(words);
  if (indexed.length === 0) return { kind: 'none' };
  const match = indexed.map(phraseOf).join(' AND ');
  const hits = sqlite
    .prepare<
      [string, number],
      { n: number }
    >(`SELECT count(*) AS n FROM (SELECT 1 FROM case_mirror_search WHERE case_mirror_search MATCH ? LIMIT ?)`)
    .get(match, FEW_HITS + 1);
  return { kind: (hits?.n ?? 0) > FEW_HITS ? 'manyHits' : 'fewHits', match };
}

/**
 * Whether a filter has a column of its own index in received order (migration 011): a count can then stop at a range
 * of received times inside that index. The caller's site scope alone has none (it never drives, see whereOf).
 */
export function narrowsByIndex(filter: InboxFilter): boolean {
  return (
    filter.siteId !== undefined ||
    filter.serviceCode !== undefined ||
    Boolean(filter.status) ||
    filter.agencyId !== undefined ||
    filter.overdue === true
  );
}

/**
 * The WHERE clause of one arm. Columns are written so the planner's choice stays right without statistics: with a
 * search a unary `+` hides every filter's index (the hits drive, or the received order); the caller's site scope
 * never drives (it matches most cases, and an IN list over the site index would sort them all).
 */
export function whereOf(filter: InboxFilter, words: readonly string[], search: SearchPlan, arm: Arm, now: Date): Where {
  const terms: string[] = [];
  const params: unknown[] = [];
  const col = (name: string) => `${search.kind !== 'none' && arm === 'mirror' ? '+' : ''}m.${name}`;
  const life = (name: string) => (arm === 'overlay' ? `o.${name}` : col(name));
  if (filter.siteId !== undefined) {
    terms.push(filter.siteId === null ? `${col('site_id')} IS NULL` : `${col('site_id')} = ?`);
    if (filter.siteId !== null) params.push(filter.siteId);
  }
  if (!filter.sites.includes('*')) {
    terms.push(`(+m.site_id IS NULL OR +m.site_id IN (${filter.sites.map(() => '?').join(', ') || 'NULL'}))`);
    params.push(...filter.sites);
  }
  if (filter.serviceCode !== undefined) {
    terms.push(`${col('service_code')} = ?`);
    params.push(filter.serviceCode);
  }
  if (filter.status) {
    terms.push(`${life(OPEN311.has(filter.status) ? 'status' : 'state')} = ?`);
    params.push(filter.status);
  }
  if (filter.agencyId !== undefined) {
    terms.push(filter.agencyId === null ? `${life('agency_id')} IS NULL` : `${life('agency_id')} = ?`);
    if (filter.agencyId !== null) params.push(filter.agencyId);
  }
  if (filter.overdue) {
    // julianday: the same instant comparison as the summary's `overdue`, whatever offset the text carries. It costs
    // a parse per case, so the text's date decides first when it is days away from today's: no offset moves an
    // instant by more than 14 hours, and a date-time text sorts after its bare date.
    const due = life('due_at');
    terms.push(`${life('status')} = 'open' AND (${due} < ? OR (${due} <= ? AND julianday(${due}) < julianday(?)))`);
    params.push(dayOf(now, -2), dayOf(now, 2), now.toISOString());
  }
  // After the filters: SQLite tests terms in the order written, and this one probes the overlay's index per case.
  if (arm === 'mirror') terms.push('m.id NOT IN (SELECT case_id FROM case_overlay)');
  if (arm === 'overlay') {
    // A handful of rows: each indexed word tested on the text, as the trigram index would match it.
    for (const word of indexedWords(words)) {
      terms.push('instr(m.search_text, ?) > 0');
      params.push(word);
    }
  } else if (search.kind === 'fewHits') {
    terms.push('m.rowid IN (SELECT rowid FROM case_mirror_search WHERE case_mirror_search MATCH ?)');
    params.push(search.match);
  }
  // manyHits: the walk in inbox order (inbox-walk.ts) tests each chunk of cases against the index.
  for (const word of words.filter((w) => [...w].length < TRIGRAM)) {
    terms.push(`m.search_text LIKE ? ESCAPE '\\'`);
    params.push(likeOf(word));
  }
  return { sql: terms.length > 0 ? terms.join(' AND ') : '1', params };
}
