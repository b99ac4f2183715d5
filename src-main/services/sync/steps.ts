import type BetterSqlite3 from 'better-sqlite3';
import { formatCursor, MAX_PULL_LIMIT, parseCursor, type PullResponse } from '../../../src-shared/sync/protocol';
import type { AuditPush } from './audit-push';
import type { BlobCleanup } from './blob-cleanup';
import type { BlobUploads } from './blob-upload';
import type { ClientRowAccess } from './client-row';
import type { CredentialStore } from './credentials';
import { SyncFailure } from './failure';
import type { AppliedPage, Mirror } from './mirror';
import type { Outbox } from './outbox';
import type { DeviceCredentials, SyncTransport } from './transport';
import { writeTransaction } from '../store';

export interface StepDeps {
  sqlite: BetterSqlite3.Database;
  transport: SyncTransport;
  client: ClientRowAccess;
  outbox: Outbox;
  mirror: Mirror;
  auditPush: AuditPush;
  credentials: CredentialStore;
  serverUrl: string;
  enrolSecret: string | null;
  deviceLabel: string;
  pageLimit?: number;
  /** Files to upload before the commands that name them (a snapshot attached to a new case). */
  uploads?: BlobUploads;
  /** Frees those files once their commands are answered. */
  blobCleanup?: BlobCleanup;
  onWarning?: (message: string, fields?: Record<string, unknown>) => void;
}

export interface PushedBatch {
  sent: number;
  rejected: number;
  caseIds: string[];
}

/** The next page, asked for while the one before it is written (see pullPage). */
interface PageAhead {
  deviceId: string;
  /** The cursor it was asked from: the end of the page before it. */
  epoch: string;
  cursorSeq: number;
  controller: AbortController;
  reply: Promise<PullResponse>;
}

/** Waits for `reply`; the caller's abort cancels its request (the transport then throws SyncFailure('aborted')). */
async function unlessAborted<T>(reply: Promise<T>, controller: AbortController, signal?: AbortSignal): Promise<T> {
  if (!signal) return reply;
  const cancel = () => controller.abort();
  if (signal.aborted) cancel();
  signal.addEventListener('abort', cancel, { once: true });
  try {
    return await reply;
  } finally {
    signal.removeEventListener('abort', cancel);
  }
}

const BATCH_COMMANDS = 100;
const BATCH_BYTES = 1024 * 1024;
const AUDIT_ROWS = 500;

/**
 * One sync step each, no timers: enrol, push one batch, pull one page. The loop schedules them; the model-based
 * test drives them directly through a hostile network. Each throws SyncFailure and leaves the database consistent.
 */
