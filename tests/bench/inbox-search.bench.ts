// Inbox benchmark (issue 5), run with `npm run bench -- inbox-search`: the workstation inbox (listCases over the
// case mirror and the optimistic overlay) on N cases (IOC_BENCH_INBOX_CASES, default 1,000,000), p50/p95 over
// RUNS calls of a page of 50 for every query shape the inbox sends (no filter, each filter, combinations, search
// with rare and common words, search with filters). Two baselines measured in the same run: the same queries on
// the same cases before workstation migration 011's inbox indexes (IOC_BENCH_INBOX_BEFORE_RUNS calls each), and
// the floor, a bare first page of the mirror (`SELECT … ORDER BY received_at DESC LIMIT 50`) with no count,
// filter, overlay or mapping. No ANALYZE: a workstation never runs it, so the plans are those it gets. Target:
// p95 ≤ 20 ms.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { listCases, type ListFilter } from '../../src-main/services/cases/queries';
import { MIGRATIONS, openStore } from '../../src-main/services/store';
import { migration011InboxIndexes } from '../../src-main/services/store/migrations/011-inbox-indexes';
import { foldForSearch } from '../../src-shared/i18n/fold';
import { makeTempDir } from '../integration/tmp-dir';

const N = Number(process.env.IOC_BENCH_INBOX_CASES ?? 1_000_000);
const RUNS = Number(process.env.IOC_BENCH_INBOX_RUNS ?? 200);
const BEFORE_RUNS = Number(process.env.IOC_BENCH_INBOX_BEFORE_RUNS ?? 20);
const PAGE = 50;
const TARGET_P95_MS = 20;
const BATCH = 20_000;

const STREETS = [
  'Nguyễn Huệ',
  'Lý Thường Kiệt',
  'Trần Hưng Đạo',
  'Hùng Vương',
  'Phạm Hữu Lầu',
  'Lê Lợi',
  'Nguyễn Trãi',
  'Hai Bà Trưng',
  'Võ Văn Kiệt',
  'Tôn Đức Thắng',
  'Nguyễn Sinh Sắc',
  'Điện Biên Phủ',
];
const WARDS = [
  'Phường Mỹ Phú',
  'Phường 1',
  'Phường 2',
  'Phường 3',
  'Phường 4',
  'Phường 6',
  'Phường 11',
  'Phường Hòa Thuận',
  'Phường An Thạnh',
  'Xã Tân Quy Đông',
  'Xã Mỹ Tân',
  'Xã Tịnh Thới',
];
const ISSUES = [
  ['lighting', 'Chiếu sáng công cộng', 'Đèn đường không sáng từ tối hôm qua, khu vực rất tối'],
  ['waste', 'Thu gom rác thải', 'Rác thải sinh hoạt tồn đọng nhiều ngày, bốc mùi hôi, đề nghị thu gom sớm'],
  ['drainage', 'Thoát nước, ngập úng', 'Cống thoát nước bị nghẹt, mưa lớn gây ngập sâu trên tuyến đường'],
  ['traffic', 'Giao thông', 'Đèn tín hiệu giao thông tại ngã tư bị hỏng, xe cộ đi lại lộn xộn'],
  ['trees', 'Cây xanh', 'Cây xanh gãy đổ chắn ngang lối đi sau cơn giông'],
  ['road', 'Hạ tầng đường bộ', 'Mặt đường xuống cấp, nhiều ổ gà lớn gây nguy hiểm cho xe máy'],
  ['noise', 'Tiếng ồn', 'Quán karaoke gây ồn ào sau 22 giờ, ảnh hưởng giấc ngủ người dân'],
  ['water', 'Cấp nước', 'Mất nước sinh hoạt hai ngày chưa có thông báo'],
] as const;
const DETAILS = ['gần chợ', 'trước trường học', 'cạnh bệnh viện', 'đầu hẻm', 'cuối hẻm', 'gần cầu', 'ven sông'];
const STATES = ['received', 'triaged', 'forwarded', 'accepted', 'in_progress', 'resolved', 'closed', 'rejected'];
const SITES = ['site-cao-lanh', 'site-sa-dec', 'site-hong-ngu', 'site-thap-muoi', 'site-lap-vo'];
const AGENCIES = ['cap-nuoc', 'moi-truong', 'dien-luc', 'cong-an', 'giao-thong', 'do-thi'];
/** States before the forward: no agency yet. */
const UNFORWARDED = new Set(['received', 'triaged', 'rejected']);
/** The benchmark's "now": the newest cases are a few seconds old, so the last week's open cases are not overdue. */
const NOW = new Date('2026-11-27T00:00:00Z');

