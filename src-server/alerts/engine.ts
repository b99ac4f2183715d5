import type { Kysely, Transaction } from 'kysely';
import type { Alert, AlertFilter } from '../../src-shared/contract/alerts';
import { expire, liftSuppression } from '../../src-shared/domain/alerts/dedupe';
import type { AlertDomain, AlertSignal } from '../../src-shared/domain/alerts/model';
import type { WorkingCalendar } from '../../src-shared/domain/cases/calendar';
import type { ServerDatabase } from '../db/schema';
import type { Logger } from '../logging/logger';
import type { ServiceCatalog } from '../resources/catalog';
import type { SiteArea } from '../cases/site-areas';
import { createChangeWatch } from '../sync/change-watch';
import { acknowledgeAlert, type Actor, escalateAlert } from './actions';
import { type AppliedChange, applySignalsIn } from './apply-signals';
import { createBatcher } from './batcher';
import { reserveAlertSeqs } from './cursor';
import { createMaintenanceStore, type MaintenanceStore } from './maintenance-store';
import { type AlertPage, alertsSince, lastAlertSeq, listAlerts } from './queries';
import { conditionColumns, conditionOf } from './rows';
import { inAlertsTransaction, withAlertTables } from './tables';

export interface AlertEngineOptions {
  db: Kysely<ServerDatabase>;
  now: () => Date;
  logger: Logger;
  calendar: WorkingCalendar;
  catalog: ServiceCatalog;
  caseServices: Readonly<Record<AlertDomain, string>>;
  /** The centre's sites: an escalated alert's case goes to the one whose area holds the alert. */
  sites: readonly SiteArea[];
  /** Batching of signal writes; tests and the benchmark tune it. */
  batch?: { maxBatch?: number; delayMs?: number };
  /** How often expired FIWARE Alerts are cleared. */
  expiryCheckMs?: number;
  /** How often a waiting long-poll re-reads the cursor (other server instances write too). */
  watchIntervalMs?: number;
}

/** What `writeWith`'s caller took inside the transaction: the signals to write with it, and its own answer. */
export interface TakenSignals<T> {
  signals: readonly AlertSignal[];
  result: T;
}

export interface AlertEngineStats {
  signalsSubmitted: number;
  signalsWritten: number;
  signalsDropped: number;
  changes: number;
  pending: number;
}

export interface AlertEngine {
  /** Queues signals; they are written in batches, in order. */
  submit(signals: readonly AlertSignal[]): void;
  /** Resolves once everything submitted so far is stored. */
  drain(): Promise<void>;
  /**
   * Runs `take` and writes the signals it returns in one transaction, in turn with the batched writes: what `take`
   * wrote (a camera report's receipt) commits only with its alerts. Rejects, with nothing written, if either fails.
   */
  writeWith<T>(take: (trx: Transaction<ServerDatabase>) => Promise<TakenSignals<T>>): Promise<T>;
  list(filter: AlertFilter): Promise<Alert[]>;
  /** Alerts changed after `since`; waits up to `waitMs` when nothing is new (long-poll). */
  page(since: number, limit: number, waitMs: number, abort?: AbortSignal): Promise<AlertPage>;
  acknowledge(id: string, actor: Actor, note: string): Promise<Alert>;
  escalate(id: string, actor: Actor): Promise<{ alert: Alert; caseId: string; caseCode: string }>;
  expireDue(): Promise<number>;
  /** Unsuppresses active alerts whose maintenance window ended or was removed; the sweep runs it too. */
  liftEndedMaintenance(): Promise<number>;
  readonly maintenance: MaintenanceStore;
  onChange(listener: (changes: readonly AppliedChange[]) => void): () => void;
  stats(): AlertEngineStats;
  /** Answers every waiting long-poll now (the HTTP server is closing). */
  releaseWaiters(): void;
  dispose(): Promise<void>;
}

