// Inbox benchmark (issue 5), run with `npm run bench -- inbox-search`: the workstation inbox (listCases over the
// case mirror and the optimistic overlay) on N cases (IOC_BENCH_INBOX_CASES, default 1,000,000), p50/p95 over
// RUNS calls of each query, against the floor measured in the same run: a bare first page of the mirror
// (`SELECT … ORDER BY received_at DESC LIMIT 50`) with no count, filter, overlay or mapping. Target: p95 ≤ 20 ms.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { listCases, type ListFilter } from '../../src-main/services/cases/queries';
import { openStore } from '../../src-main/services/store';
import { foldForSearch } from '../../src-shared/i18n/fold';
import { makeTempDir } from '../integration/tmp-dir';

const N = Number(process.env.IOC_BENCH_INBOX_CASES ?? 1_000_000);
const RUNS = Number(process.env.IOC_BENCH_INBOX_RUNS ?? 200);
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
     VALUES (?, ?, 'citizen_report', 'open311', ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, 5, 0, 0, ?, ?, ?, 1, ?, ?)`,
  );
  const next = random(20261127);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const base = Date.parse('2025-01-01T00:00:00Z');
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

const temp = makeTempDir('ioc-bench-inbox-');
const loadAtStart = loadavg()[0]!;
try {
  const store = openStore({ path: join(temp.dir, 'ioc.sqlite') });
  const seedStart = process.hrtime.bigint();
  seedMirror(store.sqlite, N);
  store.sqlite.exec('ANALYZE');
  const seedS = Number(process.hrtime.bigint() - seedStart) / 1e9;
  console.log(`seeded ${N} cases in ${seedS.toFixed(1)} s`);
  // A few unanswered commands, as a busy operator would have: the overlay takes part in every query.
  store.sqlite.exec(`INSERT INTO case_overlay (case_id, state, status, assignee, agency_id, due_at, pending, updated_at)
    SELECT id, 'triaged', 'open', 'op1', NULL, due_at, 1, updated_at FROM case_mirror ORDER BY received_at DESC LIMIT 20`);

  const now = new Date('2026-11-27T00:00:00Z');
  const rareCode = codeOf(Math.floor(N / 3));
  const queries: Record<string, Partial<ListFilter>> = {
    firstPage: {},
    status: { status: 'in_progress' },
    site: { siteId: 'site-sa-dec' },
    searchCommonWord: { query: 'rác' },
    searchStreet: { query: 'nguyen hue' },
    searchCode: { query: rareCode },
    searchNoHit: { query: 'zyxwq' },
  };
  const bare = store.sqlite.prepare(`SELECT * FROM case_mirror ORDER BY received_at DESC, id DESC LIMIT ${PAGE}`);
  const baseline = time(RUNS, () => bare.all());
  const results: Record<string, { p50Ms: number; p95Ms: number; total: number; ratioP95ToBare: number }> = {};
  for (const [label, extra] of Object.entries(queries)) {
    const filter: ListFilter = { sites: ['*'], limit: PAGE, offset: 0, ...extra };
    const { total } = listCases(store.sqlite, filter, now);
    const t = time(RUNS, () => listCases(store.sqlite, filter, now));
    results[label] = { ...t, total, ratioP95ToBare: t.p95Ms / baseline.p95Ms };
    console.log(
      `${label.padEnd(17)} ${JSON.stringify(extra).padEnd(32)} ${String(total).padStart(8)} hits  p50 ` +
        `${t.p50Ms.toFixed(2)} ms  p95 ${t.p95Ms.toFixed(2)} ms  ×${(t.p95Ms / baseline.p95Ms).toFixed(1)} of bare  ` +
        `(target p95 ≤ ${TARGET_P95_MS} ms ${t.p95Ms <= TARGET_P95_MS ? 'met' : 'NOT met'})`,
    );
  }
  console.log(`bare first page p50 ${baseline.p50Ms.toFixed(2)} ms, p95 ${baseline.p95Ms.toFixed(2)} ms`);
  await store.dispose();

  const result = {
    bench: 'inbox-search',
    cases: N,
    runs: RUNS,
    pageSize: PAGE,
    seedSeconds: seedS,
    machine: { cpus: cpus().length, loadAtStart, loadAtEnd: loadavg()[0]! },
    targetP95Ms: TARGET_P95_MS,
    bareFirstPage: baseline,
    queries: Object.fromEntries(
      Object.entries(results).map(([label, r]) => [
        label,
        { filter: queries[label], ...r, meetsTarget: r.p95Ms <= TARGET_P95_MS },
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
