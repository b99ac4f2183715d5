// Sync benchmarks (issue 5), run with `npm run bench`:
// 1. initial sync of N cases (IOC_BENCH_CASES, default 100,000) from the central server to an empty workstation over
//    real HTTP, in rows per second, against the floor measured in the same run: the same rows copied straight from
//    the server's SQLite file into an empty workstation database (same statements, same synchronous=FULL), with no
//    HTTP, JSON or validation;
// 2. a local action (case.comment) to its durable outbox row, p50/p99, against a bare one-row INSERT committed with
//    synchronous=FULL in the same kind of file;
// 3. the comparison: PouchDB replicating the same N cases (each a document holding its timeline, as the
//    workstation mirrored them) from express-pouchdb on 127.0.0.1 (memory-backed server) into an empty on-disk
//    PouchDB (LevelDB, as our SQLite file is on disk), with batch_size equal to our page size. Target: ≥ 5× PouchDB
//    on the same data. IOC_BENCH_POUCHDB=0 skips it.
// IOC_BENCH_SERVER_PROCESS=1 runs the central server of 1 in its own process, as in production (another machine):
// the workstation then writes a page while the server reads the next one (sync/steps.ts asks ahead), and the CPU
// time reported is both processes' (/proc). Off by default, so both arms of 3 run client and server in one process.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openStore } from '../../src-main/services/store';
import { foldForSearch } from '../../src-shared/i18n/fold';
import { migrateToLatest } from '../../src-server/db/migrate';
import { openDatabase } from '../../src-server/db/open-database';
import { makeTempDir } from '../integration/tmp-dir';
import { openWorkstation, OPERATOR, startSyncServer } from '../sync/harness';
import { killAll, startServerProcess, stopGracefully } from '../sync/processes';
import { seedCases } from '../sync/seed-cases';

const N = Number(process.env.IOC_BENCH_CASES ?? 100_000);
const ACTIONS = Number(process.env.IOC_BENCH_ACTIONS ?? 2000);
const TARGET_ROWS_PER_S = 20_000;
const TARGET_TIMES_POUCHDB = 5;
const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
/**
 * CPU seconds of this process (every thread) since `start`: both arms run client and server in this process, so on
 * a shared, loaded machine their CPU time compares more steadily than their wall time.
 */
const cpuSeconds = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
};
const WITH_POUCHDB = process.env.IOC_BENCH_POUCHDB !== '0';
const SERVER_PROCESS = process.env.IOC_BENCH_SERVER_PROCESS === '1';

/** CPU seconds (user + system) a child process has used so far, from /proc (Linux). */
function childCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
  return (Number(fields[11]) + Number(fields[12])) / ticks;
}
/** The workstation's default page size (sync/steps.ts), used as PouchDB's batch_size. */
const PAGE_SIZE = 2000;

// PouchDB and express-pouchdb are CommonJS without types: the few calls used here, typed by hand.
interface PouchDb {
  bulkDocs(docs: object[]): Promise<unknown[]>;
  info(): Promise<{ doc_count: number; update_seq: number | string }>;
  replicate: {
    from(url: string, options: { batch_size: number; batches_limit?: number }): Promise<{ docs_written: number }>;
  };
  close(): Promise<void>;
}
type PouchStatic = (new (name: string, options?: Record<string, unknown>) => PouchDb) & {
  plugin(plugin: unknown): PouchStatic;
  defaults(options: Record<string, unknown>): PouchStatic;
};
type Listener = { close(callback: () => void): void; address(): AddressInfo | string | null };
type ExpressApp = {
  use(path: string, handler: unknown): void;
  listen(port: number, host: string, cb: () => void): Listener;
};

/**
 * Serves `docs` from express-pouchdb (memory adapter) on 127.0.0.1 and replicates them into an empty LevelDB
 * PouchDB in `dir`; returns the replication's seconds (loading the server is not timed).
 */
