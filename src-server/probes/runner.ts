import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type MonitorStatus, MonitorStatusSchema } from '../../src-shared/contract/alerts';
import type { AlertEngine } from '../alerts/engine';
import type { MaintenanceStore } from '../alerts/maintenance-store';
import { inAlertsTransaction, withAlertTables } from '../alerts/tables';
import type { ServerDatabase } from '../db/schema';
import type { Logger } from '../logging/logger';
import { type CheckResult, checkHttp, checkTcp } from './checks';
import { type MonitorState, nextState, probeSignals } from './evaluate';
import { hashHeartbeatToken, type Monitor } from './monitors';

/** Probe history kept: a semi-annual report (due 25 June and 25 December) needs the last half-year and a margin. */
export const KEEP_RESULTS_MS = 400 * 86_400_000;

export interface ProbeRunnerOptions {
  db: Kysely<ServerDatabase>;
  engine: AlertEngine;
  maintenance: MaintenanceStore;
  monitors: readonly Monitor[];
  logger: Logger;
  now: () => Date;
}

export interface ProbeRunner {
  readonly monitors: readonly Monitor[];
  start(): Promise<void>;
  /** A push monitor's heartbeat; false when no monitor has this token. */
  beat(token: string): Promise<boolean>;
  /** Runs one check of a monitor now (tests, and the first check at start). */
  checkNow(id: string): Promise<void>;
  dispose(): Promise<void>;
}

export function createProbeRunner(options: ProbeRunnerOptions): ProbeRunner {
  const { db, engine, logger, now } = options;
  const adb = withAlertTables(db);
  const monitors = options.monitors;
  const states = new Map<string, MonitorState>();
  const lastBeat = new Map<string, number>();
  const timers = new Map<string, NodeJS.Timeout>();
  const inFlight = new Set<Promise<void>>();
  const aborts = new AbortController();
  let pruneTimer: NodeJS.Timeout | null = null;
  let stopped = false;

  async function record(m: Monitor, result: CheckResult): Promise<void> {
    const at = now();
    const stamp = at.toISOString();
    const inMaintenance = options.maintenance.covering({ sourceId: m.id, domain: 'gov_systems' }, at) !== null;
    const prev = states.get(m.id) ?? { status: 'unknown' as MonitorStatus, failures: 0 };
    const next = nextState(prev, result.ok, m.downAfter, inMaintenance);
    states.set(m.id, next);
    const recorded = next.status === 'unknown' ? 'pending' : next.status;
    const changed = prev.status !== next.status;
    await inAlertsTransaction(db, async (trx) => {
      await trx
        .insertInto('probe_results')
        .values({
          monitor_id: m.id,
          at: stamp,
          status: recorded,
          response_ms: result.ms,
          http_status: result.httpStatus,
          cert_expires_at: result.certExpiresAt,
          message: result.message?.slice(0, 500) ?? null,
        })
        .execute();
      await trx
        .updateTable('probe_monitors')
        .set({
          status: next.status,
          failures: next.failures,
          updated_at: stamp,
          ...(changed ? { status_since: stamp } : {}),
        })
        .where('id', '=', m.id)
        .execute();
      if (changed && next.status === 'down') {
        await trx
          .insertInto('probe_incidents')
          .values({
            id: randomUUID(),
            monitor_id: m.id,
            started_at: stamp,
            ended_at: null,
            cause: (result.message ?? 'down').slice(0, 500),
          })
          .execute();
      } else if (changed && prev.status === 'down') {
        await trx
          .updateTable('probe_incidents')
          .set({ ended_at: stamp })
          .where('monitor_id', '=', m.id)
          .where('ended_at', 'is', null)
          .execute();
      }
    });
    if (changed)
      logger.info('monitor status', { monitor: m.id, from: prev.status, to: next.status, detail: result.message });
    engine.submit(probeSignals(m, next, result, at));
  }

  async function runCheck(m: Monitor): Promise<void> {
    let result: CheckResult;
    if (m.kind === 'http') result = await checkHttp(m, aborts.signal);
    else if (m.kind === 'tcp') result = await checkTcp(m, aborts.signal);
    else {
      const last = lastBeat.get(m.id);
      const late = last === undefined || now().getTime() - last > m.intervalS * 1000;
      if (!late) return; // the push itself recorded an UP result
      result = { ok: false, ms: null, httpStatus: null, certExpiresAt: null, message: 'no heartbeat received in time' };
    }
    if (stopped) return;
    await record(m, result);
  }

  function track(work: Promise<void>, m: Monitor): Promise<void> {
    const guarded = work.catch((error: unknown) =>
      logger.error('probe failed', { monitor: m.id, error: error instanceof Error ? error.message : String(error) }),
    );
    inFlight.add(guarded);
    void guarded.finally(() => inFlight.delete(guarded));
    return guarded;
  }

  function schedule(m: Monitor, delayMs: number): void {
    if (stopped) return;
    timers.set(
      m.id,
      setTimeout(() => {
        void track(runCheck(m), m).finally(() => schedule(m, m.intervalS * 1000));
      }, delayMs),
    );
  }

  async function syncMonitors(): Promise<void> {
    const stamp = now().toISOString();
    const rows = await adb.selectFrom('probe_monitors').select(['id', 'status', 'failures']).execute();
    const stored = new Map(rows.map((r) => [r.id, r]));
    for (const m of monitors) {
      const row = stored.get(m.id);
      const heartbeat = m.kind === 'heartbeat' ? m.tokenSha256 : null;
      if (row) {
        const parsed = MonitorStatusSchema.safeParse(row.status);
        states.set(m.id, { status: parsed.success ? parsed.data : 'unknown', failures: row.failures });
        await adb
          .updateTable('probe_monitors')
          .set({
            name: m.name,
            kind: m.kind,
            definition: JSON.stringify(m),
            heartbeat_hash: heartbeat,
            updated_at: stamp,
          })
          .where('id', '=', m.id)
          .execute();
      } else {
        states.set(m.id, { status: 'unknown', failures: 0 });
        await adb
          .insertInto('probe_monitors')
          .values({
            id: m.id,
            name: m.name,
            kind: m.kind,
            definition: JSON.stringify(m),
            heartbeat_hash: heartbeat,
            status: 'unknown',
            status_since: null,
            failures: 0,
            updated_at: stamp,
          })
          .execute();
      }
    }
  }

  async function prune(): Promise<void> {
    const before = new Date(now().getTime() - KEEP_RESULTS_MS).toISOString();
    await adb.deleteFrom('probe_results').where('at', '<', before).execute();
  }

  return {
    monitors,
    async start() {
      await syncMonitors();
      // Spread the first checks over up to two seconds so a board of monitors does not fire at once.
      monitors.forEach((m, i) => schedule(m, Math.min(m.intervalS * 1000, (2000 * i) / Math.max(1, monitors.length))));
      pruneTimer = setInterval(() => void prune().catch(() => undefined), 3600_000);
    },
    async beat(token) {
      const hash = hashHeartbeatToken(token);
      const m = monitors.find((x) => x.kind === 'heartbeat' && x.tokenSha256 === hash);
      if (!m || stopped) return false;
      lastBeat.set(m.id, now().getTime());
      await track(record(m, { ok: true, ms: null, httpStatus: null, certExpiresAt: null, message: null }), m);
      return true;
    },
    async checkNow(id) {
      const m = monitors.find((x) => x.id === id);
      if (m) await track(runCheck(m), m);
    },
    async dispose() {
      stopped = true;
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      if (pruneTimer) clearInterval(pruneTimer);
      aborts.abort();
      await Promise.all([...inFlight]);
    },
  };
}