export function createSyncSteps(deps: StepDeps) {
  const warn = deps.onWarning ?? (() => undefined);
  const pageLimit = Math.min(deps.pageLimit ?? 2000, MAX_PULL_LIMIT);

  async function credentials(signal?: AbortSignal): Promise<DeviceCredentials> {
    const known = deps.credentials.load();
    if (known) return known;
    if (!deps.enrolSecret) {
      throw new SyncFailure('unauthorized', 'This workstation is not enrolled and has no enrolment secret.');
    }
    const enrolled = await deps.transport.enrol(deps.deviceLabel, deps.enrolSecret, signal);
    const fresh = { deviceId: enrolled.deviceId, secret: enrolled.deviceSecret };
    writeTransaction(deps.sqlite, () => {
      deps.credentials.save(fresh, deps.serverUrl);
      // A new device is a new client to the server: the outbox is numbered again from 1, nothing is lost.
      deps.outbox.restartClient(null);
      const row = deps.client.read();
      if (row.epoch !== null && row.epoch !== enrolled.epoch) {
        deps.mirror.reset();
        deps.auditPush.sendAllAgain();
      }
    })();
    return fresh;
  }

  let ahead: PageAhead | null = null;

  function cancelAhead(): void {
    ahead?.controller.abort();
    ahead = null;
  }

  /** The page already asked for from exactly this cursor, by this device; any other is cancelled. */
  function takeAhead(creds: DeviceCredentials, epoch: string | null, cursorSeq: number): PageAhead | null {
    const taken = ahead;
    ahead = null;
    if (taken && taken.deviceId === creds.deviceId && taken.epoch === epoch && taken.cursorSeq === cursorSeq) {
      return taken;
    }
    taken?.controller.abort();
    return null;
  }

  function askAhead(creds: DeviceCredentials, page: PullResponse): void {
    const end = parseCursor(page.cursor);
    if (!end) return;
    const controller = new AbortController();
    const reply = deps.transport.pull(creds, { cursor: page.cursor, limit: pageLimit, waitS: 0 }, controller.signal);
    // A failure is met by the pullPage that takes the reply; a reply never taken is dropped unread.
    reply.catch(() => undefined);
    ahead = { deviceId: creds.deviceId, epoch: page.epoch, cursorSeq: end.seq, controller, reply };
  }

  /** Forget a device the server no longer knows, so the next step enrols again. */
  function onAuthFailure(error: unknown): void {
    if (error instanceof SyncFailure && error.kind === 'unauthorized') deps.credentials.clear();
  }

  return {
    ensureEnrolled: (signal?: AbortSignal) => credentials(signal).then(() => undefined),

    /** Sends the next batch of unanswered commands; null when there are none. */
    async pushBatch(signal?: AbortSignal): Promise<PushedBatch | null> {
      const batch = deps.outbox.nextBatch(BATCH_COMMANDS, BATCH_BYTES);
      if (batch.commands.length === 0) return null;
      const creds = await credentials(signal);
      try {
        // The server must hold a file before the command naming it arrives; a failure here keeps the batch queued.
        await deps.uploads?.uploadFor(deps.serverUrl, creds, batch.commands, signal);
      } catch (error) {
        onAuthFailure(error);
        throw error;
      }
      let response;
      try {
        response = await deps.transport.push(creds, { clientId: batch.clientId, commands: batch.commands }, signal);
      } catch (error) {
        onAuthFailure(error);
        if (error instanceof SyncFailure && error.kind === 'forbidden') {
          // The server has this client id under another device: continue under a new one.
          warn('the server knows this client under another device; numbering the outbox again', {});
          deps.outbox.restartClient(null);
        }
        if (!(error instanceof SyncFailure && error.kind === 'aborted')) {
          deps.outbox.markAttempt(batch.ids, error instanceof Error ? error.message : String(error));
        }
        throw error;
      }
      const sent = new Set(batch.commands.map((c) => c.seq));
      const seqs = response.results.map((r) => r.seq);
      if (seqs.length === 0 || seqs.some((s, i) => !sent.has(s) || (i > 0 && s !== seqs[i - 1]! + 1))) {
        deps.outbox.markAttempt(batch.ids, 'reply does not match the commands sent');
        throw new SyncFailure('bad_reply', 'The push reply answers commands that were not sent.');
      }
      const outcome = deps.outbox.settle(batch.clientId, response.results);
      if (outcome.rejected > 0) deps.uploads?.explainRefusals();
      deps.blobCleanup?.release();
      if (outcome.gapExpected !== null) {
        const first = batch.commands[0]!.seq;
        if (outcome.gapExpected >= first) {
          throw new SyncFailure('bad_reply', `The server expects command ${outcome.gapExpected} but refused ${first}.`);
        }
        warn('the central server lost acknowledged commands (restored from a backup?): sending them again', {
          expected: outcome.gapExpected,
          first,
        });
        deps.outbox.restartClient(outcome.gapExpected);
      }
      return { sent: response.results.length, rejected: outcome.rejected, caseIds: outcome.caseIds };
    },

    /**
     * Sends the next batch of audit rows the server does not hold yet; null when there are none (or the transport
     * carries no audit). The position moves only on the server's answer.
     */
    async pushAudit(signal?: AbortSignal): Promise<number | null> {
      if (!deps.transport.pushAudit) return null;
      deps.auditPush.useServer(deps.serverUrl);
      const batch = deps.auditPush.nextBatch(AUDIT_ROWS, BATCH_BYTES);
      if (!batch) return null;
      const creds = await credentials(signal);
      try {
        const reply = await deps.transport.pushAudit(creds, batch, signal);
        if (reply.upTo !== batch.rows.at(-1)!.seq) {
          throw new SyncFailure('bad_reply', 'The audit reply answers rows that were not sent.');
        }
        deps.auditPush.markSent(deps.serverUrl, reply.upTo);
        return batch.rows.length;
      } catch (error) {
        onAuthFailure(error);
        throw error;
      }
    },

    /**
     * Pulls and saves one page after the mirror's cursor; waits up to `waitS` when nothing is new. While paging
     * (the page is not the last), the next page is asked for before this one is written, so the server reads and
     * sends it meanwhile. It is asked from this page's end, taken only by the next pull from that same cursor (so
     * only once this page and its cursor are committed) and checked there like any page; anything else cancels it.
     */
    async pullPage(waitS: number, signal?: AbortSignal): Promise<AppliedPage> {
      const creds = await credentials(signal);
      const row = deps.client.read();
      const cursor = row.epoch === null ? null : formatCursor({ epoch: row.epoch, seq: row.cursorSeq });
      try {
        const early = waitS === 0 ? takeAhead(creds, row.epoch, row.cursorSeq) : (cancelAhead(), null);
        const page = early
          ? await unlessAborted(early.reply, early.controller, signal)
          : await deps.transport.pull(creds, { cursor, limit: pageLimit, waitS }, signal);
        if (!page.upToDate) {
          askAhead(creds, page);
          // fetch sends on later turns of the event loop: writing the page first (synchronous) would hold the
          // request back until it is written, and the server would start on it no earlier than without asking ahead.
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
        return deps.mirror.applyPage(page, { epoch: row.epoch, cursorSeq: row.cursorSeq });
      } catch (error) {
        cancelAhead();
        onAuthFailure(error);
        if (error instanceof SyncFailure && error.kind === 'resync_required') {
          deps.mirror.reset();
          deps.auditPush.sendAllAgain();
        }
        throw error;
      }
    },

    /** Cancels a page asked for ahead (the loop is stopping). */
    cancelAhead,
  };
}
/** The steps; cancelAhead is optional so a scripted stand-in needs only the steps themselves. */
export type SyncSteps = Omit<ReturnType<typeof createSyncSteps>, 'cancelAhead'> &
  Partial<Pick<ReturnType<typeof createSyncSteps>, 'cancelAhead'>>;