async function pouchReplication(
  docs: object[],
  dir: string,
): Promise<{ seconds: number; cpuSeconds: number; written: number }> {
  const require = createRequire(import.meta.url);
  const PouchDB = require('pouchdb') as PouchStatic;
  PouchDB.plugin(require('pouchdb-adapter-memory'));
  // The prefix keeps anything not in memory (express-pouchdb's own bookkeeping) in the temporary folder.
  const ServerPouch = PouchDB.defaults({ adapter: 'memory', prefix: `${join(dir, 'server')}/` });
  const express = require('express') as () => ExpressApp;
  const expressPouch = require('express-pouchdb') as (pouch: PouchStatic, options: object) => unknown;
  const app = express();
  app.use(
    '/',
    expressPouch(ServerPouch, { mode: 'minimumForPouchDB', inMemoryConfig: true, logPath: join(dir, 'log.txt') }),
  );
  const listener = await new Promise<Listener>((resolve) => {
    const l = app.listen(0, '127.0.0.1', () => resolve(l));
  });
  const port = (listener.address() as AddressInfo).port;
  const remote = new ServerPouch('cases');
  for (let i = 0; i < docs.length; i += 5000) await remote.bulkDocs(docs.slice(i, i + 5000));
  const local = new PouchDB(join(dir, 'pouch-local'));
  try {
    const start = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    const result = await local.replicate.from(`http://127.0.0.1:${port}/cases`, { batch_size: PAGE_SIZE });
    const elapsed = seconds(start);
    const cpu = cpuSeconds(cpuStart);
    const count = (await local.info()).doc_count;
    if (count !== docs.length) throw new Error(`PouchDB replicated ${count} documents, expected ${docs.length}`);
    return { seconds: elapsed, cpuSeconds: cpu, written: result.docs_written };
  } finally {
    await local.close();
    await remote.close();
    await new Promise<void>((resolve) => listener.close(() => resolve()));
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

const temp = makeTempDir('ioc-bench-sync-');
// Other work on the machine slows both arms; the load is recorded so a result can be read with it.
const loadAtStart = loadavg()[0]!;
const serverFile = join(temp.dir, 'central.sqlite');
try {
  // Seed the server's database before it starts.
  const seedStart = process.hrtime.bigint();
  const target = await openDatabase({ kind: 'sqlite', path: serverFile });
  await migrateToLatest(target);
  await seedCases(target.db, N);
  await target.dispose();
  console.log(`seeded ${N} cases in ${seconds(seedStart).toFixed(1)} s`);

  // 1a. Initial sync over HTTP into an empty workstation, page after page until up to date.
  const server = SERVER_PROCESS
    ? await startServerProcess(serverFile).then((running) => ({
        url: running.url,
        cpuSeconds: () => childCpuSeconds(running.child.pid!),
        stop: () => stopGracefully(running),
      }))
    : await startSyncServer({
        target: { kind: 'sqlite', path: serverFile },
        arg: serverFile,
        drop: async () => undefined,
      }).then((s) => ({ url: s.url, cpuSeconds: () => 0, stop: () => s.stop() }));
  const w = openWorkstation(server.url, { dataDir: join(temp.dir, 'ws') });
  let rows = 0;
  let pages = 0;
  const syncStart = process.hrtime.bigint();
  const syncCpuStart = process.cpuUsage();
  const serverCpuStart = server.cpuSeconds();
  for (;;) {
    const page = await w.sync.steps!.pullPage(0);
    rows += page.rows;
    pages++;
    if (page.upToDate) break;
  }
  const syncS = seconds(syncStart);
  const syncCpuS = cpuSeconds(syncCpuStart) + server.cpuSeconds() - serverCpuStart;
  // The load's checkpoint runs in a worker after its last page (sync/initial-load.ts): the sync is done, the log is
  // copied into the file meanwhile. Timed too; it has ended when the automatic checkpoint is back to its default.
  while (w.store.sqlite.pragma('wal_autocheckpoint', { simple: true }) !== 1000) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const withCheckpointS = seconds(syncStart);
  const withCheckpointCpuS = cpuSeconds(syncCpuStart) + server.cpuSeconds() - serverCpuStart;
  const mirrored = w.store.sqlite.prepare('SELECT count(*) FROM case_mirror').pluck().get() as number;
  if (mirrored !== N) throw new Error(`mirrored ${mirrored} cases, expected ${N}`);

  // 1b. The floor: the same rows straight from the server file into an empty workstation database.
  const floorDir = join(temp.dir, 'floor');
  mkdirSync(floorDir);
  const floorStore = openStore({ path: join(floorDir, 'ioc.sqlite') });
  const source = new BetterSqlite3(serverFile, { readonly: true });
  const floorStart = process.hrtime.bigint();
  const insertCase = floorStore.sqlite.prepare(
    `INSERT INTO case_mirror (id, code, kind, channel, service_code, service_name, description, lat, long,
       address_string, state, status, status_notes, agency_id, duplicate_of, assignee, sla_working_days,
       pending_extension_days, extension_count, reopen_count, public_result, rejection_reason, received_at, due_at,
       updated_at, resolved_at, closed_at, reporter, version, change_seq, search_text)
     VALUES (@id, @code, @kind, @channel, @service_code, @service_name, @description, @lat, @long, @address_string,
       @state, @status, @status_notes, @agency_id, @duplicate_of, @assignee, @sla_working_days,
       @pending_extension_days, @extension_count, @reopen_count, @public_result, @rejection_reason, @received_at,
       @due_at, @updated_at, @resolved_at, @closed_at, NULL, @version, @change_seq, @search_text)`,
  );
  const insertEvent = floorStore.sqlite.prepare(
    `INSERT INTO case_event_mirror (id, case_id, at, actor, actor_name, action, from_state, to_state, public_note,
       internal_note, data, change_seq)
     VALUES (@id, @case_id, @at, @actor, NULL, @action, @from_state, @to_state, @public_note, @internal_note, @data,
       @change_seq)`,
  );
  const caseRows = source.prepare('SELECT * FROM cases ORDER BY change_seq').iterate() as IterableIterator<
    Record<string, string | number | null>
  >;
  const eventRows = source.prepare('SELECT * FROM case_events ORDER BY id').iterate() as IterableIterator<
    Record<string, string | number | null>
  >;
  let floorRows = 0;
  const copy = floorStore.sqlite.transaction((batch: (() => void)[]) => batch.forEach((f) => f()));
  let batch: (() => void)[] = [];
  const flush = () => {
    copy(batch);
    batch = [];
  };
  for (const c of caseRows) {
    const text = foldForSearch([c.code, c.service_name, c.address_string ?? '', c.description ?? ''].join(' '));
    batch.push(() => insertCase.run({ ...c, search_text: text }));
    floorRows++;
    if (batch.length === 2000) flush();
  }
  for (const e of eventRows) {
    batch.push(() => insertEvent.run(e));
    floorRows++;
    if (batch.length === 2000) flush();
  }
  flush();
  const floorS = seconds(floorStart);
  source.close();
  await floorStore.dispose();

  // 3. PouchDB on the same cases: each case a document with its timeline, as the workstation mirrored them.
  let pouch: { seconds: number; cpuSeconds: number; written: number } | null = null;
  if (WITH_POUCHDB) {
    const events = new Map<string, unknown[]>();
    for (const e of w.store.sqlite.prepare('SELECT * FROM case_event_mirror ORDER BY id').iterate() as IterableIterator<
      Record<string, unknown>
    >) {
      const list = events.get(e.case_id as string) ?? [];
      list.push({ ...e, data: JSON.parse(e.data as string) as unknown });
      events.set(e.case_id as string, list);
    }
    const docs = (
      w.store.sqlite.prepare('SELECT * FROM case_mirror ORDER BY change_seq').all() as Record<string, unknown>[]
    ).map((c) => ({ ...c, _id: c.id as string, events: events.get(c.id as string) ?? [] }));
    const pouchDir = join(temp.dir, 'pouch');
    mkdirSync(pouchDir);
    pouch = await pouchReplication(docs, pouchDir);
    console.log(`pouchdb replicated ${pouch.written} documents in ${pouch.seconds.toFixed(2)} s`);
  }

  // 2. Local action → durable outbox row, against a bare synchronous=FULL insert.
  // An operator working offline through the inbox: one note on each of many cases, none of them sent yet.
  const caseIds = w.store.sqlite.prepare('SELECT id FROM case_mirror LIMIT ?').pluck().all(ACTIONS) as string[];
  const actionUs: number[] = [];
  for (let i = 0; i < ACTIONS; i++) {
    const t = process.hrtime.bigint();
    w.cases.comment({ caseId: caseIds[i % caseIds.length]!, text: `Ghi chú ${i}` }, OPERATOR);
    actionUs.push(Number(process.hrtime.bigint() - t) / 1000);
  }
  const bare = new BetterSqlite3(join(temp.dir, 'bare.sqlite'));
  bare.pragma('journal_mode = WAL');
  bare.pragma('synchronous = FULL');
  bare.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
  const bareInsert = bare.prepare('INSERT INTO t (v) VALUES (?)');
  const bareUs: number[] = [];
  for (let i = 0; i < ACTIONS; i++) {
    const t = process.hrtime.bigint();
    bareInsert.run(`Ghi chú ${i}`);
    bareUs.push(Number(process.hrtime.bigint() - t) / 1000);
  }
  bare.close();
  actionUs.sort((a, b) => a - b);
  bareUs.sort((a, b) => a - b);
  await w.close(true);
  await server.stop();

  const rowsPerS = rows / syncS;
  const floorRowsPerS = floorRows / floorS;
  const result = {
    at: new Date().toISOString(),
    cases: N,
    machine: { cpus: cpus().length, loadAverage1mAtStart: loadAtStart, loadAverage1mAtEnd: loadavg()[0]! },
    initialSync: {
      rows,
      pages,
      serverProcess: SERVER_PROCESS,
      seconds: syncS,
      cpuSeconds: syncCpuS,
      /** Until the load's background checkpoint ended too. */
      withCheckpoint: { seconds: withCheckpointS, cpuSeconds: withCheckpointCpuS },
      rowsPerSecond: Math.round(rowsPerS),
      casesPerSecond: Math.round(N / syncS),
      floorRowsPerSecond: Math.round(floorRowsPerS),
      ratioToFloor: syncS / floorS,
      target: TARGET_ROWS_PER_S,
      meetsTarget: rowsPerS >= TARGET_ROWS_PER_S,
      powerSyncDocumented: '2,000–20,000 operations/s per client (docs.powersync.com, not measured here)',
      pouchdb: pouch
        ? {
            setup: `express-pouchdb 4.2.0 (memory adapter) on 127.0.0.1 → empty LevelDB PouchDB 9 on disk, batch_size ${PAGE_SIZE}`,
            documents: pouch.written,
            seconds: pouch.seconds,
            cpuSeconds: pouch.cpuSeconds,
            casesPerSecond: Math.round(N / pouch.seconds),
            /** How many times faster our initial sync moved the same cases. */
            speedup: pouch.seconds / syncS,
            /** The same in CPU time: steadier than wall time when other work shares the machine. */
            cpuSpeedup: pouch.cpuSeconds / syncCpuS,
            /** The same, counting the load's background checkpoint. */
            speedupWithCheckpoint: pouch.seconds / withCheckpointS,
            cpuSpeedupWithCheckpoint: pouch.cpuSeconds / withCheckpointCpuS,
            target: TARGET_TIMES_POUCHDB,
            meetsTarget: pouch.seconds / syncS >= TARGET_TIMES_POUCHDB,
          }
        : 'skipped (IOC_BENCH_POUCHDB=0)',
    },
    localActionToOutbox: {
      actions: ACTIONS,
      p50Ms: percentile(actionUs, 0.5) / 1000,
      p99Ms: percentile(actionUs, 0.99) / 1000,
      bareInsertP50Ms: percentile(bareUs, 0.5) / 1000,
      bareInsertP99Ms: percentile(bareUs, 0.99) / 1000,
      ratioP99ToBare: percentile(actionUs, 0.99) / percentile(bareUs, 0.99),
      targetP99Ms: 5,
    },
  };
  const s = result.initialSync;
  const a = result.localActionToOutbox;
  console.log(
    `initial sync  ${N} cases, ${rows} rows in ${pages} pages: ${s.seconds.toFixed(2)} s, ${s.rowsPerSecond} rows/s ` +
      `(${s.casesPerSecond} cases/s; ${s.cpuSeconds.toFixed(2)} CPU s${SERVER_PROCESS ? ', server in its own process' : ''}; ` +
      `with the background checkpoint ${s.withCheckpoint.seconds.toFixed(2)} s, ${s.withCheckpoint.cpuSeconds.toFixed(2)} CPU s); floor ${s.floorRowsPerSecond} rows/s; ×${s.ratioToFloor.toFixed(2)} of floor; ` +
      `target ${TARGET_ROWS_PER_S} rows/s ${s.meetsTarget ? 'met' : 'NOT met'}`,
  );
  if (typeof s.pouchdb === 'object') {
    console.log(
      `pouchdb       ${s.pouchdb.documents} docs in ${s.pouchdb.seconds.toFixed(2)} s, ${s.pouchdb.casesPerSecond} cases/s; ` +
        `${s.pouchdb.cpuSeconds.toFixed(2)} CPU s; ours ×${s.pouchdb.speedup.toFixed(2)} faster (×${s.pouchdb.cpuSpeedup.toFixed(2)} in CPU time) (target ×${TARGET_TIMES_POUCHDB} ${s.pouchdb.meetsTarget ? 'met' : 'NOT met'}); ` +
        `with the background checkpoint ×${s.pouchdb.speedupWithCheckpoint.toFixed(2)} (×${s.pouchdb.cpuSpeedupWithCheckpoint.toFixed(2)} CPU)`,
    );
  }
  console.log(
    `action→outbox p50 ${a.p50Ms.toFixed(2)} ms, p99 ${a.p99Ms.toFixed(2)} ms; bare FULL insert p99 ` +
      `${a.bareInsertP99Ms.toFixed(2)} ms; ×${a.ratioP99ToBare.toFixed(2)} of bare (target p99 ≤ 5 ms)`,
  );
  const dir = join(import.meta.dirname, '..', '..', 'bench-results');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, 'sync-initial.json');
  writeFileSync(out, JSON.stringify(result, null, 2));
  console.log(`written ${out}`);
} finally {
  killAll();
  temp.remove();
}
