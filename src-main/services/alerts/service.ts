import type BetterSqlite3 from 'better-sqlite3';
import type { EventName, EventPayload } from '../../../src-shared/contract';
import { CommandError, type ErrorCode } from '../../../src-shared/contract/errors';
import type {
  Alert,
  AlertFilter,
  AlertLink,
  Asset,
  AssetImportFormat,
  AssetImportProgress,
  AssetImportReport,
  AssetImportStep,
  SystemsBoard,
} from '../../../src-shared/contract/alerts';
import type { Disposable } from '../../../src-shared/domain/disposable';
import { createAlertMirror } from './mirror';
import { type AlertOutbox, createPendingAcks } from './pending-acks';
import { createSavedAlerts } from './saved-alerts';
import { createServerClient, ServerCallError, type ServerLink } from './server-client';

export interface AlertsLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

export interface AlertsTiming {
  /** How long the server may hold a pull open (≤ 25 s). */
  waitS: number;
  retryBaseMs: number;
  retryCapMs: number;
  /** While the sync engine has not enrolled this workstation yet. */
  enrolPollMs: number;
  /** How often an asset import on the server is asked how it is going. */
  importPollMs: number;
}

export const DEFAULT_ALERTS_TIMING: AlertsTiming = {
  waitS: 25,
  retryBaseMs: 1000,
  retryCapMs: 30_000,
  enrolPollMs: 2000,
  importPollMs: 250,
};

export interface AlertsServiceOptions {
  /** null: no central server configured; the list stays empty and says why. */
  link: ServerLink | null;
  /** The workstation's database (migration 010): the mirror and its feed cursor outlive a restart. */
  sqlite: BetterSqlite3.Database;
  /** The sync outbox acknowledgements travel through (the sync service). */
  outbox: AlertOutbox;
  logger: AlertsLogger;
  publish: <N extends EventName>(event: N, payload: EventPayload<N>) => void;
  timing?: Partial<AlertsTiming>;
  now?: () => Date;
}

export interface AlertsService extends Disposable {
  start(): void;
  list(filter: AlertFilter): { alerts: Alert[]; link: AlertLink };
  /** Recorded here at once and queued for the central server; the alert shows as pending until it confirms. */
  acknowledge(id: string, note: string, actor: { userId: string; username: string }): Alert;
  escalate(id: string, actorUsername: string): Promise<{ alert: Alert; caseId: string; caseCode: string }>;
  board(from?: string, to?: string): Promise<SystemsBoard>;
  assets(): Promise<Asset[]>;
  /**
   * Imports a register on the server and waits for the outcome: every row imported, or none and the bad lines.
   * `onStep` is told where the server is (checking, writing, rows done of the total) until then.
   */
  importAssets(
    format: AssetImportFormat,
    fileName: string,
    file: Uint8Array,
    actorUsername: string,
    onStep?: (step: AssetImportStep) => void,
  ): Promise<AssetImportReport>;
  link(): AlertLink;
}

const REFUSAL: Record<string, ErrorCode> = {
  not_found: 'not_found',
  conflict: 'conflict',
  forbidden: 'forbidden',
  invalid_input: 'invalid_input',
};

/** A server call's failure as the contract error an operator sees. */
function commandErrorOf(error: unknown): CommandError {
  if (!(error instanceof ServerCallError)) return new CommandError('internal', 'The alert service failed.');
  if (error.kind === 'refused') return new CommandError(REFUSAL[error.code ?? ''] ?? 'unavailable', error.message);
  return new CommandError('unavailable', error.message);
}

/**
 * The workstation side of alerts (DESIGN.md §6): a mirror of the central server's alerts kept current by a paged
 * pull then a long-poll on `GET /api/alerts` with the sync engine's device credentials, saved on disk with its
 * cursor so a restart without the server still shows the last known alerts (the link says they may be stale);
 * `alert.changed` events for the UI. Acknowledging goes through the sync outbox (works offline, applied once);
 * escalate, the Systems board and asset imports need the server and say so when it is away.
 */
