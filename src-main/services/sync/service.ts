import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import type { EventName, EventPayload } from '../../../src-shared/contract';
import type { SyncStatus } from '../../../src-shared/contract/cases';
import type { Disposable } from '../../../src-shared/domain/disposable';
import { alertCommandSubject } from '../../../src-shared/sync/alert-protocol';
import type { AuditLog } from '../audit';
import type { SecretsService } from '../secrets';
import { type Store, writeTransaction } from '../store';
import { createAuditPush } from './audit-push';
import { createLocalBlobStore } from './blob-store';
import { createBlobCleanup } from './blob-cleanup';
import { createBlobUploads, type StagedBlob } from './blob-upload';
import { createClientRow } from './client-row';
import { createConflicts } from './conflicts';
import { type CredentialStore, createSecretCredentialStore } from './credentials';
import type { SyncFailure } from './failure';
import { createHttpTransport } from './http-transport';
import { createSyncLoop, DEFAULT_LOOP_TIMING, type LoopTiming } from './loop';
import { type CasesTouched, createMirror, type WallItemRef, type WallTouched } from './mirror';
import { createOutbox, type NewCommand, type OutboxEntry, wallItemOf } from './outbox';
import { type SyncState, statusOf } from './status';
import { createSyncSteps, type SyncSteps } from './steps';
import type { DeviceCredentials, SyncTransport } from './transport';

export interface SyncLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface SyncServiceOptions {
  store: Store;
  audit: AuditLog;
  secrets: SecretsService;
  logger: SyncLogger;
  publish: <N extends EventName>(event: N, payload: EventPayload<N>) => void;
  /** The central server; null: commands queue locally and nothing syncs (`not_configured`). */
  serverUrl: string | null;
  /** IOC_SYNC_ENROL_SECRET: lets this workstation enrol itself (demo/embedded server). */
  enrolSecret: string | null;
  clientVersion: string;
  deviceLabel?: string;
  /** Tests: another network, a credential store without the secrets key, faster timing. */
  transport?: SyncTransport;
  credentials?: CredentialStore;
  timing?: Partial<LoopTiming & { watchdogMs: number; watchdogCheckMs: number; pageLimit: number }>;
  now?: () => Date;
}

/** Applied commands the mirror already shows are kept this long (a restored server gets them again). */
const KEEP_APPLIED_MS = 30 * 86_400_000;

export interface SyncService extends Disposable {
  start(): void;
  status(): SyncStatus;
  /**
   * Queues a command with its audit record and optimistic view in one synchronous=FULL transaction;
   * `alsoInTransaction` adds other local effects to it.
   */
  enqueue(
    command: NewCommand,
    alsoInTransaction?: (entry: { id: number; seq: number }) => void,
  ): { seq: number; pending: number };
  /**
   * Registers what rebuilds the optimistic view of cases; it runs inside every transaction that changes a case's
   * mirror rows or unanswered commands (and once now, for everything).
   */
  useOptimisticView(refresh: CasesTouched): void;
  /**
   * The same for wall layouts and tours (layouts/sync-view.ts): runs inside every transaction that changes an
   * item's mirror row or unanswered commands, and once now for every item that has either.
   */
  useWallView(refresh: WallTouched): void;
  /** A layout's or tour's commands the view lays over its mirror row. */
  unsettledWall(item: WallItemRef): OutboxEntry[];
  /** Items with commands the view still lays over the mirror. */
  unsettledWallItems(): WallItemRef[];
  /** Every item this workstation ever queued a command about. */
  everQueuedWall(): WallItemRef[];
  /** Where queued commands stand, by outbox id; ids pruned from the outbox are absent. */
  commandStates(ids: readonly number[]): Map<number, OutboxEntry['state']>;
  /** Called after the server answered commands or a page was saved; returns the function that stops it. */
  onOutboxChanged(listener: () => void): () => void;
  /** Commands the optimistic view lays over the mirror (pending, or applied but not yet mirrored). */
  unsettled(caseId?: string): OutboxEntry[];
  /** The cases those commands are about. */
  unsettledCaseIds(): Set<string>;
  conflicts: ReturnType<typeof createConflicts>;
  /** Wake the worker: something to push, or the operator asked to sync now. */
  kick(): void;
  /** Publishes `case.changed` and `sync.status` after a local change. */
  notifyLocal(caseIds: readonly string[]): void;
  /** One step at a time without the worker (tests, tools); null without a server. Do not mix with start(). */
  readonly steps: SyncSteps | null;
  /** For online look-ups beside the sync streams (cases/lookups.ts); null without a server or before enrolment. */
  deviceAccess(): DeviceAccess | null;
  /**
   * Keeps a file the outbox will upload (content-addressed, flushed to disk); call before the transaction that
   * queues the commands naming it, and `stageBlob` inside that transaction.
   */
  storeBlob(bytes: Uint8Array): { sha256: string; size: number };
  stageBlob(blob: StagedBlob): void;
}

