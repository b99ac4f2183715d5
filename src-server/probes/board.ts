import type { Kysely } from 'kysely';
import {
  type Incident,
  type MonitorStatus,
  MonitorStatusSchema,
  type ResponsePoint,
  type SystemMonitor,
  type SystemsBoard,
} from '../../src-shared/contract/alerts';
import { withAlertTables } from '../alerts/tables';
import type { ServerDatabase } from '../db/schema';
import { type StatusCounts, uptimePercent } from './evaluate';
import { type Monitor, targetOf } from './monitors';

const DAY_MS = 86_400_000;
const SERIES_POINTS = 144;
const STATUS_WEIGHT: Record<MonitorStatus, number> = { down: 4, pending: 3, maintenance: 2, up: 1, unknown: 0 };

export interface BoardPeriod {
  from: Date;
  to: Date;
}

const statusOf = (text: string): MonitorStatus => {
  const parsed = MonitorStatusSchema.safeParse(text);
  return parsed.success ? parsed.data : 'unknown';
};

async function counts(
  db: ReturnType<typeof withAlertTables>,
  monitorId: string,
  from: string,
  to: string,
): Promise<StatusCounts> {
  const rows = await db
    .selectFrom('probe_results')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('monitor_id', '=', monitorId)
    .where('at', '>=', from)
    .where('at', '<', to)
    .groupBy('status')
    .execute();
  const c: StatusCounts = { up: 0, down: 0, pending: 0, maintenance: 0 };
  for (const r of rows) {
    const s = statusOf(r.status);
    if (s !== 'unknown') c[s] += Number(r.n);
  }
  return c;
}

/** The last day's checks averaged into at most 144 buckets; the worst status of a bucket is its status. */
function series(
  rows: { at: string; response_ms: number | null; status: string }[],
  from: number,
  to: number,
): ResponsePoint[] {
  if (rows.length <= SERIES_POINTS) {
    return rows.map((r) => ({ at: r.at, ms: r.response_ms, status: statusOf(r.status) }));
  }
  const width = (to - from) / SERIES_POINTS;
  const buckets = new Map<number, { sum: number; n: number; status: MonitorStatus; at: string }>();
  for (const r of rows) {
    const i = Math.min(SERIES_POINTS - 1, Math.floor((Date.parse(r.at) - from) / width));
    const b = buckets.get(i) ?? {
      sum: 0,
      n: 0,
      status: 'unknown' as MonitorStatus,
      at: new Date(from + i * width).toISOString(),
    };
    if (r.response_ms !== null) {
      b.sum += r.response_ms;
      b.n++;
    }
    const s = statusOf(r.status);
    if (STATUS_WEIGHT[s] > STATUS_WEIGHT[b.status]) b.status = s;
    buckets.set(i, b);
  }
  return [...buckets.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, b]) => ({ at: b.at, ms: b.n > 0 ? Math.round((b.sum / b.n) * 100) / 100 : null, status: b.status }));
}

/**
 * The Systems board: every configured monitor with its status and since when, the last check, certificate expiry,
 * uptime over 24 h, 30 days and the reporting period, the last day's response times, and the incidents.
 */
export async function readBoard(
  base: Kysely<ServerDatabase>,
  monitors: readonly Monitor[],
  period: BoardPeriod,
  now: Date,
): Promise<SystemsBoard> {
  const db = withAlertTables(base);
  const to = now.toISOString();
  const dayAgo = new Date(now.getTime() - DAY_MS).toISOString();
  const monthAgo = new Date(now.getTime() - 30 * DAY_MS).toISOString();
  const rows = await db.selectFrom('probe_monitors').selectAll().execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: SystemMonitor[] = [];
  for (const m of monitors) {
    const row = byId.get(m.id);
    const day = await db
      .selectFrom('probe_results')
      .select(['at', 'response_ms', 'status', 'message', 'cert_expires_at'])
      .where('monitor_id', '=', m.id)
      .where('at', '>=', dayAgo)
      .orderBy('at')
      .execute();
    const last = day.at(-1);
    const certRow =
      m.kind === 'http'
        ? await db
            .selectFrom('probe_results')
            .select('cert_expires_at')
            .where('monitor_id', '=', m.id)
            .where('cert_expires_at', 'is not', null)
            .orderBy('at', 'desc')
            .limit(1)
            .executeTakeFirst()
        : undefined;
    const certExpiresAt = certRow?.cert_expires_at ?? null;
    out.push({
      id: m.id,
      name: m.name,
      kind: m.kind,
      target: targetOf(m),
      intervalS: m.intervalS,
      status: row ? statusOf(row.status) : 'unknown',
      since: row?.status_since ?? null,
      lastCheckAt: last?.at ?? null,
      lastResponseMs: last?.response_ms ?? null,
      message: last?.message ?? null,
      certExpiresAt,
      certDaysLeft: certExpiresAt === null ? null : Math.floor((Date.parse(certExpiresAt) - now.getTime()) / DAY_MS),
      uptime: {
        day: uptimePercent(await counts(db, m.id, dayAgo, to)),
        month: uptimePercent(await counts(db, m.id, monthAgo, to)),
        period: uptimePercent(await counts(db, m.id, period.from.toISOString(), period.to.toISOString())),
      },
      responseTimes: series(day, now.getTime() - DAY_MS, now.getTime()),
    });
  }
  const names = new Map(monitors.map((m) => [m.id, m.name]));
  const incidentRows = await db
    .selectFrom('probe_incidents')
    .selectAll()
    .where((eb) => eb.or([eb('ended_at', 'is', null), eb('started_at', '>=', monthAgo)]))
    .orderBy('started_at', 'desc')
    .limit(200)
    .execute();
  const incidents: Incident[] = incidentRows
    .filter((r) => names.has(r.monitor_id))
    .map((r) => ({
      id: r.id,
      monitorId: r.monitor_id,
      monitorName: names.get(r.monitor_id)!,
      startedAt: r.started_at,
      endedAt: r.ended_at,
      cause: r.cause,
    }));
  return {
    generatedAt: to,
    period: { from: period.from.toISOString(), to: period.to.toISOString() },
    monitors: out,
    incidents,
  };
}
