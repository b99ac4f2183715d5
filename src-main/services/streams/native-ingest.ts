// One attempt of the in-process H.264 ingest: RTSP/RTP read in Node (rtsp/) and muxed to per-frame fMP4 (fmp4/),
// no ffmpeg. It has the shape of an ffmpeg run so the supervisor keeps one watchdog, backoff and exit handling.
// Why: ffmpeg's copy costs 1.8× the copy floor in CPU per stream and holds every frame two frame times (its
// H.264 parser waits for the next start code; its fMP4 muxer writes frame k when k+1 arrives).
import type { FfmpegExit, FfmpegRun } from './ffmpeg-process';
import { createFmp4Muxer, Fmp4OrderError, type Fmp4Muxer } from './fmp4';
import { createRtspH264Reader, RtspError, type H264Parameters, type RtspTlsPin } from './rtsp';

/**
 * More wild timestamp steps (back beyond any reorder window, or far ahead) than a camera that restarts its clock
 * now and then would make. B-frames (presentation times back within the window) are not counted: the muxer
 * gives them decode times and composition offsets. Nor is a clock that starts over at a key frame (rtp-clock.ts):
 * the count goes on after the latest time and the muxer's decode timeline starts over there.
 */
const MAX_CLOCK_DISCONTINUITIES = 3;

export interface NativeIngestOptions {
  /** The camera's RTSP URL with its credentials (kept in memory only: there is no command line to leak). */
  url: URL;
  /** rtsps://: the camera's pinned certificate; without it an rtsps camera is refused before anything is sent. */
  tls?: RtspTlsPin;
  onInit(bytes: Buffer): void;
  onFragment(bytes: Buffer, moof: Buffer): void;
  /** Why the attempt ends, once, before `exited` resolves; not called after stop(). */
  onFailure(error: RtspError): void;
  connectTimeoutMs: number;
}

/** Exit code 0 when the camera ended the session, 1 for any other failure; stop() reads as SIGTERM. */
export function runNativeIngest(options: NativeIngestOptions): FfmpegRun {
  let muxer: Fmp4Muxer | null = null;
  let waitingForKey = true;
  let stopping = false;
  let failure: RtspError | null = null;
  let resolveExit!: (exit: FfmpegExit) => void;
  const exited = new Promise<FfmpegExit>((resolve) => (resolveExit = resolve));

  const fail = (error: RtspError) => {
    if (failure || stopping) return;
    failure = error;
    options.onFailure(error);
    void reader.close();
  };

  const setParameters = (parameters: H264Parameters) => {
    if (muxer?.sameParameters(parameters)) return;
    try {
      muxer = createFmp4Muxer(parameters);
    } catch (error) {
      return fail(new RtspError('protocol', `The camera's H.264 parameter sets are unusable: ${messageOf(error)}`));
    }
    waitingForKey = true;
    options.onInit(muxer.init);
  };

  const reader = createRtspH264Reader({
    url: options.url,
    tls: options.tls,
    connectTimeoutMs: options.connectTimeoutMs,
    requestTimeoutMs: options.connectTimeoutMs,
    onParameters: setParameters,
    onAccessUnit(unit) {
      if (!muxer || stopping || failure) return;
      // A new muxer starts at a key frame, so every viewer's first picture decodes.
      if (waitingForKey && !unit.key) return;
      waitingForKey = false;
      if ((reader.stats()?.clockDiscontinuities ?? 0) > MAX_CLOCK_DISCONTINUITIES) {
        return fail(
          new RtspError('protocol', 'The camera sends frames out of order (beyond reordering).', { outOfOrder: true }),
        );
      }
      let bytes: Buffer;
      try {
        bytes = muxer.fragment(unit);
      } catch (error) {
        const outOfOrder = error instanceof Fmp4OrderError;
        return fail(new RtspError('protocol', `A frame could not be packaged: ${messageOf(error)}`, { outOfOrder }));
      }
      options.onFragment(bytes, bytes.subarray(0, bytes.readUInt32BE(0)));
    },
    onError: fail,
    onClose() {
      if (stopping) return resolveExit({ code: null, signal: 'SIGTERM', spawnError: null });
      resolveExit({ code: failure && failure.kind !== 'closed' ? 1 : 0, signal: null, spawnError: null });
    },
  });

  return {
    pid: null,
    exited,
    async stop() {
      if (!failure) stopping = true;
      await reader.close();
      await exited;
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
