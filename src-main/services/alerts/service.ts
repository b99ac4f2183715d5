import type { EventName, EventPayload } from '../../../src-shared/contract';
import { CommandError, type ErrorCode } from '../../../src-shared/contract/errors';
import type {
  Alert,
  AlertFilter,
  AlertLink,
  Asset,
  AssetImportFormat,
  AssetImportReport,
  SystemsBoard,
} from '../../../src-shared/contract/alerts';
import type { Disposable } from '../../../src-shared/domain/disposable';
import { createAlertMirror } from './mirror';
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
  logger: AlertsLogger;
  publish: <N extends EventName>(event: N, payload: EventPayload<N>) => void;
  timing?: Partial<AlertsTiming>;
  now?: () => Date;
}

export interface AlertsService extends Disposable {
  start(): void;
  list(filter: AlertFilter): { alerts: Alert[]; link: AlertLink };
  acknowledge(id: string, note: string, actorUsername: string): Promise<Alert>;
  escalate(id: string, actorUsername: string): Promise<{ alert: Alert; caseId: string; caseCode: string }>;
  board(from?: string, to?: string): Promise<SystemsBoard>;
  assets(): Promise<Asset[]>;
  /** Imports a register on the server and waits for the outcome: every row imported, or none and the bad lines. */
  importAssets(
    format: AssetImportFormat,
    fileName: string,
    file: Uint8Array,
    actorUsername: string,
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
 * pull then a long-poll on `GET /api/alerts` with the sync engine's device credentials, `alert.changed` events
 * for the UI, and acknowledge / escalate / Systems board passed through to the server for the signed-in user.
 * The mirror lives in memory: it is rebuilt from the server at start (moving it onto the sync channel later
 * gives it the offline cache and the outbox).
 */
export function createAlertsService(options: AlertsServiceOptions): AlertsService {
  const timing = { ...DEFAULT_ALERTS_TIMING, ...options.timing };
  const now = options.now ?? (() => new Date());
  const mirror = createAlertMirror();
  const client = options.link ? createServerClient(options.link) : null;
  const stop = new AbortController();
  let status: AlertLink = options.link
    ? { state: 'connecting', lastSyncAt: null, message: null }
    : { state: 'not_configured', lastSyncAt: null, message: 'No central server is configured (--server).' };
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;

  function publishChanges(alerts: readonly Alert[]): void {
    for (const alert of alerts) options.publish('alert.changed', { kind: alert.lastChange, alert });
  }

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
    let cursor = 0;
    let upToDate = false;
    let failures = 0;
    while (!stop.signal.aborted) {
      try {
        const page = await client.page(cursor, upToDate ? timing.waitS : 0, stop.signal);
        if (stop.signal.aborted) return;
        if (cursor === 0) mirror.clear();
        publishChanges(mirror.apply(page.alerts));
        mirror.prune(now());
        cursor = page.cursor;
        upToDate = page.upToDate;
        failures = 0;
        if (status.state !== 'connected') options.logger.info('alerts: connected to the central server');
        status = { state: 'connected', lastSyncAt: now().toISOString(), message: null };
      } catch (error) {
        if (stop.signal.aborted) return;
        const e = error instanceof ServerCallError ? error : new ServerCallError('bad_reply', null, String(error));
        const waiting = e.kind === 'not_enrolled';
        if (status.message !== e.message)
          options.logger.warn('alerts: cannot pull from the central server', { error: e.message });
        status = { state: waiting ? 'connecting' : 'offline', lastSyncAt: status.lastSyncAt, message: e.message };
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
    publishChanges(mirror.apply([alert]));
    return mirror.get(alert.id) ?? alert;
  }

  return {
    start() {
      loop ??= run().catch((error: unknown) =>
        options.logger.warn('alerts: pull loop stopped', { error: String(error) }),
      );
    },
    list: (filter) => ({ alerts: mirror.list(filter), link: status }),
    link: () => status,
    acknowledge: (id, note, actor) =>
      viaServer(async () => applyOne((await client!.acknowledge(id, actor, note)).alert)),
    escalate: (id, actor) =>
      viaServer(async () => {
        const r = await client!.escalate(id, actor);
        return { alert: applyOne(r.alert), caseId: r.caseId, caseCode: r.caseCode };
      }),
    board: (from, to) => viaServer(async () => (await client!.board(from, to)).board),
    assets: () => viaServer(async () => (await client!.assets()).assets),
    importAssets: (format, fileName, file, actor) =>
      viaServer(async () => {
        let progress = (await client!.startImport(format, fileName, file, actor)).import;
        while (progress.status === 'validating' || progress.status === 'writing') {
          if (stop.signal.aborted) throw new CommandError('unavailable', 'The workstation is shutting down.');
          await new Promise((resolve) => setTimeout(resolve, timing.importPollMs));
          progress = (await client!.importProgress(progress.id)).import;
        }
        return { ...progress, status: progress.status };
      }),
    async dispose() {
      stop.abort();
      wake?.();
      await loop;
    },
  };
}
