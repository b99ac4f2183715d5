// An RTSP session that plays the first H.264 video of a camera over TCP interleaved RTP and hands over access
// units: OPTIONS, DESCRIBE, SETUP, PLAY, keep-alives at half the session timeout, TEARDOWN on close.
import { credentialsOf } from './url-credentials';
import { publicUrl, RtspError, RtspProtocolError } from './errors';
import { createH264Depacketizer, type H264Depacketizer, type H264DepacketizerStats } from './rtp-h264';
import { openRtspConnection, statusError, type RtspConnection } from './rtsp-connection';
import { headerValue, type RtspMessage, type RtspStreamLimits } from './rtsp-stream-reader';
import { parseSdpVideo, type SdpVideo } from './sdp';
import { createRtcpReceiver, type RtcpReceiver } from './rtcp-receiver';
import { sameCameraRedirect } from './redirect';
import { describeBase, interleavedRtpChannel, parseSessionHeader } from './session-headers';
import type { RtspTlsPin } from './tls-pin';
import type { H264AccessUnit, H264Parameters } from './types';

export interface RtspH264ReaderOptions {
  /** rtsp[s]://[user:password@]host[:port]/path — user info percent-encoded, as URL keeps it. */
  url: URL;
  /** Required for rtsps://: the camera's pinned certificate (tls-pin.ts); nothing is sent to a peer without it. */
  tls?: RtspTlsPin;
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
  /** RTCP receiver reports on the channel after RTP's, this often (default 5 s). */
  reportIntervalMs?: number;
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

/** RTCP receiver reports every 5 s (RFC 3550's minimum interval), as ffmpeg's RTSP client sends them. */
/** Redirects followed before the last one's status is taken as the answer. */
const MAX_REDIRECTS = 3;

const DEFAULTS = {
  connectTimeoutMs: 10_000,
  requestTimeoutMs: 10_000,
  teardownTimeoutMs: 1000,
  reportIntervalMs: 5000,
};

/** Never throws: every failure, bad options included, arrives through onError. */
export function createRtspH264Reader(options: RtspH264ReaderOptions): RtspH264Reader {
  const label = publicUrl(options.url);
  let connection: RtspConnection | null = null;
  let depacketizer: H264Depacketizer | null = null;
  let session: { id: string; uri: string } | null = null;
  let keepAlive: NodeJS.Timeout | null = null;
  let reports: NodeJS.Timeout | null = null;
  let rtcp: RtcpReceiver | null = null;
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
    if (reports) clearInterval(reports);
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

  const connectTo = async (target: URL) => {
    connection = await openRtspConnection({
      host: target.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: Number(target.port || (target.protocol === 'rtsps:' ? 322 : 554)),
      label,
      credentials: credentialsOf(target),
      connectTimeoutMs: options.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs,
      requestTimeoutMs: options.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs,
      userAgent: options.userAgent ?? 'ioc-wall',
      limits: options.limits,
      tls: target.protocol === 'rtsps:' ? options.tls : undefined,
      signal: connecting.signal,
      onInterleaved: (channel, payload) => {
        if (channel === rtpChannel) {
          rtcp?.onRtp(payload, performance.now());
          depacketizer?.push(payload);
        } else if (channel === rtpChannel + 1) rtcp?.onRtcp(payload, performance.now());
      },
      onEnd: fail,
    });
  };

  /** OPTIONS and DESCRIBE, following redirects to the same camera (redirect.ts); other redirects fail with their status. */
  const describe = async () => {
    let target = options.url;
    for (let hops = 0; ; hops++) {
      await connectTo(target);
      if (closing) return null;
      const requestUrl = withoutUserInfo(target);
      const offered = await request('OPTIONS', requestUrl);
      const publicMethods = (headerValue(offered, 'public') ?? '').toUpperCase().split(/\s*,\s*/);
      const keepAliveMethod: RtspPlayingInfo['keepAliveMethod'] = publicMethods.includes('GET_PARAMETER')
        ? 'GET_PARAMETER'
        : 'OPTIONS';
      const described = await request('DESCRIBE', requestUrl, { Accept: 'application/sdp' });
      const status = described.status ?? 0;
      const next =
        status >= 300 && status < 400 ? sameCameraRedirect(target, headerValue(described, 'location')) : null;
      if (!next || hops >= MAX_REDIRECTS)
        return { requestUrl, keepAliveMethod, described: expectOk('DESCRIBE', described) };
      const previous = connection;
      connection = null;
      await previous?.close();
      target = next;
    }
  };

  const run = async () => {
    if (options.url.protocol !== 'rtsp:' && options.url.protocol !== 'rtsps:') {
      throw new RtspError('protocol', `${label}: only rtsp:// and rtsps:// are supported`);
    }
    if (options.url.protocol === 'rtsps:' && !options.tls) {
      throw new RtspError('certificate', `${label}: no certificate pin given for rtsps://; nothing was sent`, {
        certificate: { seenSha256: null, verdict: 'untrusted' },
      });
    }
    const described = await describe();
    if (!described || closing) return connection?.close();
    const { requestUrl, keepAliveMethod } = described;
    const base = describeBase(
      requestUrl,
      headerValue(described.described, 'content-base'),
      headerValue(described.described, 'content-location'),
    );
    const video = parseSdpVideo(described.described.body.toString('utf8'), base);
    checkCodec(video);

    const transport = 'RTP/AVP/TCP;unicast;interleaved=0-1';
    const setup = expectOk('SETUP', await request('SETUP', video.control, { Transport: transport }));
    const parsed = parseSessionHeader(headerValue(setup, 'session'));
    rtpChannel = interleavedRtpChannel(headerValue(setup, 'transport'));
    session = { id: parsed.id, uri: video.sessionControl };
    rtcp = createRtcpReceiver({ clockRate: video.clockRate });
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
    const reportsOn = rtpChannel + 1;
    reports = setInterval(() => {
      const report = rtcp?.report(performance.now());
      if (report && connection) connection.sendInterleaved(reportsOn, report);
    }, options.reportIntervalMs ?? DEFAULTS.reportIntervalMs);
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
        if (reports) clearInterval(reports);
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

function withoutUserInfo(url: URL): string {
  const copy = new URL(url.href);
  copy.username = '';
  copy.password = '';
  return copy.href;
}
