import type BetterSqlite3 from 'better-sqlite3';
import type { CaseSummary } from '../../../src-shared/contract/cases';
import { foldForSearch } from '../../../src-shared/i18n/fold';
import { type MirrorRow, stateOf } from './rows';

export interface ListFilter {
  query?: string;
  status?: string;
  siteId?: string;
  /** The caller's sites (`*`: all): cases of other sites are left out; site-less cases are everyone's. */
  sites: readonly string[];
  limit: number;
  offset: number;
}

interface ListRow extends MirrorRow {
  o_state: string | null;
  o_status: 'open' | 'closed' | null;
  o_assignee: string | null;
  o_agency_id: string | null;
  o_due_at: string | null;
  o_pending: number | null;
  has_overlay: number;
}

const OPEN311 = new Set(['open', 'closed']);

/** The trigram index (migration 007) finds words of three characters or more; shorter ones are matched with LIKE. */
const TRIGRAM = 3;

/** Stands for the rowid tested against the search index, until the plan for the page is chosen. */
const SEARCHED = '<searched>';
/** Up to this many hits a page of search results is sorted in memory; beyond it, read in received order. */
const FEW_HITS = 2000;

/** An FTS5 string: with the trigram tokenizer it matches the word anywhere in the text, as LIKE '%word%' does. */
function phraseOf(word: string): string {
  return `"${word.replace(/"/g, '""')}"`;
}

/** `%`, `_` and `\` are LIKE syntax; the folded query is matched literally. */
function likeOf(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The inbox over the mirror with the optimistic overlay: filters see a case as this workstation's unanswered
 * commands make it (a case triaged offline leaves the "received" list at once). Search is every folded word of the
 * query in the folded code, category, address and description, so "Nguyen Hue" finds "Nguyễn Huệ".
 */
export function listCases(
  sqlite: BetterSqlite3.Database,
  filter: ListFilter,
  now: Date,
): { items: CaseSummary[]; total: number } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.siteId) {
    where.push('m.site_id = ?');
    params.push(filter.siteId);
  }
  if (!filter.sites.includes('*')) {
    where.push(`(m.site_id IS NULL OR m.site_id IN (${filter.sites.map(() => '?').join(', ') || 'NULL'}))`);
    params.push(...filter.sites);
  }
  if (filter.status) {
    const column = OPEN311.has(filter.status) ? 'status' : 'state';
    where.push(
      `m.id IN (SELECT id FROM case_mirror WHERE ${column} = ? AND id NOT IN (SELECT case_id FROM case_overlay)
        UNION ALL SELECT case_id FROM case_overlay WHERE ${column} = ?)`,
    );
    params.push(filter.status, filter.status);
  }
  const words = foldForSearch(filter.query ?? '')
    .split(' ')
    .filter(Boolean)
    .slice(0, 8);
  const indexed = words.filter((w) => [...w].length >= TRIGRAM);
  if (indexed.length > 0) {
    where.push(`${SEARCHED} IN (SELECT rowid FROM case_mirror_search WHERE case_mirror_search MATCH ?)`);
    params.push(indexed.map(phraseOf).join(' AND '));
  }
  for (const word of words.filter((w) => [...w].length < TRIGRAM)) {
    where.push(`m.search_text LIKE ? ESCAPE '\\'`);
    params.push(likeOf(word));
  }
  const clauseWith = (searched: string) =>
    where.length > 0 ? `WHERE ${where.join(' AND ').replace(SEARCHED, searched)}` : '';
  const total = sqlite
    .prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM case_mirror m ${clauseWith('m.rowid')}`)
    .get(...params);
  // Few hits: fetch them and sort. Many: walk the newest cases and keep the hits (`+` hides the rowid from the planner).
  const clause = clauseWith((total?.n ?? 0) <= FEW_HITS ? 'm.rowid' : '+m.rowid');
  const rows = sqlite
    .prepare<unknown[], ListRow>(
      `SELECT m.*, o.state AS o_state, o.status AS o_status, o.assignee AS o_assignee, o.agency_id AS o_agency_id,
         o.due_at AS o_due_at, o.pending AS o_pending, o.case_id IS NOT NULL AS has_overlay
       FROM case_mirror m LEFT JOIN case_overlay o ON o.case_id = m.id
       ${clause} ORDER BY m.received_at DESC, m.id DESC LIMIT ? OFFSET ?`,
    )
    .all(...params, filter.limit, filter.offset);
  return { items: rows.map((r) => summaryOf(r, now)), total: total?.n ?? 0 };
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
