import { readFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { Monitor } from './monitors';

export interface CheckResult {
  ok: boolean;
  /** Time to the answer (HTTP: to the end of the body read; TCP: to connect). */
  ms: number | null;
  httpStatus: number | null;
  certExpiresAt: string | null;
  message: string | null;
}

/** Enough of a page to find a keyword on a portal's landing page; the rest is not read. */
const MAX_BODY = 1024 * 1024;

function elapsed(start: bigint): number {
  return Math.round(Number(process.hrtime.bigint() - start) / 1e4) / 100;
}

function statusAccepted(status: number, ranges: readonly (readonly [number, number])[]): boolean {
  return ranges.some(([from, to]) => status >= from && status <= to);
}

/**
 * HTTP(S) status + keyword + certificate expiry (blackbox exporter's http prober, Uptime Kuma's HTTP keyword).
 * TLS is verified by this code rather than by the socket, so an expired or untrusted certificate is reported with
 * its expiry date instead of only a handshake error.
 */
export function checkHttp(m: Extract<Monitor, { kind: 'http' }>, signal: AbortSignal): Promise<CheckResult> {
  const start = process.hrtime.bigint();
  const url = new URL(m.url);
  const https = url.protocol === 'https:';
  const ca = https && m.caFile ? readFileSync(m.caFile) : undefined;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (r: Omit<CheckResult, 'ms'> & { ms?: number | null }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ms: r.ms === undefined ? elapsed(start) : r.ms, ...r } as CheckResult);
    };
    const options = {
      method: m.method,
      agent: false as const,
      headers: { 'user-agent': 'IOC-Wall-uptime/1', accept: 'text/html,application/json;q=0.9,*/*;q=0.5' },
      signal,
      ...(https ? { rejectUnauthorized: false, ca } : {}),
    };
    const req = (https ? httpsRequest : httpRequest)(url, options, (res: IncomingMessage) => {
      const socket = res.socket as TLSSocket;
      let certExpiresAt: string | null = null;
      let tlsProblem: string | null = null;
      if (https) {
        const cert = socket.getPeerCertificate?.();
        if (cert && cert.valid_to) certExpiresAt = new Date(cert.valid_to).toISOString();
        if (!socket.authorized) tlsProblem = `TLS: ${String(socket.authorizationError ?? 'certificate not trusted')}`;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        if (size < MAX_BODY && m.keyword) chunks.push(chunk);
        size += chunk.length;
        if (size >= MAX_BODY) res.destroy();
      });
      const done = () => {
        const status = res.statusCode ?? 0;
        let message: string | null = tlsProblem;
        if (!message && !statusAccepted(status, m.expectStatus)) message = `HTTP ${status}`;
        if (!message && m.keyword && !Buffer.concat(chunks).toString('utf8').includes(m.keyword)) {
          message = `keyword "${m.keyword}" not found`;
        }
        finish({ ok: message === null, httpStatus: status, certExpiresAt, message });
      };
      res.once('end', done);
      res.once('close', done);
      res.once('error', (error) =>
        finish({ ok: false, httpStatus: res.statusCode ?? null, certExpiresAt, message: error.message }),
      );
    });
    const timer = setTimeout(() => {
      req.destroy();
      finish({
        ok: false,
        ms: null,
        httpStatus: null,
        certExpiresAt: null,
        message: `no answer within ${m.timeoutS} s`,
      });
    }, m.timeoutS * 1000);
    req.once('error', (error: NodeJS.ErrnoException) =>
      finish({ ok: false, ms: null, httpStatus: null, certExpiresAt: null, message: error.code ?? error.message }),
    );
    req.end();
  });
}

/**
 * TCP port open (blackbox exporter's tcp prober without a TLS or protocol exchange). `signal` is the runner's, alive
 * as long as it: the check removes its own abort listener when it ends (net.connect's `signal` option left one on it
 * for every check, never removed — MaxListenersExceededWarning after ten checks).
 */
export function checkTcp(m: Extract<Monitor, { kind: 'tcp' }>, signal: AbortSignal): Promise<CheckResult> {
  const start = process.hrtime.bigint();
  return new Promise((resolve) => {
    const socket = connect({ host: m.host, port: m.port });
    let settled = false;
    const finish = (ok: boolean, message: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', aborted);
      socket.destroy();
      resolve({ ok, ms: ok ? elapsed(start) : null, httpStatus: null, certExpiresAt: null, message });
    };
    const aborted = () => finish(false, 'ABORT_ERR');
    const timer = setTimeout(() => finish(false, `no connection within ${m.timeoutS} s`), m.timeoutS * 1000);
    socket.once('connect', () => finish(true, null));
    socket.once('error', (error: NodeJS.ErrnoException) => finish(false, error.code ?? error.message));
    if (signal.aborted) aborted();
    else signal.addEventListener('abort', aborted, { once: true });
  });
}
