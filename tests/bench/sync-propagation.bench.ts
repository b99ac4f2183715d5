// Propagation (issue 5): one workstation's action visible in a second workstation's mirror, p50/p95, both running
// their real sync workers against a central server over HTTP (long-poll). The baseline measured in the same run is
// the upstream half alone: the same action until the server has committed it. Target: p95 ≤ 1 s.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../integration/tmp-dir';
import { fileReport, openWorkstation, OPERATOR, startSyncServer } from '../sync/harness';

const ROUNDS = Number(process.env.IOC_BENCH_ROUNDS ?? 50);
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const temp = makeTempDir('ioc-bench-prop-');
const file = join(temp.dir, 'central.sqlite');
const server = await startSyncServer({
  target: { kind: 'sqlite', path: file },
  arg: file,
  drop: async () => undefined,
});
// Production timing: 25 s long-polls, the server's 200 ms change watch.
const timing = { pullWaitS: 25, backoffBaseMs: 500, backoffCapMs: 30_000 };
const a = openWorkstation(server.url, { dataDir: join(temp.dir, 'a'), timing });
const b = openWorkstation(server.url, { dataDir: join(temp.dir, 'b'), timing });
try {
  const filed = await fileReport(server.server);
  a.sync.start();
  b.sync.start();
  for (const w of [a, b]) {
    while (w.sync.status().state !== 'live' || !w.store.sqlite.prepare('SELECT 1 FROM case_mirror').get())
      await sleep(5);
  }
  const events = () => b.store.sqlite.prepare('SELECT count(*) FROM case_event_mirror').pluck().get() as number;
  const applied = () =>
    server.server.database.db
      .selectFrom('sync_applied')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
  const endToEnd: number[] = [];
  const upstream: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const seenBefore = events();
    const appliedBefore = Number((await applied()).n);
    const start = performance.now();
    a.cases.comment({ caseId: filed.id, text: `Lần ${i}` }, OPERATOR);
    let up = 0;
    while (events() === seenBefore) {
      if (up === 0 && Number((await applied()).n) > appliedBefore) up = performance.now() - start;
      await sleep(1);
    }
    endToEnd.push(performance.now() - start);
    upstream.push(up || performance.now() - start);
    await sleep(20);
  }
  endToEnd.sort((x, y) => x - y);
  upstream.sort((x, y) => x - y);
  const result = {
    at: new Date().toISOString(),
    rounds: ROUNDS,
    endToEnd: { p50Ms: percentile(endToEnd, 0.5), p95Ms: percentile(endToEnd, 0.95) },
    upstreamOnly: { p50Ms: percentile(upstream, 0.5), p95Ms: percentile(upstream, 0.95) },
    ratioP95ToUpstream: percentile(endToEnd, 0.95) / percentile(upstream, 0.95),
    targetP95Ms: 1000,
    meetsTarget: percentile(endToEnd, 0.95) <= 1000,
  };
  console.log(
    `propagation A→B p50 ${result.endToEnd.p50Ms.toFixed(1)} ms, p95 ${result.endToEnd.p95Ms.toFixed(1)} ms ` +
      `(upstream alone p95 ${result.upstreamOnly.p95Ms.toFixed(1)} ms, ×${result.ratioP95ToUpstream.toFixed(2)}); ` +
      `target p95 ≤ 1000 ms ${result.meetsTarget ? 'met' : 'NOT met'}`,
  );
  const dir = join(import.meta.dirname, '..', '..', 'bench-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'sync-propagation.json'), JSON.stringify(result, null, 2));
} finally {
  await a.close(true);
  await b.close(true);
  await server.stop();
  temp.remove();
}
