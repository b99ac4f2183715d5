import type { z } from 'zod';
import { AuditPushResponseSchema } from '../../../src-shared/sync/audit-protocol';
import {
  EnrolResponseSchema,
  PushResponseSchema,
  SYNC_HEADERS,
  SYNC_PROTOCOL_VERSION,
  SyncErrorReplySchema,
} from '../../../src-shared/sync/protocol';
import { FastPullResponseSchema } from './fast-parse';
import { SyncFailure, type SyncFailureKind } from './failure';
import type { DeviceCredentials, SyncTransport } from './transport';

export interface HttpTransportOptions {
  serverUrl: string;
  clientVersion: string;
  /** For requests that do not wait (push, enrol, paging pulls). */
  timeoutMs?: number;
}

const KIND_OF_CODE: Record<string, SyncFailureKind> = {
  invalid_input: 'invalid',
  unauthorized: 'unauthorized',
  device_revoked: 'revoked',
  forbidden: 'forbidden',
  upgrade_required: 'upgrade_required',
  resync_required: 'resync_required',
  enrolment_closed: 'enrolment_closed',
  internal: 'server_error',
};

/** Replies are read as text first: a truncated or non-JSON body is a `bad_reply`, never a crash or a half-apply. */
export function createHttpTransport(options: HttpTransportOptions): SyncTransport {
  const base = options.serverUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 30_000;

  async function call<T>(
    path: string,
    init: { method: 'GET' | 'POST'; body?: unknown; credentials?: DeviceCredentials; waitMs?: number },
    schema: { safeParse(json: unknown): z.ZodSafeParseResult<T> },
    signal?: AbortSignal,
  ): Promise<T> {
    const timeout = AbortSignal.timeout(timeoutMs + (init.waitMs ?? 0));
    const headers: Record<string, string> = {
      [SYNC_HEADERS.clientVersion]: options.clientVersion,
      [SYNC_HEADERS.protocol]: String(SYNC_PROTOCOL_VERSION),
    };
    if (init.credentials) headers.authorization = `Bearer ${init.credentials.deviceId}.${init.credentials.secret}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    let status: number;
    let text: string;
    try {
      const res = await fetch(`${base}${path}`, {
        method: init.method,
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      status = res.status;
      text = await res.text();
    } catch (error) {
      if (signal?.aborted) throw new SyncFailure('aborted', 'The request was cancelled.');
      if (timeout.aborted) throw new SyncFailure('timeout', `The central server did not answer ${path} in time.`);
      const cause = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : '';
      throw new SyncFailure('offline', `The central server cannot be reached (${cause || 'network error'}).`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new SyncFailure(
        status >= 500 ? 'server_error' : 'bad_reply',
        `The server's reply to ${path} is not JSON (HTTP ${status}, ${text.length} bytes).`,
        { status },
      );
    }
    if (status < 200 || status >= 300) {
      const refusal = SyncErrorReplySchema.safeParse(json);
      if (!refusal.success) {
        throw new SyncFailure(status >= 500 ? 'server_error' : 'bad_reply', `HTTP ${status} from ${path}.`, { status });
      }
      const { code, message, minVersion, epoch } = refusal.data.error;
      throw new SyncFailure(KIND_OF_CODE[code] ?? 'server_error', message, { status, minVersion, epoch });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new SyncFailure(
        'bad_reply',
        `The server's reply to ${path} breaks the sync protocol (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}).`,
      );
    }
    return parsed.data;
  }

  return {
    enrol: (label, enrolSecret, signal) =>
      call('/api/sync/enrol', { method: 'POST', body: { label, enrolSecret } }, EnrolResponseSchema, signal),
    pull: (credentials, query, signal) => {
      const params = new URLSearchParams({ cursor: query.cursor ?? '', limit: String(query.limit) });
      if (query.waitS > 0) params.set('wait', `${query.waitS}s`);
      return call(
        `/api/sync/pull?${params.toString()}`,
        { method: 'GET', credentials, waitMs: query.waitS * 1000 },
        FastPullResponseSchema,
        signal,
      );
    },
    push: (credentials, request, signal) =>
      call('/api/sync/push', { method: 'POST', body: request, credentials }, PushResponseSchema, signal),
    pushAudit: (credentials, request, signal) =>
      call('/api/sync/audit', { method: 'POST', body: request, credentials }, AuditPushResponseSchema, signal),
  };
}
