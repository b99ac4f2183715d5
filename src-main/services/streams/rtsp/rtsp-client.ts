// An RTSP session that plays the first H.264 video of a camera over TCP interleaved RTP and hands over access
// units: OPTIONS, DESCRIBE, SETUP, PLAY, keep-alives at half the session timeout, TEARDOWN on close.
import type { RtspCredentials } from './auth';
import { publicUrl, RtspError, RtspProtocolError } from './errors';
import { createH264Depacketizer, type H264Depacketizer, type H264DepacketizerStats } from './rtp-h264';
import { openRtspConnection, statusError, type RtspConnection } from './rtsp-connection';
import { headerValue, type RtspMessage, type RtspStreamLimits } from './rtsp-stream-reader';
import { parseSdpVideo, type SdpVideo } from './sdp';
import { describeBase, interleavedRtpChannel, parseSessionHeader } from './session-headers';
import type { H264AccessUnit, H264Parameters } from './types';

export interface RtspH264ReaderOptions {
  /** rtsp://[user:password@]host[:port]/path — user info percent-encoded, as URL keeps it. */
  url: URL;
  onParameters(parameters: H264Parameters): void;
  /** Called from the socket's data handler: a throw here ends the session with kind 'protocol'. */
  onAccessUnit(unit: H264AccessUnit): void;
  /** The session failed or the server ended it; once, followed by onClose. Never called after close(). */
  onError(error: RtspError): void;
  /** Once, when the socket is released (after onError, or after close()). */
  onClose(): void;
  /** PLAY was accepted. */
  onPlaying?(info: RtspPlayingInfo): void;
  connectTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** How long close() waits for the TEARDOWN reply before dropping the connection. */
  teardownTimeoutMs?: number;
  userAgent?: string;
  limits?: RtspStreamLimits;
}

export interface RtspPlayingInfo {
  /** The SETUP URL (no credentials). */
  control: string;
  sessionTimeoutS: number;
  keepAliveMethod: 'GET_PARAMETER' | 'OPTIONS';
}

export interface RtspH264Reader {
  /** TEARDOWN when a session exists, then the socket is released; resolves after onClose. */
  close(): Promise<void>;
  /** Depacketizer counters, null before SETUP. */
  stats(): H264DepacketizerStats | null;
}

const DEFAULTS = { connectTimeoutMs: 10_000, requestTimeoutMs: 10_000, teardownTimeoutMs: 1000 };

