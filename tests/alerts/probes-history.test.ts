// Issue 6 §4: uptime history over 24 h, 30 days and a reporting period, the day's response-time series and the
// month's incidents, read from stored checks (weeks of history seeded into the real server's database, one live
// check of a real TCP port on top).
import { createServer, type Server } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SystemsBoardReplySchema } from '../../src-shared/contract/alerts';
import { withAlertTables } from '../../src-server/alerts/tables';
import { makeTempDir } from '../integration/tmp-dir';
import { type AlertsServer, call, startAlertsServer } from './harness';

const DAY = 86_400_000;
const HOUR = 3_600_000;

describe('uptime history on the Systems board', () => {
  const temp = makeTempDir('ioc-uptime-');
  let port: Server;
  let s: AlertsServer;
  let t0: number;

  const board = async (query = '') => {
    const r = await call(`${s.url}/api/systems${query}`, { headers: { authorization: s.device } });
    return { status: r.status, body: r.json };
  };
  const monitor = async (query = '') => SystemsBoardReplySchema.parse((await board(query)).body).board.monitors[0]!;

  beforeAll(async () => {
    port = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => port.listen(0, '127.0.0.1', resolve));
    const file = join(temp.dir, 'monitors.json');
    writeFileSync(
      file,
      JSON.stringify({
        monitors: [
          {
            id: 'mail',
            name: 'Thư điện tử công vụ',
            kind: 'tcp',
            host: '127.0.0.1',
            port: (port.address() as { port: number }).port,
            intervalS: 3600,
            downAfter: 2,
          },
        ],
      }),
    );
    s = await startAlertsServer('sqlite', { env: { IOC_MONITORS_FILE: file } });
    // The live check at start (the next one is an hour away): up.
    for (let tries = 0; (await monitor()).lastCheckAt === null; tries++) {
      if (tries > 150) throw new Error('the live check never ran');
      await new Promise((r) => setTimeout(r, 100));
    }
    t0 = Date.now();
    const at = (msAgo: number) => new Date(t0 - msAgo).toISOString();
    const row = (msAgo: number, status: string, ms: number | null = null) => ({
      monitor_id: 'mail',
      at: at(msAgo),
      status,
      response_ms: ms,
      http_status: null,
      cert_expires_at: null,
      message: status === 'down' ? 'connection refused' : null,
    });
    const rows = [
      // 35 days ago: an outage outside the 30-day window.
      ...Array.from({ length: 8 }, (_, i) => row(35 * DAY + i * 60_000, 'down')),
      // 10 days ago: 3 down, 1 pending (not downtime), 4 in maintenance (not counted), 12 up.
      ...Array.from({ length: 3 }, (_, i) => row(10 * DAY + i * 60_000, 'down')),
      row(10 * DAY + 5 * 60_000, 'pending'),
      ...Array.from({ length: 4 }, (_, i) => row(10 * DAY + (10 + i) * 60_000, 'maintenance')),
      ...Array.from({ length: 12 }, (_, i) => row(10 * DAY + (20 + i) * 60_000, 'up', 90)),
      // The last 22 hours: 200 checks up (100–106 ms) and 2 down, more than the chart's 144 points.
      ...Array.from({ length: 200 }, (_, i) => row(22 * HOUR - i * 6 * 60_000, 'up', 100 + (i % 7))),
      row(12 * HOUR, 'down'),
      row(12 * HOUR - 30_000, 'down'),
    ];
    const db = withAlertTables(s.server.database.db);
    await db.insertInto('probe_results').values(rows).execute();
    await db
      .insertInto('probe_incidents')
      .values([
        { id: 'old', monitor_id: 'mail', started_at: at(35 * DAY), ended_at: at(35 * DAY - 3600_000), cause: 'old' },
        { id: 'month', monitor_id: 'mail', started_at: at(10 * DAY), ended_at: at(10 * DAY - 600_000), cause: 'x' },
        { id: 'open', monitor_id: 'mail', started_at: at(40 * DAY), ended_at: null, cause: 'still open' },
      ])
      .execute();
  }, 90_000);

  afterAll(async () => {
    await s?.stop();
    await new Promise((resolve) => port?.close(resolve));
    temp.remove();
  });

  it('counts only DOWN against uptime, leaves maintenance out, and keeps 24 h, 30 days and the period apart', async () => {
    const m = await monitor();
    // 24 h: 200 seeded up + the live check, 2 down.
    expect(m.uptime.day).toBe(99.01);
    // 30 days: + 12 up, 1 pending (counted as up), 3 down; maintenance not counted.
    expect(m.uptime.month).toBe(97.72);
    // The default period is the last 7 days: the same checks as the day.
    expect(m.uptime.period).toBe(99.01);
  });

  it('reads a reporting period the workstation asks for', async () => {
    const iso = (msAgo: number) => new Date(t0 - msAgo).toISOString();
    const old = await monitor(`?from=${iso(40 * DAY)}&to=${iso(30 * DAY)}`);
    expect(old.uptime.period).toBe(0);
    expect(old.uptime.day).toBe(99.01);
    const all = await monitor(`?from=${iso(40 * DAY)}&to=${new Date(Date.now() + 1000).toISOString()}`);
    // 213 up + 1 pending of 227 counted checks.
    expect(all.uptime.period).toBe(94.27);
    const empty = await monitor(`?from=${iso(60 * DAY)}&to=${iso(50 * DAY)}`);
    expect(empty.uptime.period).toBeNull();
    const reply = SystemsBoardReplySchema.parse((await board(`?from=${iso(40 * DAY)}&to=${iso(30 * DAY)}`)).body);
    expect(reply.board.period).toEqual({ from: iso(40 * DAY), to: iso(30 * DAY) });
  });

  it('refuses a period that ends before it starts, or is not a date', async () => {
    const now = new Date().toISOString();
    expect((await board(`?from=${now}&to=${new Date(Date.now() - DAY).toISOString()}`)).status).toBe(400);
    expect((await board('?from=yesterday')).status).toBe(400);
    expect((await board('?from=2026-11-01T00:00:00Z&color=red')).status).toBe(400);
  });

  it('draws the last day in at most 144 points, marking the failed checks', async () => {
    const m = await monitor();
    expect(m.responseTimes.length).toBeLessThanOrEqual(144);
    expect(m.responseTimes.length).toBeGreaterThan(100);
    expect(m.responseTimes.filter((p) => p.status === 'down').length).toBeGreaterThanOrEqual(1);
    // The last point is the live check's own bucket (a real connect: a few milliseconds).
    expect(m.responseTimes.at(-1)!.ms).toBe(m.lastResponseMs);
    for (const p of m.responseTimes.slice(0, -1).filter((x) => x.ms !== null)) {
      expect(p.ms).toBeGreaterThanOrEqual(100);
      expect(p.ms).toBeLessThanOrEqual(106);
    }
    const times = m.responseTimes.map((p) => Date.parse(p.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('lists the open incident and those of the last 30 days, not older ones', async () => {
    const reply = SystemsBoardReplySchema.parse((await board()).body);
    expect(reply.board.incidents.map((i) => i.id).sort()).toEqual(['month', 'open']);
    expect(reply.board.incidents.find((i) => i.id === 'open')).toMatchObject({
      monitorName: 'Thư điện tử công vụ',
      endedAt: null,
    });
  });
});