export async function createAlertEngine(options: AlertEngineOptions): Promise<AlertEngine> {
  const { db, now, logger } = options;
  const listeners = new Set<(changes: readonly AppliedChange[]) => void>();
  const stats = { signalsSubmitted: 0, signalsWritten: 0, signalsDropped: 0, changes: 0 };
  const maintenance = await createMaintenanceStore(db, (id) =>
    logger.warn('maintenance window unreadable; ignored', { id }),
  );
  const watch = createChangeWatch(() => lastAlertSeq(withAlertTables(db)), options.watchIntervalMs ?? 200);

  function announce(changes: readonly AppliedChange[]): void {
    if (changes.length === 0) return;
    stats.changes += changes.length;
    watch.poke();
    for (const listener of listeners) listener(changes);
  }

  const contextAt = (at: Date) => ({
    now: at,
    suppressed: (s: AlertSignal) => maintenance.covering({ sourceId: s.entityId, domain: s.domain }, at) !== null,
  });

  // Signal writes run one at a time in this process (batches and writeWith alike): two writes raising the same key
  // at once would both find it free and meet on its unique open_key.
  let turn: Promise<unknown> = Promise.resolve();
  function inTurn<R>(run: () => Promise<R>): Promise<R> {
    const next = turn.then(run);
    turn = next.catch(() => undefined);
    return next;
  }

  const writer = createBatcher<AlertSignal>({
    maxBatch: options.batch?.maxBatch ?? 2000,
    delayMs: options.batch?.delayMs ?? 20,
    write: (signals) =>
      inTurn(async () => {
        const at = now();
        const changes = await inAlertsTransaction(db, (trx) => applySignalsIn(trx, signals, contextAt(at)));
        stats.signalsWritten += signals.length;
        announce(changes);
      }),
    onError: (error, items, willRetry) => {
      if (!willRetry) stats.signalsDropped += items.length;
      logger.error(willRetry ? 'alert write failed; retrying' : 'alert write failed; signals dropped', {
        signals: items.length,
        error: error instanceof Error ? error.message : String(error),
      });
    },
  });

  async function expireDue(): Promise<number> {
    const at = now().toISOString();
    const changes = await inAlertsTransaction(db, async (trx) => {
      const due = await trx
        .selectFrom('alerts')
        .selectAll()
        .where('state', '=', 'active')
        .where('expires_at', '<=', at)
        .limit(500)
        .execute();
      if (due.length === 0) return [];
      const first = await reserveAlertSeqs(trx, due.length);
      const out: AppliedChange[] = [];
      for (const [i, row] of due.entries()) {
        const next = expire(conditionOf(row), at);
        if (!next) continue;
        const seq = first + i;
        await trx
          .updateTable('alerts')
          .set({ ...conditionColumns(next, row.dedupe_key), last_change: 'cleared', seq })
          .where('id', '=', row.id)
          .execute();
        await trx
          .insertInto('alert_events')
          .values({ alert_id: row.id, at, kind: 'cleared', actor: null, note: 'expired' })
          .execute();
        out.push({ alertId: row.id, kind: 'cleared', seq });
      }
      return out;
    });
    announce(changes);
    return changes.length;
  }

  async function liftEndedMaintenance(): Promise<number> {
    const at = now();
    const iso = at.toISOString();
    const changes = await inTurn(() =>
      inAlertsTransaction(db, async (trx) => {
        // Every silenced alert is looked at (a long window covering many must not hide one whose window ended);
        // at most 500 are lifted per sweep.
        const silenced = await trx
          .selectFrom('alerts')
          .select(['id', 'source_id', 'domain'])
          .where('state', '=', 'active')
          .where('suppressed', '=', 1)
          .execute();
        const ended = silenced
          .filter((r) => maintenance.covering({ sourceId: r.source_id, domain: r.domain as AlertDomain }, at) === null)
          .slice(0, 500)
          .map((r) => r.id);
        if (ended.length === 0) return [];
        const rows = await trx.selectFrom('alerts').selectAll().where('id', 'in', ended).execute();
        const due = rows.flatMap((row) => {
          const next = liftSuppression(conditionOf(row), false);
          return next ? [{ row, next }] : [];
        });
        if (due.length === 0) return [];
        const first = await reserveAlertSeqs(trx, due.length);
        const out: AppliedChange[] = [];
        for (const [i, { row, next }] of due.entries()) {
          const seq = first + i;
          await trx
            .updateTable('alerts')
            .set({ ...conditionColumns(next, row.dedupe_key), last_change: 'worsened', seq })
            .where('id', '=', row.id)
            .execute();
          await trx
            .insertInto('alert_events')
            .values({ alert_id: row.id, at: iso, kind: 'worsened', actor: null, note: 'maintenance ended' })
            .execute();
          out.push({ alertId: row.id, kind: 'worsened', seq });
        }
        return out;
      }),
    );
    announce(changes);
    return changes.length;
  }

  let sweep: Promise<void> | null = null;
  const sweeper = setInterval(() => {
    sweep ??= expireDue()
      .then(() => liftEndedMaintenance())
      .then(() => undefined)
      .catch((error: unknown) => logger.warn('alert expiry or maintenance check failed', { error: String(error) }))
      .finally(() => (sweep = null));
  }, options.expiryCheckMs ?? 15_000);

  const withAnnounce = async <T extends { seq: number; id: string }>(
    alert: Promise<T>,
    kind: AppliedChange['kind'],
  ) => {
    const a = await alert;
    announce([{ alertId: a.id, kind, seq: a.seq }]);
    return a;
  };

  return {
    submit(signals) {
      stats.signalsSubmitted += signals.length;
      for (const s of signals) writer.push(s);
    },
    drain: () => writer.drain(),
    writeWith: (take) =>
      inTurn(async () => {
        const at = now();
        const { result, signals, changes } = await inAlertsTransaction(db, async (trx, base) => {
          const taken = await take(base);
          return { ...taken, changes: await applySignalsIn(trx, taken.signals, contextAt(at)) };
        });
        stats.signalsSubmitted += signals.length;
        stats.signalsWritten += signals.length;
        announce(changes);
        return result;
      }),
    list: (filter) => listAlerts(db, filter),
    async page(since, limit, waitMs, abort) {
      const first = await alertsSince(db, since, limit, now());
      if (waitMs <= 0 || first.alerts.length > 0 || since === 0) return first;
      await watch.wait(first.cursor, waitMs, abort);
      return abort?.aborted ? first : alertsSince(db, since, limit, now());
    },
    acknowledge: (id, actor, note) => withAnnounce(acknowledgeAlert(db, id, actor, note, now()), 'acknowledged'),
    async escalate(id, actor) {
      const result = await escalateAlert(db, id, actor, options, now());
      announce([{ alertId: id, kind: 'case_opened', seq: result.alert.seq }]);
      return result;
    },
    expireDue,
    liftEndedMaintenance,
    maintenance,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stats: () => ({ ...stats, pending: writer.pending() }),
    releaseWaiters: () => watch.dispose(),
    async dispose() {
      clearInterval(sweeper);
      await sweep;
      await writer.dispose();
      watch.dispose();
    },
  };
}
