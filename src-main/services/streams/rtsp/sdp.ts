// The parts of an SDP (RFC 4566) a video reader needs: the first m=video section, its codec and its control URL.
import { RtspProtocolError } from './errors';
import type { H264Parameters } from './types';

export interface SdpVideo {
  payloadType: number;
  /** As the rtpmap names it, upper-cased: H264, H265, JPEG, … */
  codec: string;
  clockRate: number;
  /** Absolute URL for SETUP. */
  control: string;
  /** Absolute URL for PLAY, TEARDOWN and keep-alives: the session-level control, else the base. */
  sessionControl: string;
  /** From sprop-parameter-sets, when given. */
  parameters: H264Parameters | null;
  /** RFC 6184 packetization-mode (0 when absent). */
  packetizationMode: number;
}

const MAX_SDP_CHARS = 64 * 1024;
/** Static payload types video cameras use without an rtpmap (RFC 3551). */
const STATIC_VIDEO: Record<number, { codec: string; clockRate: number }> = {
  26: { codec: 'JPEG', clockRate: 90_000 },
  32: { codec: 'MPV', clockRate: 90_000 },
  34: { codec: 'H263', clockRate: 90_000 },
};

/**
 * The first video media of `sdp`. `base` is the DESCRIBE reply's Content-Base (else Content-Location, else the
 * request URL): relative controls are appended to it. Throws only RtspProtocolError.
 */
export function parseSdpVideo(sdp: string, base: string): SdpVideo {
  if (sdp.length > MAX_SDP_CHARS) throw new RtspProtocolError(`SDP longer than ${MAX_SDP_CHARS} characters`);
  const lines = sdp.split(/\r?\n/).map((line) => line.trimEnd());
  const start = lines.findIndex((line) => line.startsWith('m=video '));
  if (start < 0) throw new RtspProtocolError('SDP has no video media (m=video)');
  const end = lines.findIndex((line, index) => index > start && line.startsWith('m='));
  const media = lines.slice(start, end < 0 ? undefined : end);
  const session = lines.slice(0, start);

  const format = /^m=video \d+(?:\/\d+)? [A-Za-z0-9/]+ (\d{1,3})(?: |$)/.exec(media[0] ?? '');
  const payloadType = Number(format?.[1] ?? NaN);
  if (!format || payloadType > 127) throw new RtspProtocolError('SDP m=video line has no valid payload type');

  const rtpmap = formatAttribute(media, 'rtpmap', payloadType);
  let codec: string;
  let clockRate: number;
  if (rtpmap !== null) {
    const match = /^([A-Za-z0-9_.-]{1,32})\/(\d{1,9})(?:\/\d+)?$/.exec(rtpmap.trim());
    if (!match) throw new RtspProtocolError(`SDP rtpmap for payload ${payloadType} is malformed`);
    codec = match[1]!.toUpperCase();
    clockRate = Number(match[2]);
    if (clockRate === 0) throw new RtspProtocolError('SDP rtpmap has a zero clock rate');
  } else if (STATIC_VIDEO[payloadType]) {
    ({ codec, clockRate } = STATIC_VIDEO[payloadType]);
  } else {
    throw new RtspProtocolError(`SDP has no rtpmap for dynamic payload ${payloadType}`);
  }

  const fmtp = parseFmtp(formatAttribute(media, 'fmtp', payloadType) ?? '');
  const mode = fmtp.get('packetization-mode') ?? '0';
  if (!/^[0-2]$/.test(mode)) throw new RtspProtocolError('SDP packetization-mode is not 0, 1 or 2');
  const sprop = fmtp.get('sprop-parameter-sets');

  const sessionControl = resolveControl((attribute(session, 'control') ?? '*').trim(), base);
  const control = attribute(media, 'control') ?? attribute(session, 'control') ?? '*';
  return {
    payloadType,
    codec,
    clockRate,
    control: resolveControl(control.trim(), base),
    sessionControl,
    parameters: codec === 'H264' && sprop ? parseSpropParameterSets(sprop) : null,
    packetizationMode: Number(mode),
  };
}

/** The value of the first `a=<name>:<value>` line, null when absent. */
function attribute(lines: string[], name: string): string | null {
  const prefix = `a=${name}:`;
  const line = lines.find((l) => l.toLowerCase().startsWith(prefix.toLowerCase()));
  return line === undefined ? null : line.slice(prefix.length);
}

/** The value of `a=<name>:<payload type> <value>`, null when absent. */
function formatAttribute(lines: string[], name: string, payloadType: number): string | null {
  const pattern = new RegExp(`^a=${name}:${payloadType}(?:\\s+(.*))?$`, 'i');
  for (const line of lines) {
    const match = pattern.exec(line);
    if (match) return match[1] ?? '';
  }
  return null;
}

/** `packetization-mode=1;profile-level-id=42e01f` → lower-cased keys; values kept as written. */
function parseFmtp(value: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) params.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  return params;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;

/** `Z0LAHtkA…,aM4PyA==` → the first SPS (type 7) and PPS (type 8) among the listed NAL units. */
export function parseSpropParameterSets(value: string): H264Parameters {
  let sps: Buffer | undefined;
  let pps: Buffer | undefined;
  for (const item of value.split(',')) {
    const text = item.trim();
    if (!text) continue;
    if (!BASE64.test(text)) throw new RtspProtocolError('SDP sprop-parameter-sets is not base64');
    const nal = Buffer.from(text, 'base64');
    const type = (nal[0] ?? 0) & 0x1f;
    if (type === 7 && nal.length >= 4) sps ??= nal;
    else if (type === 8 && nal.length >= 2) pps ??= nal;
  }
  if (!sps || !pps) throw new RtspProtocolError('SDP sprop-parameter-sets lacks an SPS or a PPS');
  return { sps, pps };
}

/**
 * RFC 2326 C.1.1: `*` is the base itself, an absolute rtsp(s) URL is taken as is, anything else is relative to
 * the base (appended with one `/`, as cameras and ffmpeg expect, rather than replacing the last path segment).
 */
export function resolveControl(control: string, base: string): string {
  let resolved: string;
  if (control === '' || control === '*') resolved = base;
  else if (/^[a-z][a-z0-9+.-]*:/i.test(control)) {
    if (!/^rtsps?:\/\//i.test(control)) throw new RtspProtocolError('SDP control URL is not rtsp://');
    resolved = control;
  } else resolved = base.endsWith('/') ? base + control.replace(/^\/+/, '') : `${base}/${control.replace(/^\/+/, '')}`;
  // The URL goes into a request line: no whitespace or control characters.
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(resolved) || resolved.length > 2048) {
    throw new RtspProtocolError('SDP control URL has characters a request line cannot carry');
  }
  return resolved;
}