export function createAlertsService(options: AlertsServiceOptions): AlertsService {
  const timing = { ...DEFAULT_ALERTS_TIMING, ...options.timing };
  const now = options.now ?? (() => new Date());
  const saved = createSavedAlerts(options.sqlite);
  const loaded = saved.load();
  const serverUrl = options.link?.serverUrl ?? null;
  const pending = createPendingAcks(saved, options.outbox, loaded.pending);
  const mirror = createAlertMirror((a) => pending.view(a));
  mirror.apply(loaded.alerts);
  const client = options.link ? createServerClient(options.link) : null;
  const stop = new AbortController();
  let status: AlertLink = options.link
    ? { state: 'connecting', lastSyncAt: loaded.feed.lastSyncAt, message: null }
    : { state: 'not_configured', lastSyncAt: null, message: 'No central server is configured (--server).' };
  // What the list shows came from disk, not from the server: stale until the server answers.
  let stale = mirror.size() > 0;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;

  function publishChanges(alerts: readonly Alert[]): void {
    for (const alert of alerts)
      options.publish('alert.changed', { kind: alert.lastChange, alert: pending.view(alert) });
  }

  /** Ends the pending marks of refused acknowledgements and shows the refusals (and those resolved since). */
  function dropRefused(): void {
    const refused = pending.dropRefused();
    if (refused.length > 0) options.logger.warn('alerts: acknowledgements refused by the central server', { refused });
    const changed = new Set([...refused, ...pending.refreshConflicts()]);
    publishChanges([...changed].flatMap((id) => mirror.get(id) ?? []));
  }
  const stopWatching = options.outbox.onOutboxChanged(() => {
    try {
      dropRefused();
      // The server applied a queued acknowledgement: read its copy now rather than after the feed's backoff.
      if (pending.anyApplied()) wake?.();
    } catch (error) {
      options.logger.warn('alerts: cannot check queued acknowledgements', { error: String(error) });
    }
  });

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        stop.signal.removeEventListener('abort', done);
        wake = null;
        resolve();
      }
      wake = done;
      stop.signal.addEventListener('abort', done, { once: true });
    });
  }

  async function run(): Promise<void> {
    if (!client) return;
    // Another server's cursor means nothing here: start from nothing (the first page replaces the mirror).
    const sameServer = loaded.feed.serverUrl === serverUrl;
    let cursor = sameServer ? loaded.feed.cursor : 0;
    let epoch = sameServer ? (loaded.feed.epoch ?? null) : null;
    let upToDate = false;
    let failures = 0;
    while (!stop.signal.aborted) {
      try {
        const page = await client.page(cursor, upToDate ? timing.waitS : 0, stop.signal);
        if (stop.signal.aborted) return;
        if (cursor !== 0 && epoch !== null && page.epoch !== undefined && page.epoch !== epoch) {
          // The server's data was replaced (restored, reset): this cursor counts in another history. Read it all
          // again from nothing; acknowledgements queued here stay queued (and marked where their alert returns).
          options.logger.warn('alerts: the central server’s data epoch changed; reading every alert again', {
            from: epoch,
            to: page.epoch,
          });
          cursor = 0;
          epoch = null;
          upToDate = false;
          continue;
        }
        const at = now();
        const fresh = cursor === 0;
        epoch = page.epoch ?? epoch;
        saved.savePage(
          page.alerts,
          { serverUrl, cursor: page.cursor, lastSyncAt: at.toISOString(), epoch },
          { fresh, now: at, keep: pending.all() },
        );
        // Another server, a new epoch or the first pull: the page replaced the mirror; queued acknowledgements
        // stay (their commands are in the outbox either way) and show again on their alerts.
        if (fresh) mirror.clear();
        pending.settleFrom(page.alerts);
        publishChanges(mirror.apply(page.alerts));
        pending.forget(mirror.prune(at));
        cursor = page.cursor;
        upToDate = page.upToDate;
        failures = 0;
        stale = false;
        if (status.state !== 'connected') options.logger.info('alerts: connected to the central server');
        status = { state: 'connected', lastSyncAt: at.toISOString(), message: null };
      } catch (error) {
        if (stop.signal.aborted) return;
        const e = error instanceof ServerCallError ? error : new ServerCallError('bad_reply', null, String(error));
        const waiting = e.kind === 'not_enrolled';
        if (status.message !== e.message)
          options.logger.warn('alerts: cannot pull from the central server', { error: e.message });
        status = { state: waiting ? 'connecting' : 'offline', lastSyncAt: status.lastSyncAt, message: e.message };
        stale = mirror.size() > 0;
        upToDate = false;
        const ceiling = Math.min(timing.retryCapMs, timing.retryBaseMs * 2 ** Math.min(failures++, 20));
        await sleep(waiting ? timing.enrolPollMs : timing.retryBaseMs + Math.random() * (ceiling - timing.retryBaseMs));
      }
    }
  }

  async function viaServer<T>(action: () => Promise<T>): Promise<T> {
    if (!client) throw new CommandError('unavailable', 'No central server is configured (--server).');
    try {
      return await action();
    } catch (error) {
      throw commandErrorOf(error);
    }
  }

  function applyOne(alert: Alert): Alert {
    pending.settleFrom([alert]);
    publishChanges(mirror.apply([alert]));
    return pending.view(mirror.get(alert.id) ?? alert);
  }

  function linkNow(): AlertLink {
    // A conflict discarded or retried in the inbox changes nothing in the outbox's view of this alert: read again.
    publishChanges(pending.refreshConflicts().flatMap((id) => mirror.get(id) ?? []));
    return { ...status, stale: status.state !== 'not_configured' && stale, pendingAcks: pending.count() };
  }

  function acknowledge(id: string, note: string, actor: { userId: string; username: string }): Alert {
    const known = mirror.get(id);
    if (!known) throw new CommandError('not_found', `There is no alert "${id.slice(0, 100)}" on this workstation.`);
    const shown = pending.view(known);
    if (shown.ackPending) {
      throw new CommandError(
        'conflict',
        `Already acknowledged on this workstation by ${shown.ackBy ?? '?'}; waiting for the central server.`,
      );
    }
    if (shown.acknowledged) {
      throw new CommandError(
        'conflict',
        `Already acknowledged by ${shown.ackBy ?? 'someone'} at ${shown.ackAt ?? '?'}.`,
      );
    }
    pending.queue(id, note, actor, now());
    const alert = pending.view(known);
    options.publish('alert.changed', { kind: 'acknowledged', alert });
    return alert;
  }

  return {
    start() {
      // Commands refused while this workstation was stopped.
      dropRefused();
      loop ??= run().catch((error: unknown) =>
        options.logger.warn('alerts: pull loop stopped', { error: String(error) }),
      );
    },
    list(filter) {
      const link = linkNow();
      return { alerts: mirror.list(filter), link };
    },
    link: linkNow,
    acknowledge,
    escalate: (id, actor) =>
      viaServer(async () => {
        const r = await client!.escalate(id, actor);
        return { alert: applyOne(r.alert), caseId: r.caseId, caseCode: r.caseCode };
      }),
    board: (from, to) => viaServer(async () => (await client!.board(from, to)).board),
    assets: () => viaServer(async () => (await client!.assets()).assets),
    importAssets: (format, fileName, file, actor, onStep) =>
      viaServer(async () => {
        const tell = (p: AssetImportProgress) => {
          if (p.status === 'validating' || p.status === 'writing')
            onStep?.({
              status: p.status,
              processedRows: p.processedRows,
              totalRows: p.totalRows,
              ...(p.badRows === undefined ? {} : { badRows: p.badRows }),
              ...(p.goodRows === undefined ? {} : { goodRows: p.goodRows }),
            });
        };
        let progress = await client!.importAssets(format, fileName, file, actor, tell, stop.signal);
        // A server that does not stream the steps answers with the import just started, then is asked how it goes.
        tell(progress);
        while (progress.status === 'validating' || progress.status === 'writing') {
          if (stop.signal.aborted) throw new CommandError('unavailable', 'The workstation is shutting down.');
          await new Promise((resolve) => setTimeout(resolve, timing.importPollMs));
          progress = (await client!.importProgress(progress.id)).import;
          tell(progress);
        }
        return { ...progress, status: progress.status };
      }),
    async dispose() {
      stopWatching();
      stop.abort();
      wake?.();
      await loop;
    },
  };
}
