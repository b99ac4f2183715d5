import type {
  IngestFallbackReason,
  LiveProfile,
  LiveStreamState,
  LiveStreamStats,
} from '../../../src-shared/contract/streams';
import { backoffDelay } from './backoff';
import { createFanout, type InitSegment, type MediaSink, type Subscription } from './fanout';
import { buildConcatList, buildIngestArgs, encodeUserinfo, urlWithCredentials } from './ffmpeg-args';
import { runFfmpeg, type FfmpegExit, type FfmpegRun } from './ffmpeg-process';
import { nativeFallbackOf, planIngest, type IngestPlan, type StreamIngest } from './ingest-plan';
import { createFmp4Splitter, Mp4FormatError } from './mp4-boxes';
import { runNativeIngest } from './native-ingest';
import { runRelayedFfmpeg } from './relayed-ffmpeg';
import { createNativeRefusals, type StreamRefusals } from './native-refusals';
import { inspectFragment, inspectInit, isPlayable, mimeOf } from './mp4-inspect';
import { createRateWindow } from './rate-window';
import { probeTargetOf, tcpAccepts, watchForReturn, type ReadinessProbe, type ReturnWatch } from './readiness';
import { writeSourceList, type SourceListFile } from './source-file';
import type { RtspError } from './rtsp';
import { classifyStderr, stripPrefix } from './stderr';
import type { ResolvedSource, StreamLogger, StreamTiming } from './types';

export interface LiveStreamOptions {
  cameraId: string;
  profile: LiveProfile;
  resolveSource(): Promise<ResolvedSource>;
  ffmpegPath: string;
  /** Private folder for the list files that carry credentials. */
  listDir: string;
  timing: StreamTiming;
  logger: StreamLogger;
  redact(text: string): string;
  maxBacklogBytes: number;
  maxGopBytes: number;
  transcodeMaxWidth: number;
  transcodeMaxHeight: number;
  random?: () => number;
  now?: () => number;
  /** How the camera's port is checked during a backoff (default: a TCP connect). */
  probe?: ReadinessProbe;
  /**
   * Who reads a camera whose H.264 plays as is: `native` reads RTSP/RTP in this process (native-ingest.ts),
   * `ffmpeg` runs one ffmpeg per stream. Transcoding, rtsps:// and cameras the native reader cannot follow
   * always go through ffmpeg.
   */
  ingest: StreamIngest;
  /** A stream left the native reader (or never took it) for this reason; once per reason per stream. */
  onFallback?(reason: IngestFallbackReason): void;
  /**
   * Where the native reader's refusals of this camera's RTSP are remembered, shared with the camera's earlier and
   * later streams (native-refusals.ts): while one holds, attempts go to ffmpeg instead of showing viewers the failure
   * again; once it expired, the next attempt tries the native reader. Default: this stream's own memory.
   */
  refusals?: StreamRefusals;
}

export type { StreamIngest } from './ingest-plan';

export interface LiveStream {
  /** Starts the first attempt; `source` saves resolving it again when the caller just did. */
  start(source?: ResolvedSource): void;
  subscribe(sink: MediaSink): Subscription;
  /** The current init segment, or the next one within `timeoutMs`; null if none came, an attempt failed, or on stop. */
  whenInit(timeoutMs: number): Promise<InitSegment | null>;
  /** Credentials or address changed: retry now instead of waiting out the backoff. */
  restartNow(): void;
  stats(): LiveStreamStats;
  readonly state: LiveStreamState;
  /** Pid of the running ffmpeg, null between attempts and for the native reader. */
  readonly pid: number | null;
  stop(): Promise<void>;
}