/** A small deterministic generator (mulberry32): every run benchmarks the same cases. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const codeOf = (k: number) => `DT-B${k.toString(36).toUpperCase().padStart(6, '0')}`;

function seedMirror(sqlite: BetterSqlite3.Database, n: number): void {
  const insert = sqlite.prepare(
    `INSERT INTO case_mirror (id, code, kind, channel, service_code, service_name, description, lat, long,
       address_string, state, status, agency_id, site_id, sla_working_days, extension_count, reopen_count,
       received_at, due_at, updated_at, version, change_seq, search_text)
     VALUES (?, ?, 'citizen_report', 'open311', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 5, 0, 0, ?, ?, ?, 1, ?, ?)`,
  );
  const next = random(20261127);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const base = NOW.getTime() - n * 30_000;
  for (let start = 0; start < n; start += BATCH) {
    sqlite.transaction(() => {
      for (let k = start; k < Math.min(n, start + BATCH); k++) {
        const [service, name, text] = pick(ISSUES);
        const address = `${1 + Math.floor(next() * 400)} ${pick(STREETS)}, ${pick(WARDS)}`;
        const description = `${text}, ${pick(DETAILS)}`;
        const state = pick(STATES);
        const code = codeOf(k);
        const at = new Date(base + k * 30_000 + Math.floor(next() * 30_000)).toISOString();
        const due = new Date(Date.parse(at) + 7 * 86_400_000).toISOString();
        insert.run(
          `bench-${String(k).padStart(8, '0')}`,
          code,
          service,
          name,
          description,
          10.4 + next() * 0.2,
          105.6 + next() * 0.2,
          address,
          state,
          state === 'closed' || state === 'rejected' ? 'closed' : 'open',
          UNFORWARDED.has(state) ? null : pick(AGENCIES),
          next() < 0.05 ? null : pick(SITES),
          at,
          due,
          at,
          k + 1,
          foldForSearch([code, name, address, description].join(' ')),
        );
      }
    })();
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

function time(runs: number, call: () => unknown): { p50Ms: number; p95Ms: number } {
  call(); // the first call prepares statements and warms the page cache
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    call();
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  ms.sort((a, b) => a - b);
  return { p50Ms: percentile(ms, 0.5), p95Ms: percentile(ms, 0.95) };
}

type Timing = { p50Ms: number; p95Ms: number };

const temp = makeTempDir('ioc-bench-inbox-');
const loadAtStart = loadavg()[0]!;
try {
  // The store as it was before migration 011 (and anything after it), so the same cases serve both baselines.
  const store = openStore({ path: join(temp.dir, 'ioc.sqlite'), migrations: MIGRATIONS.filter((m) => m.version < 11) });
  const seedStart = process.hrtime.bigint();
  seedMirror(store.sqlite, N);
  const seedS = Number(process.hrtime.bigint() - seedStart) / 1e9;
  console.log(`seeded ${N} cases in ${seedS.toFixed(1)} s`);
  // A few unanswered commands, as a busy operator would have: the overlay takes part in every query.
  store.sqlite.exec(`INSERT INTO case_overlay (case_id, state, status, assignee, agency_id, due_at, pending, updated_at)
    SELECT id, 'triaged', 'open', 'op1', NULL, due_at, 1, updated_at FROM case_mirror ORDER BY received_at DESC LIMIT 20`);

  const rareCode = codeOf(Math.floor(N / 3));
  const queries: Record<string, Partial<ListFilter>> = {
    firstPage: {},
    status: { status: 'in_progress' },
    statusOpen: { status: 'open' },
    category: { serviceCode: 'waste' },
    site: { siteId: 'site-sa-dec' },
    noSite: { siteId: null },
    agency: { agencyId: 'dien-luc' },
    noAgency: { agencyId: null },
    overdue: { overdue: true },
    scopedOperator: { sites: ['site-sa-dec', 'site-lap-vo'] },
    statusSite: { status: 'received', siteId: 'site-hong-ngu' },
    categorySiteStatus: { serviceCode: 'drainage', siteId: 'site-cao-lanh', status: 'forwarded' },
    agencyOverdue: { agencyId: 'cap-nuoc', overdue: true },
    overdueSiteCategory: { overdue: true, siteId: 'site-lap-vo', serviceCode: 'lighting' },
    searchCommonWord: { query: 'rác' },
    searchStreet: { query: 'nguyen hue' },
    searchCode: { query: rareCode },
    searchNoHit: { query: 'zyxwq' },
    searchShortWords: { query: 'le 3' },
    searchCommonStatus: { query: 'rác', status: 'accepted' },
    searchStreetSiteOverdue: { query: 'nguyen hue', siteId: 'site-sa-dec', overdue: true },
    searchWordCategory: { query: 'cong', serviceCode: 'drainage' },
  };
  const filterOf = (label: string): ListFilter => ({ sites: ['*'], limit: PAGE, offset: 0, ...queries[label] });

  const before: Record<string, Timing> = {};
  for (const label of Object.keys(queries)) {
    before[label] = time(BEFORE_RUNS, () => listCases(store.sqlite, filterOf(label), NOW));
    console.log(
      `before 011 ${label.padEnd(24)} p50 ${before[label].p50Ms.toFixed(2)} ms  p95 ${before[label].p95Ms.toFixed(2)} ms`,
    );
  }
  const indexStart = process.hrtime.bigint();
  migration011InboxIndexes.up(store.sqlite);
  const indexS = Number(process.hrtime.bigint() - indexStart) / 1e9;
  console.log(`migration 011 on ${N} cases: ${indexS.toFixed(1)} s`);

  const bare = store.sqlite.prepare(`SELECT * FROM case_mirror ORDER BY received_at DESC, id DESC LIMIT ${PAGE}`);
  const baseline = time(RUNS, () => bare.all());
  const results: Record<
    string,
    Timing & { total: number; totalCapped: boolean; ratioP95ToBare: number; ratioP95ToBefore: number }
  > = {};
  for (const label of Object.keys(queries)) {
    const filter = filterOf(label);
    const { total, totalCapped } = listCases(store.sqlite, filter, NOW);
    const t = time(RUNS, () => listCases(store.sqlite, filter, NOW));
    const r = {
      ...t,
      total,
      totalCapped,
      ratioP95ToBare: t.p95Ms / baseline.p95Ms,
      ratioP95ToBefore: t.p95Ms / before[label]!.p95Ms,
    };
    results[label] = r;
    console.log(
      `${label.padEnd(24)} ${`${total}${totalCapped ? '+' : ''}`.padStart(6)} hits  p50 ${t.p50Ms.toFixed(2)} ms  ` +
        `p95 ${t.p95Ms.toFixed(2)} ms  ×${r.ratioP95ToBare.toFixed(1)} of bare  ×${r.ratioP95ToBefore.toFixed(3)} of ` +
        `before 011 (${before[label]!.p95Ms.toFixed(1)} ms)  target p95 ≤ ${TARGET_P95_MS} ms ` +
        `${t.p95Ms <= TARGET_P95_MS ? 'met' : 'NOT met'}`,
    );
  }
  console.log(`bare first page p50 ${baseline.p50Ms.toFixed(2)} ms, p95 ${baseline.p95Ms.toFixed(2)} ms`);
  await store.dispose();

  const result = {
    bench: 'inbox-search',
    cases: N,
    runs: RUNS,
    beforeRuns: BEFORE_RUNS,
    pageSize: PAGE,
    seedSeconds: seedS,
    migration011Seconds: indexS,
    machine: { cpus: cpus().length, loadAtStart, loadAtEnd: loadavg()[0]! },
    targetP95Ms: TARGET_P95_MS,
    bareFirstPage: baseline,
    queries: Object.fromEntries(
      Object.entries(results).map(([label, r]) => [
        label,
        { filter: queries[label], ...r, before011: before[label], meetsTarget: r.p95Ms <= TARGET_P95_MS },
      ]),
    ),
  };
  const dir = join(import.meta.dirname, '..', '..', 'bench-results');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, 'inbox-search.json');
  writeFileSync(out, JSON.stringify(result, null, 2));
  console.log(`written ${out}`);
} finally {
  temp.remove();
}
