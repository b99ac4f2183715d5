import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';

export type HttpFailure = 'timeout' | 'too_large' | 'network' | 'aborted' | 'refused';

/** A transport failure; the message never contains the URL's credentials (we never put any there). */
export class HttpError extends Error {
  constructor(
    readonly kind: HttpFailure,
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export interface HttpRequest {
  url: URL;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Bodies larger than this are cut off while streaming, not after. */
  maxBytes: number;
  /** Deadline for the whole exchange, connect to last byte: a camera that stalls mid-body still ends. */
  timeoutMs: number;
  signal?: AbortSignal;
  agent?: http.Agent;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** Header lines as sent: several WWW-Authenticate lines stay separate. */
  rawHeaders: string[];
  body: Buffer;
}

export function headerLines(response: HttpResponse, name: string): string[] {
  const lines: string[] = [];
  for (let i = 0; i + 1 < response.rawHeaders.length; i += 2) {
    if (response.rawHeaders[i]?.toLowerCase() === name) lines.push(response.rawHeaders[i + 1] ?? '');
  }
  return lines;
}

export function httpRequest(options: HttpRequest): Promise<HttpResponse> {
  const { url } = options;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return Promise.reject(new HttpError('network', `unsupported scheme ${url.protocol}`));
  }
  if (url.username || url.password) {
    return Promise.reject(new HttpError('network', 'credentials in URLs are not sent'));
  }
  // Before any socket exists: destroying a request that never connected emits an error of its own.
  if (options.signal?.aborted) return Promise.reject(new HttpError('aborted', 'request aborted'));
  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    const finish = (error: HttpError | null, response?: HttpResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (error) {
        req.destroy();
        reject(error);
      } else resolve(response!);
    };
    const lib = url.protocol === 'https:' ? https : http;
    const body = options.body === undefined ? undefined : Buffer.from(options.body, 'utf8');
    const req = lib.request(url, {
      method: options.method,
      agent: options.agent,
      headers: { ...options.headers, ...(body ? { 'content-length': String(body.byteLength) } : {}) },
    });
    // First, so every error has a listener: `finish` destroys the request, which emits 'socket hang up' when it
    // had not connected yet; unheard, that error would end the whole process.
    req.on('error', (error: NodeJS.ErrnoException) => {
      const kind: HttpFailure = error.code === 'ECONNREFUSED' ? 'refused' : 'network';
      finish(new HttpError(kind, `${error.code ?? 'network error'}: ${error.message.slice(0, 200)}`, error.code));
    });
    const timer = setTimeout(
      () => finish(new HttpError('timeout', `no complete answer within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    const onAbort = () => finish(new HttpError('aborted', 'request aborted'));
    options.signal?.addEventListener('abort', onAbort, { once: true });

    req.on('response', (res) => {
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > options.maxBytes) {
        res.destroy();
        return finish(new HttpError('too_large', `answer of ${declared} bytes exceeds ${options.maxBytes}`));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.byteLength;
        if (size > options.maxBytes) {
          res.destroy();
          return finish(new HttpError('too_large', `answer exceeds ${options.maxBytes} bytes`));
        }
        chunks.push(chunk);
      });
      res.on('error', (error) => finish(new HttpError('network', error.message.slice(0, 200))));
      res.on('close', () => {
        if (!res.complete) finish(new HttpError('network', 'connection closed mid-answer'));
      });
      res.on('end', () =>
        finish(null, {
          status: res.statusCode ?? 0,
          headers: res.headers,
          rawHeaders: res.rawHeaders,
          body: Buffer.concat(chunks, size),
        }),
      );
    });
    req.end(body);
  });
}
