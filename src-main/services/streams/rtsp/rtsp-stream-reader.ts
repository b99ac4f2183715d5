// The one parser of an RTSP-over-TCP byte stream: `$`-framed interleaved packets (RFC 2326 §10.12) and RTSP
// messages, in any mix and cut anywhere by TCP.
import { RtspProtocolError } from './errors';

export interface RtspMessage {
  /** Set for a response: its status code. */
  status: number | null;
  /** Set for a request from the server (some cameras send OPTIONS or SET_PARAMETER): its method. */
  method: string | null;
  /** Set for a request: its Request-URI (the loopback relay reads its client's requests). */
  uri?: string;
  reason: string;
  /** Lower-cased names; a header sent twice keeps both values in order. */
  headers: Map<string, string[]>;
  body: Buffer;
}

export interface RtspStreamLimits {
  maxHeaderBytes: number;
  maxContentLength: number;
  maxInterleavedBytes: number;
}

export const DEFAULT_STREAM_LIMITS: RtspStreamLimits = {
  maxHeaderBytes: 16 * 1024,
  maxContentLength: 256 * 1024,
  maxInterleavedBytes: 65_535,
};

export interface RtspStreamReader {
  /** Parses what can be parsed; throws RtspProtocolError (and stays failed) when the peer broke the framing. */
  push(chunk: Buffer): void;
}

const DOLLAR = 0x24;

/** The first value of a header, or undefined. */
export function headerValue(message: RtspMessage, name: string): string | undefined {
  return message.headers.get(name.toLowerCase())?.[0];
}

/** Packets are handed over as views into the received chunks, without copying. */
export function createRtspStreamReader(
  onMessage: (message: RtspMessage) => void,
  onInterleaved: (channel: number, payload: Buffer) => void,
  limits: RtspStreamLimits = DEFAULT_STREAM_LIMITS,
): RtspStreamReader {
  let pending: Buffer | null = null;
  let failed: RtspProtocolError | null = null;

  /** Consumes one unit from the start of `data`: its length, or 0 when more bytes are needed. */
  const consume = (data: Buffer): number => {
    // Some servers end a message with a stray CRLF beyond its Content-Length.
    if (data[0] === 0x0d || data[0] === 0x0a) return 1;
    if (data[0] === DOLLAR) {
      if (data.length < 4) return 0;
      const length = data.readUInt16BE(2);
      if (length > limits.maxInterleavedBytes) {
        throw new RtspProtocolError(`interleaved packet of ${length} bytes exceeds ${limits.maxInterleavedBytes}`);
      }
      if (data.length < 4 + length) return 0;
      onInterleaved(data[1]!, data.subarray(4, 4 + length));
      return 4 + length;
    }
    const headEnd = findHeadEnd(data, limits.maxHeaderBytes);
    if (headEnd === null) {
      if (data.length > limits.maxHeaderBytes) {
        throw new RtspProtocolError(`RTSP message header exceeds ${limits.maxHeaderBytes} bytes`);
      }
      checkStartLine(data);
      return 0;
    }
    const message = parseHead(data.subarray(0, headEnd.at).toString('utf8'));
    const length = contentLength(message, limits.maxContentLength);
    const total = headEnd.at + headEnd.size + length;
    if (data.length < total) return 0;
    message.body = data.subarray(headEnd.at + headEnd.size, total);
    onMessage(message);
    return total;
  };

  return {
    push(chunk) {
      if (failed) throw failed;
      let data: Buffer = pending ? Buffer.concat([pending, chunk]) : chunk;
      pending = null;
      try {
        while (data.length > 0) {
          const used = consume(data);
          if (used === 0) break;
          data = data.subarray(used);
        }
      } catch (error) {
        failed = error instanceof RtspProtocolError ? error : new RtspProtocolError(String(error));
        throw failed;
      }
      if (data.length > 0) pending = data;
    },
  };
}

/** Where the header block ends (CRLF CRLF, or LF LF from sloppy servers) and how long that terminator is. */
function findHeadEnd(data: Buffer, maxHeaderBytes: number): { at: number; size: number } | null {
  const limit = Math.min(data.length, maxHeaderBytes + 4);
  for (let i = data.indexOf(0x0a); i >= 0 && i < limit; i = data.indexOf(0x0a, i + 1)) {
    if (data[i + 1] === 0x0a) return { at: i, size: 2 };
    if (data[i + 1] === 0x0d && data[i + 2] === 0x0a) return { at: i, size: 3 };
  }
  return null;
}

const RESPONSE_LINE = /^RTSP\/1\.\d (\d{3})(?: (.*))?$/;
const REQUEST_LINE = /^([A-Z_]{1,32}) (\S{1,2048}) RTSP\/1\.\d$/;

/** Fails early on bytes that cannot start an RTSP message, instead of waiting for a header end that never comes. */
function checkStartLine(data: Buffer): void {
  const text = data.subarray(0, 5).toString('latin1');
  if (!/^[A-Z_]*$/.test(text) && !'RTSP/'.startsWith(text) && !text.startsWith('RTSP/')) {
    throw new RtspProtocolError('bytes that are neither an interleaved packet nor an RTSP message');
  }
}

function parseHead(head: string): RtspMessage {
  const [startLine = '', ...lines] = head.split(/\r?\n/);
  const response = RESPONSE_LINE.exec(startLine.trimEnd());
  const request = response ? null : REQUEST_LINE.exec(startLine.trimEnd());
  if (!response && !request) throw new RtspProtocolError('malformed RTSP start line');
  const headers = new Map<string, string[]>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new RtspProtocolError('malformed RTSP header line');
    const name = line.slice(0, colon).trim().toLowerCase();
    const values = headers.get(name) ?? [];
    values.push(line.slice(colon + 1).trim());
    headers.set(name, values);
  }
  return {
    status: response ? Number(response[1]) : null,
    method: request ? request[1]! : null,
    ...(request ? { uri: request[2]! } : {}),
    reason: response?.[2] ?? '',
    headers,
    body: Buffer.alloc(0),
  };
}

function contentLength(message: RtspMessage, max: number): number {
  const values = message.headers.get('content-length') ?? [];
  if (values.length === 0) return 0;
  if (!values.every((v) => v === values[0]) || !/^\d{1,9}$/.test(values[0]!)) {
    throw new RtspProtocolError('malformed Content-Length');
  }
  const length = Number(values[0]);
  if (length > max) throw new RtspProtocolError(`Content-Length ${length} exceeds ${max}`);
  return length;
}