/** One attempt, by ffmpeg or the native reader, and what it told us. */
interface Attempt {
  run: FfmpegRun;
  /** The credentials' list file of an ffmpeg attempt; nothing to remove for a native one. */
  list: Pick<SourceListFile, 'remove'>;
  plan: IngestPlan;
  startedAt: number;
  lastMediaAt: number;
  playingSince: number | null;
  /** Why the attempt ended, when we know better than the exit code. */
  reason: 'auth' | 'stalled' | 'codec_switch' | 'restart' | 'no_video' | 'corrupt' | 'certificate' | null;
  /** reason 'certificate': why the camera's certificate was refused. */
  certificate?: 'untrusted' | 'changed';
  /** ffmpeg found nobody listening at the camera's address. */
  unreachable: boolean;
  warnLines: number;
}

const MAX_WARN_LINES = 20;

/**
 * The supervisor of one (camera, profile): runs ffmpeg, splits its fMP4 output, fans it out, and keeps it
 * alive — watchdog on media flowing, backoff on failures (also at start), slow retries on wrong credentials.
 */
export function createLiveStream(options: LiveStreamOptions): LiveStream {
  const { timing, logger } = options;
  const now = options.now ?? Date.now;
  const fields = { camera: options.cameraId, profile: options.profile };
  const rates = createRateWindow();
  const fanout = createFanout({ maxBacklogBytes: options.maxBacklogBytes, maxGopBytes: options.maxGopBytes }, (error) =>
    logger.warn('a stream viewer failed; it was dropped', { ...fields, error: errorText(error) }),
  );

  let state: LiveStreamState = 'connecting';
  let stopped = false;
  let attempt: Attempt | null = null;
  let failures = 0;
  let authFailures = 0;
  let starts = 0;
  let forceTranscode = false;
  const refusals = options.refusals ?? createNativeRefusals().forStream(options.cameraId);
  let sourceCodec = 'unknown';
  /** The last resolved source's URL (no credentials): what a refusal of the native reader is remembered for. */
  let sourceUrl = '';
  /** rtsps:// only: the camera's pin and where a refused certificate is reported, from the last resolved source. */
  let certificate: ResolvedSource['certificate'];
  /** What the init segment showed when it differs from what the camera declared. */
  let detectedCodec: string | null = null;
  /** The running or last attempt's plan; before the first one, what the configuration says. */
  let plan: IngestPlan = { ingest: options.ingest === 'native' ? 'native' : 'copy', fallbackReason: null };
  const fallbacksSeen = new Set<IngestFallbackReason>();
  let lastError: string | null = null;
  let lastFrameAt: number | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let retryAt: number | null = null;
  let returnWatch: ReturnWatch | null = null;
  /** The camera's host and port from the last resolved source (no credentials). */
  let probeTarget: ReturnType<typeof probeTargetOf> = null;
  let initWaiters: ((segment: InitSegment | null) => void)[] = [];
  let secrets: string[] = [];

  const watchdog = setInterval(checkWatchdog, timing.watchdogTickMs);
  watchdog.unref();

  function errorText(error: unknown): string {
    return options.redact(error instanceof Error ? error.message : String(error));
  }

  /** Known secrets first (cheap and exact), then the one shared redactor for every pattern. */
  function clean(line: string): string {
    let out = line;
    for (const secret of secrets) out = out.split(secret).join('***');
    return options.redact(out);
  }

  function setState(next: LiveStreamState): void {
    if (next === state) return;
    logger.info('stream state', { ...fields, from: state, to: next });
    state = next;
  }

  /** `watch`: the camera looked down, so its port is probed during the wait (see readiness.ts). */
  function scheduleRetry(delayMs: number, watch?: { downAlready: boolean }): void {
    logger.info('stream retry scheduled', { ...fields, state, delayMs });
    // Whoever waits for the first init learns now that it will not come soon, instead of timing out.
    if (!fanout.currentInit) wakeInitWaiters(null);
    retryAt = now() + delayMs;
    retryTimer = setTimeout(() => {
      const portClosed = returnWatch?.portClosed() ?? false;
      cancelRetry();
      if (!portClosed) return void launch();
      // The camera is still away: no ffmpeg (a second of CPU to learn the same); the probe keeps watching.
      logger.info('camera port still closed; retry postponed', fields);
      scheduleRetry(backoffDelay(failures++, retryPolicy(), options.random), { downAlready: true });
    }, delayMs);
    if (watch && probeTarget && timing.probeMinIntervalMs > 0) {
      returnWatch = watchForReturn({
        target: probeTarget,
        probe: options.probe ?? tcpAccepts,
        waitMs: delayMs,
        minIntervalMs: timing.probeMinIntervalMs,
        maxIntervalMs: timing.probeMaxIntervalMs,
        downAlready: watch.downAlready,
        watched: () => fanout.count > 0,
        random: options.random,
        onReturn() {
          if (stopped || !retryTimer) return;
          logger.info('camera port accepts again; retrying now', {
            ...fields,
            remainingMs: Math.max(0, (retryAt ?? 0) - now()),
          });
          cancelRetry();
          void launch();
        },
      });
    }
  }

  function cancelRetry(): void {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    retryAt = null;
    returnWatch?.stop();
    returnWatch = null;
  }

  /** The source could not be had or used: say why, and try again after the backoff. */
  function retryAfterBadSource(error: unknown): void {
    lastError = errorText(error);
    setState('error');
    scheduleRetry(backoffDelay(failures++, retryPolicy(), options.random));
  }

  async function launch(prefetched?: ResolvedSource): Promise<void> {
    if (stopped) return;
    setState('connecting');
    let source: ResolvedSource;
    try {
      source = prefetched ?? (await options.resolveSource());
    } catch (error) {
      if (stopped) return;
      return retryAfterBadSource(error);
    }
    if (stopped) return;
    sourceCodec = source.codec;
    sourceUrl = source.url;
    probeTarget = probeTargetOf(source.url);
    secrets = [source.password, encodeUserinfo(source.password)].filter((s) => s.length >= 4);
    certificate = source.certificate;
    const next = planIngest({
      codec: source.codec,
      url: source.url,
      configured: options.ingest,
      forceTranscode,
      nativeRefused: refusals.current(source.url),
    });
    // No pin to check (a source without the camera service's certificate hook): ffmpeg alone cannot check one.
    if (next.relay && !certificate) return refuseUnverifiable(next);
    let target: { native: URL } | { relay: URL } | { list: SourceListFile };
    try {
      const url = urlWithCredentials(source.url, source.username, source.password);
      target =
        next.ingest === 'native'
          ? { native: new URL(url) }
          : next.relay
            ? { relay: new URL(url) }
            : { list: writeSourceList(options.listDir, buildConcatList(url)) };
    } catch (error) {
      return retryAfterBadSource(error);
    }
    plan = next;
    if (plan.fallbackReason && !fallbacksSeen.has(plan.fallbackReason)) {
      fallbacksSeen.add(plan.fallbackReason);
      options.onFallback?.(plan.fallbackReason);
    }
    await follow(
      'native' in target
        ? startNative(target.native)
        : 'relay' in target
          ? startFfmpeg(target.relay)
          : startFfmpeg(target.list),
    );
  }

  /** ffmpeg on the camera (its list file), or on an rtsps camera through the core's loopback relay. */
  function startFfmpeg(input: SourceListFile | URL): Attempt {
    const argsFor = (listPath: string) =>
      buildIngestArgs({
        listPath,
        mode: plan.ingest === 'transcode' ? 'transcode' : 'copy',
        maxWidth: options.transcodeMaxWidth,
        maxHeight: options.transcodeMaxHeight,
      });
    let current: Attempt | null = null;
    const splitter = createFmp4Splitter({
      onInit: (bytes) => current && onInit(current, bytes),
      onFragment: (bytes, moof) => current && onFragment(current, bytes, moof),
    });
    const onStdout = (chunk: Buffer) => {
      if (!current || current !== attempt) return;
      current.list.remove();
      try {
        splitter.push(chunk);
      } catch (error) {
        if (!(error instanceof Mp4FormatError)) throw error;
        lastError = error.message;
        end(current, 'corrupt');
      }
    };
    const onStderrLine = (line: string) => current && onStderr(current, line);
    if (input instanceof URL) {
      const run = runRelayedFfmpeg({
        url: input,
        tls: { pinnedSha256: certificate?.pinnedSha256 ?? null },
        connectTimeoutMs: timing.connectTimeoutMs,
        ffmpegPath: options.ffmpegPath,
        listDir: options.listDir,
        args: argsFor,
        onStdout,
        onStderrLine,
        onFailure: (error) => current && onRelayFailure(current, error),
      });
      current = newAttempt(run, run.list);
      return current;
    }
    const run = runFfmpeg({ path: options.ffmpegPath, args: argsFor(input.path), onStdout, onStderrLine });
    current = newAttempt(run, input);
    return current;
  }

  /** The relay's reason for ending: a refused certificate or credentials, as the native reader reports them. */
  function onRelayFailure(run: Attempt, error: RtspError): void {
    lastError = clean(error.message);
    logger.warn('rtsps relay', { ...fields, kind: error.kind, error: lastError });
    if (error.kind === 'auth') run.reason ??= 'auth';
    else if (error.kind === 'certificate') refusedCertificate(run, error);
    else if (error.kind === 'unreachable') run.unreachable = true;
  }

  function refusedCertificate(run: Attempt, error: RtspError): void {
    run.reason ??= 'certificate';
    const seen = error.details.certificate ?? { seenSha256: null, verdict: 'untrusted' as const };
    run.certificate = seen.verdict;
    certificate?.refused(seen.seenSha256, seen.verdict);
  }

  /** rtsps:// for ffmpeg with no pin to check: no ffmpeg, no list file with the credentials; retried slowly. */
  function refuseUnverifiable(next: IngestPlan): void {
    plan = next;
    lastError =
      "The camera's codec needs ffmpeg, and no certificate pin is known for this rtsps:// camera to check first: nothing was sent.";
    setState('tls_unverifiable');
    scheduleRetry(
      backoffDelay(authFailures++, { baseMs: timing.authRetryMs, capMs: timing.authRetryCapMs }, options.random),
    );
  }

  function startNative(url: URL): Attempt {
    let current: Attempt | null = null;
    const run = runNativeIngest({
      url,
      tls: certificate ? { pinnedSha256: certificate.pinnedSha256 } : undefined,
      connectTimeoutMs: timing.connectTimeoutMs,
      onInit: (bytes) => current && onInit(current, bytes),
      onFragment: (bytes, moof) => current && onFragment(current, bytes, moof),
      onFailure: (error) => current && onNativeFailure(current, error),
    });
    current = newAttempt(run, { remove() {} });
    return current;
  }

  function newAttempt(run: FfmpegRun, list: Attempt['list']): Attempt {
    return {
      run,
      list,
      plan,
      startedAt: now(),
      lastMediaAt: now(),
      playingSince: null,
      reason: null,
      unreachable: false,
      warnLines: 0,
    };
  }

  async function follow(current: Attempt): Promise<void> {
    attempt = current;
    if (starts++ > 0)
      logger.info(`${current.plan.ingest === 'native' ? 'native ingest' : 'ffmpeg'} restarted`, {
        ...fields,
        restarts: starts - 1,
        ingest: current.plan.ingest,
      });
    const exit = await current.run.exited;
    onExit(current, exit);
  }

  /** The native reader's reason for ending, turned into the same decisions ffmpeg's stderr leads to. */
  function onNativeFailure(run: Attempt, error: RtspError): void {
    lastError = clean(error.message);
    logger.warn('rtsp', { ...fields, kind: error.kind, error: lastError });
    const fallback = nativeFallbackOf(error);
    if (error.kind === 'auth') run.reason ??= 'auth';
    else if (error.kind === 'certificate') refusedCertificate(run, error);
    else if (error.kind === 'unreachable') run.unreachable = true;
    else if (fallback === 'codec') {
      detectedCodec = error.details.codec ?? detectedCodec;
      forceTranscode = true;
      run.reason ??= 'codec_switch';
    } else if (fallback) {
      // Framing, packetization mode 2, a clock that keeps jumping or a redirect: ffmpeg copes with what the reader does not.
      logger.warn("the camera's RTSP is beyond the native reader; ffmpeg reads it for the next hour", {
        ...fields,
        reason: fallback,
      });
      refusals.remember(sourceUrl, fallback);
      run.reason ??= 'codec_switch';
    }
  }

  function retryPolicy() {
    return { baseMs: timing.backoffBaseMs, capMs: timing.backoffCapMs };
  }

  function end(run: Attempt, reason: NonNullable<Attempt['reason']>): void {
    run.reason ??= reason;
    void run.run.stop(timing.stopGraceMs);
  }

  function onStderr(run: Attempt, raw: string): void {
    const line = clean(raw);
    const kind = classifyStderr(line);
    if (kind.inputOpened) run.list.remove();
    if (kind.auth) run.reason ??= 'auth';
    if (kind.noVideo) run.reason ??= 'no_video';
    if (kind.unreachable) run.unreachable = true;
    if (!kind.decoder && (kind.level === 'error' || kind.level === 'fatal' || kind.level === 'panic')) {
      lastError = stripPrefix(line);
      if (run.warnLines++ < MAX_WARN_LINES) logger.warn('ffmpeg', { ...fields, line });
      else logger.debug('ffmpeg', { ...fields, line });
    } else logger.debug('ffmpeg', { ...fields, line });
  }

  function onInit(run: Attempt, bytes: Buffer): void {
    if (run !== attempt) return;
    const info = inspectInit(bytes);
    if (!info) {
      lastError = 'The stream has no video track.';
      return end(run, 'no_video');
    }
    if (run.plan.ingest !== 'transcode' && !isPlayable(info)) {
      // The camera said H.264 but sends something else: switch this stream to transcoding.
      logger.info('codec cannot be played as is; transcoding', { ...fields, sampleEntry: info.sampleEntry });
      detectedCodec = /^(hvc1|hev1)$/.test(info.sampleEntry) ? 'H265' : info.sampleEntry;
      forceTranscode = true;
      return end(run, 'codec_switch');
    }
    const segment: InitSegment = { bytes, info, mime: mimeOf(info) };
    rates.reset();
    fanout.init(segment);
    wakeInitWaiters(segment);
  }

  function wakeInitWaiters(segment: InitSegment | null): void {
    const waiters = initWaiters;
    initWaiters = [];
    for (const wake of waiters) wake(segment);
  }

  function onFragment(run: Attempt, bytes: Buffer, moof: Buffer): void {
    const init = fanout.currentInit;
    if (run !== attempt || !init) return;
    const at = now();
    const { keyframe, sampleCount } = inspectFragment(moof, init.info.defaultSampleFlags);
    run.lastMediaAt = at;
    lastFrameAt = at;
    rates.add(sampleCount, bytes.length, at);
    if (run.playingSince === null) {
      run.playingSince = at;
      lastError = null;
      setState('playing');
    }
    fanout.fragment({ bytes, keyframe, sampleCount });
  }

  function checkWatchdog(): void {
    const run = attempt;
    if (!run || stopped || run.reason) return;
    const quietMs = now() - run.lastMediaAt;
    const limit = run.playingSince === null ? Math.max(timing.stallMs, timing.connectTimeoutMs) : timing.stallMs;
    if (quietMs < limit) return;
    lastError = `No picture for ${Math.round(quietMs / 1000)} s.`;
    logger.warn('stream stalled; restarting ffmpeg', { ...fields, quietMs });
    end(run, 'stalled');
  }

  function onExit(run: Attempt, exit: FfmpegExit): void {
    run.list.remove();
    if (attempt === run) attempt = null;
    fanout.interrupt();
    if (stopped) return;
    const at = now();
    if (run.playingSince !== null && at - run.playingSince >= timing.stableMs) {
      failures = 0;
      authFailures = 0;
    }
    logger.info('ffmpeg exited', { ...fields, code: exit.code, signal: exit.signal, reason: run.reason });
    if (run.reason === 'codec_switch' || run.reason === 'restart') return void launch();
    if (exit.spawnError) {
      lastError = `ffmpeg could not be started (${options.ffmpegPath}): ${errorText(exit.spawnError)}`;
      setState('error');
    } else if (run.reason === 'certificate') {
      // Nothing more to learn by asking again soon: a technician trusts the certificate (restartNow) or it stays.
      setState(run.certificate === 'changed' ? 'cert_changed' : 'cert_untrusted');
      return scheduleRetry(
        backoffDelay(authFailures++, { baseMs: timing.authRetryMs, capMs: timing.authRetryCapMs }, options.random),
      );
    } else if (run.reason === 'auth') {
      setState('auth_failed');
      lastError ??= 'The camera refused the user name or password.';
      return scheduleRetry(
        backoffDelay(authFailures++, { baseMs: timing.authRetryMs, capMs: timing.authRetryCapMs }, options.random),
      );
    } else if (run.reason === 'no_video') setState('error');
    else {
      if (exit.code === 0 && run.reason === null) lastError = 'The camera ended the stream.';
      setState(run.playingSince !== null || run.reason === 'stalled' ? 'stalled' : 'offline');
      // Lost or never reached the camera: it may be rebooting, so watch for it to come back.
      return scheduleRetry(backoffDelay(failures++, retryPolicy(), options.random), {
        downAlready: run.unreachable,
      });
    }
    scheduleRetry(backoffDelay(failures++, retryPolicy(), options.random));
  }

  return {
    start(source) {
      if (starts === 0 && !attempt && !retryTimer) void launch(source);
    },
    subscribe: (sink) => fanout.subscribe(sink),
    whenInit(timeoutMs) {
      if (fanout.currentInit) return Promise.resolve(fanout.currentInit);
      if (stopped) return Promise.resolve(null);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          initWaiters = initWaiters.filter((w) => w !== wake);
          resolve(null);
        }, timeoutMs);
        const wake = (segment: InitSegment | null) => {
          clearTimeout(timer);
          resolve(segment);
        };
        initWaiters.push(wake);
      });
    },
    restartNow() {
      if (stopped) return;
      failures = 0;
      authFailures = 0;
      if (retryTimer) {
        cancelRetry();
        void launch();
      } else if (attempt) end(attempt, 'restart');
    },
    stats() {
      const at = now();
      const init = fanout.currentInit;
      return {
        cameraId: options.cameraId,
        profile: options.profile,
        state,
        codec: detectedCodec ?? sourceCodec,
        transcoded: plan.ingest === 'transcode',
        ingest: plan.ingest,
        fallbackReason: plan.fallbackReason,
        mime: init?.mime ?? null,
        width: init?.info.width ?? null,
        height: init?.info.height ?? null,
        fps: Math.round(rates.fps(at) * 10) / 10,
        bitrateKbps: Math.round(rates.bitsPerSecond(at) / 1000),
        restarts: Math.max(0, starts - 1),
        lastFrameAgeMs: lastFrameAt === null ? null : at - lastFrameAt,
        viewers: fanout.count,
        retryInMs: retryAt === null ? null : Math.max(0, retryAt - at),
        lastError,
      };
    },
    get state() {
      return state;
    },
    get pid() {
      return attempt?.run.pid ?? null;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(watchdog);
      cancelRetry();
      const run = attempt;
      if (run) {
        run.reason ??= 'restart';
        await run.run.stop(timing.stopGraceMs);
        await run.run.exited;
      }
      fanout.end();
      wakeInitWaiters(null);
      state = 'stopped';
    },
  };
}
