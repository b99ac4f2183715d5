import type BetterSqlite3 from 'better-sqlite3';
import { type CameraFacts, type CameraReportBatch, cameraIdentity } from '../../../src-shared/contract/camera-reports';
import type { Disposable } from '../../../src-shared/domain/disposable';
import { type CameraHappening, createCameraReportFilter } from './camera-report-filter';
import { createCameraReportQueue } from './camera-report-queue';
import { createServerClient, ServerCallError, type ServerLink } from './server-client';

export interface CameraReporterLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

export interface ReportedCamera extends CameraFacts {
  name: string;
  location: { lat: number; lon: number } | null;
}

export interface CameraReporterTiming {
  /** Motion of one camera is reported at most once in this long. */
  motionWindowMs: number;
  retryBaseMs: number;
  retryCapMs: number;
  /** While the sync engine has not enrolled this workstation yet. */
  enrolPollMs: number;
  batchSize: number;
}

export const DEFAULT_CAMERA_REPORTER_TIMING: CameraReporterTiming = {
  motionWindowMs: 10_000,
  retryBaseMs: 1000,
  retryCapMs: 30_000,
  enrolPollMs: 2000,
  batchSize: 200,
};

export interface CameraReporterOptions {
  /** null: no central server configured; nothing is queued. */
  link: ServerLink | null;
  sqlite: BetterSqlite3.Database;
  /**
   * The camera's name, stored position and what it says about itself when the report is made (null: the camera is
   * gone); the contract's Camera fits as it is.
   */
  describeCamera(cameraId: string): Promise<ReportedCamera | null>;
  logger: CameraReporterLogger;
  timing?: Partial<CameraReporterTiming>;
  now?: () => Date;
}

export interface CameraReporter extends Disposable {
  start(): void;
  /** A camera event or status change from the camera service; the filter decides whether it travels. */
  report(happening: CameraHappening): void;
  /** Resolves once every report handed in so far is queued on disk (tests, shutdown). */
  settled(): Promise<void>;
  waiting(): number;
}

/**
 * Camera events (motion, tamper) and offline/online become alerts on the central server (issue 6): filtered and
 * coalesced here, queued in SQLite (migration 012) so they survive the server being away or a restart, and sent in
 * numbered batches with the workstation's device credentials; a batch leaves the queue only once the server has
 * answered for it, and the server counts a batch sent again once.
 */
export function createCameraReporter(options: CameraReporterOptions): CameraReporter {
  const timing = { ...DEFAULT_CAMERA_REPORTER_TIMING, ...options.timing };
  const now = options.now ?? (() => new Date());
  const link = options.link;
  const queue = link ? createCameraReportQueue(options.sqlite) : null;
  const client = link ? createServerClient(link) : null;
  const filter = createCameraReportFilter({ motionWindowMs: timing.motionWindowMs });
  const stop = new AbortController();
  // Reports are stored in the order they happened, one after another (describing a camera is asynchronous).
  let chain: Promise<void> = Promise.resolve();
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  /** Waiting for reports (not backing off: a new report must not hurry a retry to an absent server). */
  let idle = false;

  /** Sleeps `ms`, or until a report arrives when null; dispose ends either. */
  function sleep(ms: number | null): Promise<void> {
    return new Promise((resolve) => {
      const timer = ms === null ? null : setTimeout(done, ms);
      function done() {
        if (timer) clearTimeout(timer);
        stop.signal.removeEventListener('abort', done);
        wake = null;
        idle = false;
        resolve();
      }
      wake = done;
      idle = ms === null;
      stop.signal.addEventListener('abort', done, { once: true });
    });
  }

  async function enqueue(happening: CameraHappening, at: Date): Promise<void> {
    const decision = filter.decide(happening, at.getTime());
    if (!decision || !queue) return;
    const camera = await options.describeCamera(happening.cameraId);
    if (!camera) return filter.forget(happening.cameraId);
    const dropped = queue.add({
      cameraId: happening.cameraId,
      cameraName: camera.name,
      kind: decision.kind,
      active: decision.active,
      at: at.toISOString(),
      location: camera.location,
      cameraKey: cameraIdentity(camera),
    });
    if (dropped > 0) options.logger.warn('camera reports: queue full; oldest reports dropped', { dropped });
    if (idle) wake?.();
  }

  async function run(): Promise<void> {
    if (!queue || !client) return;
    let failures = 0;
    let lastError: string | null = null;
    /** The batch (by its last number) to send without camera keys: the server refused them once. */
    let keylessFor: number | null = null;
    while (!stop.signal.aborted) {
      const { batch, lastSeq } = queue.nextBatch(timing.batchSize);
      if (!batch) {
        if (lastSeq > 0) queue.sent(lastSeq);
        else await sleep(null);
        continue;
      }
      try {
        const sending = keylessFor === lastSeq ? withoutCameraKeys(batch) : batch;
        const reply = await client.reportCameras(sending, stop.signal, now());
        queue.sent(lastSeq);
        if (reply.duplicates > 0)
          options.logger.info('camera reports: the server already held some (sent again)', {
            duplicates: reply.duplicates,
          });
        failures = 0;
        lastError = null;
      } catch (error) {
        if (stop.signal.aborted) return;
        const e = error instanceof ServerCallError ? error : new ServerCallError('bad_reply', null, String(error));
        if (e.kind === 'refused' && e.code === 'invalid_input' && keylessFor !== lastSeq && hasCameraKeys(batch)) {
          // A central server older than camera keys refuses the field (its schema is strict): the reports still
          // make alerts there, one per workstation, so send them without it rather than drop them.
          options.logger.info('camera reports: the central server refused camera keys; sending without them', {
            error: e.message,
          });
          keylessFor = lastSeq;
          continue;
        }
        if (e.kind === 'refused' && e.code === 'invalid_input') {
          // The server will never take this batch; keeping it would block every report after it.
          options.logger.warn('camera reports refused by the central server; dropped', {
            reports: batch.reports.length,
            error: e.message,
          });
          queue.sent(lastSeq);
          continue;
        }
        if (e.message !== lastError)
          options.logger.warn('camera reports: cannot reach the central server; kept for later', {
            error: e.message,
            waiting: queue.waiting(),
          });
        lastError = e.message;
        const ceiling = Math.min(timing.retryCapMs, timing.retryBaseMs * 2 ** Math.min(failures++, 20));
        await sleep(
          e.kind === 'not_enrolled'
            ? timing.enrolPollMs
            : timing.retryBaseMs + Math.random() * (ceiling - timing.retryBaseMs),
        );
      }
    }
  }

  return {
    start() {
      loop ??= run().catch((error: unknown) =>
        options.logger.warn('camera reports: push loop stopped', { error: String(error) }),
      );
    },
    report(happening) {
      if (!queue || stop.signal.aborted) return;
      const at = now();
      chain = chain
        .then(() => enqueue(happening, at))
        .catch((error: unknown) =>
          options.logger.warn('camera reports: cannot queue a report', {
            cameraId: happening.cameraId,
            error: String(error),
          }),
        );
    },
    settled: () => chain,
    waiting: () => queue?.waiting() ?? 0,
    async dispose() {
      await chain;
      stop.abort();
      wake?.();
      await loop;
    },
  };
}

function hasCameraKeys(batch: CameraReportBatch): boolean {
  return batch.reports.some((report) => report.cameraKey !== undefined);
}

function withoutCameraKeys(batch: CameraReportBatch): CameraReportBatch {
  return {
    ...batch,
    reports: batch.reports.map((report) => {
      const keyless = { ...report };
      delete keyless.cameraKey;
      return keyless;
    }),
  };
}
