// One ffmpeg attempt on an rtsps:// camera through the core's loopback relay (rtsp/tls-relay.ts): the relay opens
// TLS to the camera and checks its pinned certificate first — refused, and no ffmpeg is started — then ffmpeg reads
// plain RTSP from 127.0.0.1. The relay's address (it carries an access token) reaches ffmpeg the way every input
// does, through a 0600 list file, never its command line; ffmpeg gets no credentials: the relay answers the
// camera's challenges. Shaped as an ffmpeg run, so the supervisor keeps one watchdog, backoff and exit handling.
import { buildConcatList } from './ffmpeg-args';
import { runFfmpeg, type FfmpegExit, type FfmpegRun } from './ffmpeg-process';
import { openTlsRelay, RtspError, type RtspTlsPin, type TlsRelay } from './rtsp';
import { writeSourceList, type SourceListFile } from './source-file';

export interface RelayedFfmpegOptions {
  /** rtsps://user:password@host/path (credentials stay in this process). */
  url: URL;
  tls: RtspTlsPin;
  connectTimeoutMs: number;
  ffmpegPath: string;
  listDir: string;
  /** ffmpeg's argv for the list file at `listPath`. */
  args(listPath: string): string[];
  onStdout(chunk: Buffer): void;
  onStderrLine(line: string): void;
  /** Why the relay could not open or ended (certificate, credentials, camera gone); not called after stop(). */
  onFailure(error: RtspError): void;
}

export interface RelayedFfmpegRun extends FfmpegRun {
  /** The list file naming the relay, once written. */
  readonly list: Pick<SourceListFile, 'remove'>;
}

const STOPPED: FfmpegExit = { code: null, signal: 'SIGTERM', spawnError: null };

export function runRelayedFfmpeg(options: RelayedFfmpegOptions): RelayedFfmpegRun {
  const opening = new AbortController();
  let stopping = false;
  let ffmpeg: FfmpegRun | null = null;
  let list: SourceListFile | null = null;

  const run = async (): Promise<FfmpegExit> => {
    let relay: TlsRelay;
    try {
      relay = await openTlsRelay({
        url: options.url,
        tls: options.tls,
        connectTimeoutMs: options.connectTimeoutMs,
        requestTimeoutMs: options.connectTimeoutMs,
        signal: opening.signal,
        onFailure: (error) => {
          if (!stopping) options.onFailure(error);
        },
      });
    } catch (error) {
      if (stopping) return STOPPED;
      options.onFailure(error instanceof RtspError ? error : new RtspError('closed', String(error)));
      return { code: 1, signal: null, spawnError: null };
    }
    if (stopping) {
      await relay.close();
      return STOPPED;
    }
    try {
      list = writeSourceList(options.listDir, buildConcatList(relay.url));
    } catch (error) {
      await relay.close();
      return { code: null, signal: null, spawnError: error instanceof Error ? error : new Error(String(error)) };
    }
    ffmpeg = runFfmpeg({
      path: options.ffmpegPath,
      args: options.args(list.path),
      onStdout: options.onStdout,
      onStderrLine: options.onStderrLine,
    });
    const exit = await ffmpeg.exited;
    list.remove();
    await relay.close();
    return exit;
  };
  const exited = run();

  return {
    get pid() {
      return ffmpeg?.pid ?? null;
    },
    exited,
    list: { remove: () => list?.remove() },
    async stop(graceMs) {
      stopping = true;
      opening.abort();
      if (ffmpeg) await ffmpeg.stop(graceMs);
      await exited;
    },
  };
}
