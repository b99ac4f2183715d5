// Contract round trip: system.info over /api/ws and over POST /api/rpc, against the floor of this core's
// plain HTTP path (GET /api/health) measured in the same run. Run with `npm run bench`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestCore } from '../integration/core-harness';
import { openSocket } from '../integration/ws-client';

const CALLS = Number(process.env.IOC_BENCH_CALLS ?? 2000);

async function time(label: string, run: () => Promise<void>): Promise<{ label: string; perCallUs: number }> {
  for (let i = 0; i < 100; i++) await run(); // warm-up
  const start = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) await run();
  const perCallUs = Number(process.hrtime.bigint() - start) / 1000 / CALLS;
  return { label, perCallUs };
}

const t = await startTestCore();
try {
  const token = await t.login('operator');
  const floor = await time('GET /api/health (floor)', async () => {
    await (await fetch(`${t.url}/api/health`)).arrayBuffer();
  });
  const rpc = await time('POST /api/rpc/system.info', async () => {
    await t.rpc('system.info', {}, token);
  });
  const socket = await openSocket(t.url, token);
  await socket.next();
  let id = 0;
  const ws = await time('ws call system.info', async () => {
    socket.socket.send(JSON.stringify({ t: 'call', id: ++id, command: 'system.info', input: {} }));
    await socket.next();
  });
  socket.socket.close();

  const rows = [floor, rpc, ws].map((r) => ({ ...r, ratioToFloor: r.perCallUs / floor.perCallUs }));
  for (const r of rows)
    console.log(
      `${r.label.padEnd(28)} ${r.perCallUs.toFixed(1).padStart(8)} µs/call  ×${r.ratioToFloor.toFixed(2)} of floor`,
    );
  const dir = join(import.meta.dirname, '..', '..', 'bench-results');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, 'contract-roundtrip.json');
  writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), calls: CALLS, rows }, null, 2));
  console.log(`written ${out}`);
} finally {
  await t.stop();
}
