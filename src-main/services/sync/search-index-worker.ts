import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * The worker's code (CommonJS, run from a string as background-checkpoint.ts's): a scratch file holding a trigram
 * index made as the mirror's (`createSql`, automatic merging off, as a rebuild), filled in one statement from the
 * committed rows of the workstation's file (attached, only read), then closed. It says how many rows it indexed and
 * the largest rowid among them, or that it failed.
 */
const WORKER_CODE = `
const { workerData } = require('node:worker_threads');
const state = new Int32Array(workerData.signal, 0, 1);
const counts = new Float64Array(workerData.signal, 8, 2);
let out = null;
let code = 2;
try {
  const Database = require(workerData.sqliteModule);
  out = new Database(workerData.out);
  out.pragma('journal_mode = OFF');
  out.pragma('synchronous = OFF');
  out.pragma('cache_size = -65536');
  out.exec(workerData.createSql);
  out.prepare('ATTACH DATABASE ? AS src').run(workerData.path);
  out.exec('BEGIN');
  out.exec("INSERT INTO main.case_mirror_search (case_mirror_search, rank) VALUES ('automerge', 0)");
  const [count, last] = out.prepare('SELECT count(*), coalesce(max(rowid), 0) FROM src.case_mirror').raw().get();
  out.exec('INSERT INTO main.case_mirror_search (rowid, search_text) SELECT rowid, search_text FROM src.case_mirror');
  out.exec('COMMIT');
  counts[0] = count;
  counts[1] = last;
  code = 1;
} catch (error) {
  try { require('node:worker_threads').parentPort.postMessage(String(error && error.message)); } catch {}
} finally {
  try { out && out.close(); } catch {}
  Atomics.store(state, 0, code);
  Atomics.notify(state, 0);
}`;

let sqliteModule: string | null = null;

/** What the worker indexed: `count` rows of `case_mirror`, the largest rowid `last`, as committed when it read them. */
export interface BuiltSearchIndex {
  /** The scratch file holding the index (`case_mirror_search_data` and `_idx`). */
  file: string;
  count: number;
  last: number;
}

export interface SearchIndexWorker {
  /**
   * Waits (blocking, at most `limitMs`) for the worker, then returns what it built, or null if it failed or did not
   * finish in time (the caller rebuilds in its own thread instead). The worker has ended either way.
   */
  finish(limitMs?: number): BuiltSearchIndex | null;
  /** Stops the worker and forgets its work. */
  abandon(): void;
}

/**
 * A trigram index of the mirror's committed rows built in a worker thread on the machine's other core, at the end of
 * an initial load, while the main thread builds the mirror's secondary indexes: the central server is idle by then,
 * so that core is free. `createSql` is the mirror's own `CREATE VIRTUAL TABLE case_mirror_search …`, so the segments
 * are made as the mirror's would be; the caller copies them in (search-index-catchup.ts).
 */
export function startSearchIndexWorker(
  path: string,
  out: string,
  createSql: string,
  onError?: (message: string) => void,
): SearchIndexWorker {
  sqliteModule ??= createRequire(import.meta.url).resolve('better-sqlite3');
  // [0]: 0 working, 1 finished, 2 failed; then the rows indexed and the largest rowid, as doubles.
  const signal = new SharedArrayBuffer(24);
  const state = new Int32Array(signal, 0, 1);
  const counts = new Float64Array(signal, 8, 2);
  const worker = new Worker(WORKER_CODE, {
    eval: true,
    execArgv: [],
    workerData: { path, out, createSql, sqliteModule, signal },
  });
  worker.unref();
  worker.on('message', (error: string) => onError?.(error));
  worker.on('error', (error) => {
    Atomics.store(state, 0, 2);
    Atomics.notify(state, 0);
    onError?.(error.message);
  });
  let ended = false;

  function end(): void {
    if (ended) return;
    ended = true;
    void worker.terminate();
  }

  return {
    finish(limitMs = 120_000) {
      if (ended) return null;
      if (Atomics.load(state, 0) === 0) Atomics.wait(state, 0, 0, limitMs);
      const code = Atomics.load(state, 0);
      end();
      if (code !== 1) return null;
      return { file: out, count: counts[0]!, last: counts[1]! };
    },
    abandon: end,
  };
}