export interface DeviceAccess {
  serverUrl: string;
  clientVersion: string;
  credentials: DeviceCredentials;
}

export function createSyncService(options: SyncServiceOptions): SyncService {
  const now = options.now ?? (() => new Date());
  const { sqlite } = options.store;
  const { logger } = options;
  const client = createClientRow(sqlite, now);
  let refresher: CasesTouched | null = null;
  const touched: CasesTouched = (caseIds) => refresher?.(caseIds);
  let wallRefresher: WallTouched | null = null;
  const wallTouched: WallTouched = (items) => wallRefresher?.(items);
  const outbox = createOutbox(sqlite, client, now, touched, wallTouched);
  const mirror = createMirror(
    sqlite,
    client,
    now,
    touched,
    { touched: wallTouched, settledBetween: (since, cursorSeq) => outbox.wallSettledBetween(since, cursorSeq) },
    { onWarning: (message, fields) => logger.warn(message, fields) },
  );
  const auditPush = createAuditPush(sqlite, now);
  const blobs = createLocalBlobStore(join(dirname(options.store.path), 'outbox-media'));
  const uploads = createBlobUploads({ sqlite, blobs, now, clientVersion: options.clientVersion });
  const blobCleanup = createBlobCleanup(sqlite, blobs);
  const watchdogMs = options.timing?.watchdogMs ?? 60_000;
  const credentials =
    options.credentials ??
    createSecretCredentialStore(sqlite, options.secrets, (message) =>
      logger.warn('sync device secret unreadable; enrolling again', { error: message }),
    );

  const serverUrl = options.serverUrl;
  if (serverUrl !== null && client.read().serverUrl !== null && client.read().serverUrl !== serverUrl) {
    // Another central server: its device, cursor and cases are not this one's. The outbox stays.
    logger.warn('sync server changed: enrolling again and pulling everything', { from: client.read().serverUrl });
    credentials.clear();
    mirror.reset();
  }
  outbox.prune(client.read().cursorSeq, KEEP_APPLIED_MS);
  const swept = blobCleanup.sweep();
  if (swept.rows + swept.files > 0) logger.info('outbox files no command needs were deleted', swept);

  let state: SyncState = serverUrl === null ? 'not_configured' : 'connecting';
  let connected = false;
  let lastError: SyncFailure | null = null;
  let lastProgress = performance.now();
  let lastPending = -1;
  let published = '';
  const outboxListeners = new Set<() => void>();

  function status(): SyncStatus {
    const counts = outbox.counts();
    if (counts.pending === 0 || counts.pending < lastPending) lastProgress = performance.now();
    lastPending = counts.pending;
    return statusOf({
      state,
      connected,
      serverUrl,
      pending: counts.pending,
      oldestPendingAt: counts.oldestPendingAt,
      conflicts: conflicts.count(),
      lastSyncAt: client.read().lastSyncAt,
      lastError: lastError?.message ?? null,
      minVersion: lastError?.detail.minVersion ?? null,
      waitingMs: performance.now() - lastProgress,
      watchdogMs,
    });
  }

  function publishStatus(): SyncStatus {
    const current = status();
    const text = JSON.stringify(current);
    if (text !== published) {
      published = text;
      options.publish('sync.status', current);
    }
    return current;
  }

  function publishCases(caseIds: readonly string[], source: 'sync' | 'local' | 'resync'): void {
    const all = source === 'resync' || caseIds.length > 500;
    options.publish('case.changed', { caseIds: all ? [] : [...caseIds], all, source });
  }

  const transport =
    options.transport ??
    (serverUrl === null ? null : createHttpTransport({ serverUrl, clientVersion: options.clientVersion }));
  const steps =
    transport && serverUrl !== null
      ? createSyncSteps({
          sqlite,
          transport,
          client,
          outbox,
          mirror,
          auditPush,
          credentials,
          serverUrl,
          enrolSecret: options.enrolSecret,
          deviceLabel: options.deviceLabel ?? `IOC Wall ${hostname()}`.slice(0, 200),
          pageLimit: options.timing?.pageLimit,
          uploads,
          blobCleanup,
          onWarning: (message, fields) => logger.warn(message, fields),
        })
      : null;

  let reportedError = '';
  const loop = steps
    ? createSyncLoop(
        steps,
        {
          onReachable(value) {
            if (value !== connected) logger.info(value ? 'central server reachable' : 'central server unreachable');
            connected = value;
          },
          onState(next, error) {
            state = next;
            lastError = error;
            const text = error ? `${error.kind}: ${error.message}` : '';
            if (text && text !== reportedError)
              logger.warn('sync failed; retrying', { kind: error?.kind, error: text });
            reportedError = text;
            publishStatus();
          },
          onCasesChanged: publishCases,
          onOutboxChanged: () => {
            publishStatus();
            for (const listener of outboxListeners) listener();
          },
          onUnexpected: (error) =>
            logger.error('sync step failed unexpectedly', {
              error: error instanceof Error ? error.message : String(error),
            }),
        },
        { ...DEFAULT_LOOP_TIMING, ...options.timing },
      )
    : null;

  let watchdog: NodeJS.Timeout | null = null;
  let stallReported = false;
  let disposed = false;

  function enqueue(command: NewCommand, alsoInTransaction?: (entry: { id: number; seq: number }) => void) {
    const entry = outbox.enqueue(command, (queued) => {
      const item = wallItemOf(command.name, command.args);
      options.audit.record({
        userId: command.actor.userId,
        action: command.name,
        subject: command.caseId ?? item?.id ?? alertCommandSubject(command.name, command.args),
        detail: { queued: true, seq: queued.seq },
      });
      if (command.caseId) touched([command.caseId]);
      if (item) wallTouched([item]);
      alsoInTransaction?.(queued);
    });
    loop?.kick();
    return { seq: entry.seq, pending: outbox.counts().pending };
  }
  const commandState = sqlite.prepare<[number], OutboxEntry['state']>('SELECT state FROM outbox WHERE id = ?').pluck();
  const wallMirrorVersion = sqlite
    .prepare<[string, string], number>('SELECT version FROM wall_item_mirror WHERE kind = ? AND id = ?')
    .pluck();
  const inbox = createConflicts(sqlite, enqueue, now, (item) => wallMirrorVersion.get(item.kind, item.id) ?? null);
  // A discarded conflict may free the file its command named.
  const conflicts: typeof inbox = {
    ...inbox,
    resolve(...args) {
      const result = inbox.resolve(...args);
      blobCleanup.release();
      return result;
    },
  };

  return {
    start() {
      if (!loop || watchdog || disposed) return;
      loop.start();
      watchdog = setInterval(() => {
        const current = publishStatus();
        if (current.stalled && !stallReported) {
          logger.warn('sync watchdog: commands are waiting although the server answers', {
            pending: current.pending,
            oldestPendingAt: current.oldestPendingAt,
          });
          loop.kick();
        }
        stallReported = current.stalled;
      }, options.timing?.watchdogCheckMs ?? 5000);
    },
    status,
    enqueue,
    useOptimisticView(refresh) {
      refresher = refresh;
      writeTransaction(sqlite, () => refresh('all'))();
    },
    useWallView(refresh) {
      wallRefresher = refresh;
      writeTransaction(sqlite, () => refresh('all'))();
    },
    unsettledWall: (item) => outbox.unsettledWall(item, client.read().cursorSeq),
    everQueuedWall: () => outbox.everQueuedWall(),
    commandStates(ids) {
      const states = new Map<number, OutboxEntry['state']>();
      for (const id of ids) {
        const state = commandState.get(id);
        if (state !== undefined) states.set(id, state);
      }
      return states;
    },
    onOutboxChanged(listener) {
      outboxListeners.add(listener);
      return () => outboxListeners.delete(listener);
    },
    unsettledWallItems: () => outbox.unsettledWallItems(client.read().cursorSeq),
    unsettled: (caseId) => outbox.unsettled(client.read().cursorSeq, caseId),
    unsettledCaseIds: () => outbox.unsettledCaseIds(client.read().cursorSeq),
    conflicts,
    kick: () => loop?.kick(),
    steps,
    deviceAccess() {
      const known = serverUrl === null ? null : credentials.load();
      return known && serverUrl !== null
        ? { serverUrl, clientVersion: options.clientVersion, credentials: known }
        : null;
    },
    storeBlob: (bytes) => blobs.put(bytes),
    stageBlob: (blob) => uploads.stage(blob),
    notifyLocal(caseIds) {
      publishCases(caseIds, 'local');
      publishStatus();
    },
    async dispose() {
      disposed = true;
      if (watchdog) clearInterval(watchdog);
      watchdog = null;
      await loop?.stop();
      // The checkpoint after an initial load may still run on its own connection: let it end before the store closes.
      await mirror.checkpointed();
    },
  };
}
