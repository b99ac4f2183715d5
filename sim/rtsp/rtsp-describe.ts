import { createHash, randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import type { RtspCredentials } from './config';

export interface RtspReply {
  status: number;
  headers: Map<string, string>;
  body: string;
}

const md5 = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');

/** One RTSP request on its own connection (loopback feeds only); resolves with the parsed reply. */
function request(url: URL, lines: string[], timeoutMs: number): Promise<RtspReply> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: url.hostname, port: Number(url.port || 554) });
    let data = Buffer.alloc(0);
    const timer = setTimeout(
      () => socket.destroy(new Error(`RTSP ${url.href}: no answer in ${timeoutMs} ms`)),
      timeoutMs,
    );
    const finish = (error: Error | null, reply?: RtspReply) => {
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else if (reply) resolve(reply);
    };
    socket.on('error', (error) => finish(error));
    socket.on('connect', () => socket.write(lines.join('\r\n') + '\r\n\r\n'));
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      const end = data.indexOf('\r\n\r\n');
      if (end < 0) return;
      const [statusLine = '', ...headerLines] = data.subarray(0, end).toString('utf8').split('\r\n');
      const headers = new Map<string, string>();
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      const length = Number(headers.get('content-length') ?? 0);
      if (data.length < end + 4 + length) return;
      const status = Number(/^RTSP\/1\.0 (\d{3})/.exec(statusLine)?.[1] ?? 0);
      finish(null, { status, headers, body: data.subarray(end + 4, end + 4 + length).toString('utf8') });
    });
  });
}

function challengeParams(header: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const match of header.matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]+))/g)) {
    params.set((match[1] ?? '').toLowerCase(), match[2] ?? match[3] ?? '');
  }
  return params;
}

function authorization(challenge: string, credentials: RtspCredentials, uri: string): string {
  const { username, password } = credentials;
  if (/^Basic/i.test(challenge)) return 'Basic ' + Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
  const p = challengeParams(challenge);
  const realm = p.get('realm') ?? '';
  const nonce = p.get('nonce') ?? '';
  const ha1 = md5(`${username}:${realm}:${password}`);
  const ha2 = md5(`DESCRIBE:${uri}`);
  const fields = [`username="${username}"`, `realm="${realm}"`, `nonce="${nonce}"`, `uri="${uri}"`];
  if (p.get('qop')?.split(',').includes('auth')) {
    const cnonce = randomBytes(8).toString('hex');
    fields.push(`qop=auth`, `nc=00000001`, `cnonce="${cnonce}"`);
    fields.push(`response="${md5(`${ha1}:${nonce}:00000001:${cnonce}:auth:${ha2}`)}"`);
  } else fields.push(`response="${md5(`${ha1}:${nonce}:${ha2}`)}"`);
  if (p.has('opaque')) fields.push(`opaque="${p.get('opaque')}"`);
  return 'Digest ' + fields.join(', ');
}

/**
 * RTSP DESCRIBE, answering a 401 challenge (Digest or Basic, UTF-8 passwords) when credentials are given.
 * Credentials never go into a URL or a process argument.
 */
export async function rtspDescribe(url: string, credentials?: RtspCredentials, timeoutMs = 10_000): Promise<RtspReply> {
  const target = new URL(url);
  const base = [`DESCRIBE ${url} RTSP/1.0`, 'Accept: application/sdp', 'User-Agent: ioc-wall-sim'];
  const first = await request(target, [...base, 'CSeq: 1'], timeoutMs);
  const challenge = first.headers.get('www-authenticate');
  if (first.status !== 401 || !credentials || !challenge) return first;
  return request(
    target,
    [...base, 'CSeq: 2', `Authorization: ${authorization(challenge, credentials, url)}`],
    timeoutMs,
  );
}
