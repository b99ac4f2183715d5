import type { z } from 'zod';
import {
  AlertPageSchema,
  AssetImportReplySchema,
  type AssetImportFormat,
  AssetsReplySchema,
  EscalateReplySchema,
  ServerErrorReplySchema,
  SystemsBoardReplySchema,
} from '../../../src-shared/contract/alerts';

/** Why a call to the central server failed, in the terms the contract replies with. */
export class ServerCallError extends Error {
  constructor(
    readonly kind: 'offline' | 'not_enrolled' | 'refused' | 'bad_reply',
    /** The server's error code when it refused (not_found, conflict, forbidden…). */
    readonly code: string | null,
    message: string,
  ) {
    super(message);
  }
}

export interface ServerLink {
  readonly serverUrl: string;
  /** `Bearer <deviceId>.<secret>` of this workstation once the sync engine has enrolled it, else null. */
  authorization(): string | null;
}

const TIMEOUT_MS = 15_000;

/**
 * The central server's alert API as the workstation calls it (src-server/alerts/routes.ts, probes/routes.ts).
 * Every reply is parsed with the contract's schema: a malformed or foreign reply never reaches the mirror.
 */
export function createServerClient(link: ServerLink) {
  const base = link.serverUrl.replace(/\/+$/, '');

  async function call<T>(
    path: string,
    schema: z.ZodType<T>,
    init: {
      method?: 'GET' | 'POST';
      body?: unknown;
      /** Sent as is instead of a JSON body (a register file). */
      bytes?: Uint8Array;
      headers?: Record<string, string>;
      waitMs?: number;
      signal?: AbortSignal;
    } = {},
  ): Promise<T> {
    const authorization = link.authorization();
    if (authorization === null) {
      throw new ServerCallError('not_enrolled', null, 'This workstation is not enrolled with the central server yet.');
    }
    const timeout = AbortSignal.timeout(TIMEOUT_MS + (init.waitMs ?? 0));
    let status: number;
    let text: string;
    try {
      const res = await fetch(`${base}${path}`, {
        method: init.method ?? 'GET',
        headers: {
          authorization,
          ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(init.bytes !== undefined ? { 'content-type': 'application/octet-stream' } : {}),
          ...init.headers,
        },
        body:
          init.bytes !== undefined
            ? new Uint8Array(init.bytes) // over an ArrayBuffer, as fetch's BodyInit requires
            : init.body === undefined
              ? undefined
              : JSON.stringify(init.body),
        signal: init.signal ? AbortSignal.any([init.signal, timeout]) : timeout,
      });
      status = res.status;
      text = await res.text();
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
      throw new ServerCallError('offline', null, `The central server cannot be reached (${cause.slice(0, 200)}).`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ServerCallError(
        'bad_reply',
        null,
        `The server's reply to ${path.split('?')[0]} is not JSON (HTTP ${status}).`,
      );
    }
    if (status < 200 || status >= 300) {
      const refusal = ServerErrorReplySchema.safeParse(json);
      if (!refusal.success) throw new ServerCallError('bad_reply', null, `HTTP ${status} from ${path.split('?')[0]}.`);
      throw new ServerCallError('refused', refusal.data.error.code, refusal.data.error.message);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new ServerCallError('bad_reply', null, `The server's reply to ${path.split('?')[0]} breaks the contract.`);
    }
    return parsed.data;
  }

  return {
    page: (since: number, waitS: number, signal: AbortSignal) =>
      call(`/api/alerts?since=${since}&limit=1000&wait=${waitS}`, AlertPageSchema, { waitMs: waitS * 1000, signal }),
    escalate: (id: string, actorUsername: string) =>
      call(`/api/alerts/${encodeURIComponent(id)}/escalate`, EscalateReplySchema, {
        method: 'POST',
        body: { actorUsername },
      }),
    board: (from: string | undefined, to: string | undefined) => {
      const query = new URLSearchParams();
      if (from) query.set('from', from);
      if (to) query.set('to', to);
      return call(`/api/systems?${query.toString()}`, SystemsBoardReplySchema);
    },
    assets: () => call('/api/assets', AssetsReplySchema),
    startImport: (format: AssetImportFormat, fileName: string, file: Uint8Array, actorUsername: string) =>
      call(`/api/assets/import?${new URLSearchParams({ format, fileName }).toString()}`, AssetImportReplySchema, {
        method: 'POST',
        bytes: file,
        headers: { 'x-ioc-actor': actorUsername },
      }),
    importProgress: (id: string) => call(`/api/assets/imports/${encodeURIComponent(id)}`, AssetImportReplySchema),
  };
}

export type ServerClient = ReturnType<typeof createServerClient>;