/** Never throws: every failure, bad options included, arrives through onError. */
export function createRtspH264Reader(options: RtspH264ReaderOptions): RtspH264Reader {
  const label = publicUrl(options.url);
  const requestUrl = withoutUserInfo(options.url);
  let connection: RtspConnection | null = null;
  let depacketizer: H264Depacketizer | null = null;
  let session: { id: string; uri: string } | null = null;
  let keepAlive: NodeJS.Timeout | null = null;
  let closing: Promise<void> | null = null;
  let rtpChannel = 0;
  const connecting = new AbortController();
  let finished = false;
  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));

  /** onError and onClose wait for the socket's handle to be gone, so a caller may count on it after onClose. */
  const finish = (error: RtspError | null) => {
    if (finished) return;
    finished = true;
    if (keepAlive) clearInterval(keepAlive);
    void (connection?.close() ?? Promise.resolve()).then(() => {
      if (error) options.onError(error);
      options.onClose();
      resolveClosed();
    });
  };

  const fail = (error: unknown) => {
    if (closing) return;
    finish(error instanceof RtspError ? error : new RtspError('closed', `${label}: ${String(error)}`));
  };

  const request = async (method: string, uri: string, headers: Record<string, string> = {}) => {
    if (!connection || closing) throw new RtspError('closed', `${label}: closed`);
    return connection.request(method, uri, headers);
  };

  const run = async () => {
    if (options.url.protocol !== 'rtsp:') throw new RtspError('protocol', `${label}: only rtsp:// is supported`);
    const credentials = credentialsOf(options.url);
    connection = await openRtspConnection({
      host: options.url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: Number(options.url.port || 554),
      label,
      credentials,
      connectTimeoutMs: options.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs,
      requestTimeoutMs: options.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs,
      userAgent: options.userAgent ?? 'ioc-wall',
      limits: options.limits,
      signal: connecting.signal,
      onInterleaved: (channel, payload) => {
        if (channel === rtpChannel) depacketizer?.push(payload);
      },
      onEnd: fail,
    });
    if (closing) return connection.close();

    const offered = await request('OPTIONS', requestUrl);
    const publicMethods = (headerValue(offered, 'public') ?? '').toUpperCase().split(/\s*,\s*/);
    const keepAliveMethod = publicMethods.includes('GET_PARAMETER') ? 'GET_PARAMETER' : 'OPTIONS';

    const described = expectOk('DESCRIBE', await request('DESCRIBE', requestUrl, { Accept: 'application/sdp' }));
    const base = describeBase(
      requestUrl,
      headerValue(described, 'content-base'),
      headerValue(described, 'content-location'),
    );
    const video = parseSdpVideo(described.body.toString('utf8'), base);
    checkCodec(video);

    const transport = 'RTP/AVP/TCP;unicast;interleaved=0-1';
    const setup = expectOk('SETUP', await request('SETUP', video.control, { Transport: transport }));
    const parsed = parseSessionHeader(headerValue(setup, 'session'));
    rtpChannel = interleavedRtpChannel(headerValue(setup, 'transport'));
    session = { id: parsed.id, uri: video.sessionControl };
    depacketizer = createH264Depacketizer({
      payloadType: video.payloadType,
      parameters: video.parameters,
      onParameters: options.onParameters,
      onAccessUnit: options.onAccessUnit,
    });

    expectOk('PLAY', await request('PLAY', session.uri, { Session: session.id, Range: 'npt=0.000-' }));
    if (closing) return;
    const { id, uri } = session;
    keepAlive = setInterval(
      () => void request(keepAliveMethod, uri, { Session: id }).catch(() => undefined),
      (parsed.timeoutS * 1000) / 2,
    );
    options.onPlaying?.({ control: video.control, sessionTimeoutS: parsed.timeoutS, keepAliveMethod });
  };

  const expectOk = (method: string, reply: RtspMessage): RtspMessage => {
    if (reply.status === null || reply.status < 200 || reply.status > 299) throw statusError(label, method, reply);
    return reply;
  };

  const checkCodec = (video: SdpVideo) => {
    if (video.codec !== 'H264') {
      throw new RtspError('codec', `${label}: the video is ${video.codec}, not H.264`, { codec: video.codec });
    }
    if (video.packetizationMode === 2) {
      throw new RtspError('codec', `${label}: H.264 packetization-mode 2 is not supported`, { codec: 'H264' });
    }
    if (video.clockRate !== 90_000) throw new RtspProtocolError(`${label}: H.264 clock rate is not 90000`);
  };

  const running = run().catch(fail);

  return {
    close() {
      closing ??= (async () => {
        if (keepAlive) clearInterval(keepAlive);
        connecting.abort();
        if (session && connection && !finished) {
          const teardown = connection.request('TEARDOWN', session.uri, { Session: session.id });
          const ms = options.teardownTimeoutMs ?? DEFAULTS.teardownTimeoutMs;
          let timer: NodeJS.Timeout | undefined;
          await Promise.race([teardown, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]).catch(
            () => undefined,
          );
          clearTimeout(timer);
        }
        finish(null);
        await Promise.all([closed, running]);
      })();
      return closing;
    },
    stats: () => depacketizer?.stats() ?? null,
  };
}

/** User info percent-decoded (URL keeps it encoded); null when the URL has none. */
function credentialsOf(url: URL): RtspCredentials | null {
  if (!url.username && !url.password) return null;
  try {
    return { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
  } catch {
    throw new RtspError('auth', `${publicUrl(url)}: the user name or password is not valid percent-encoding`);
  }
}

function withoutUserInfo(url: URL): string {
  const copy = new URL(url.href);
  copy.username = '';
  copy.password = '';
  return copy.href;
}
