import type { z } from 'zod';
import {
  AlertPageSchema,
  ASSET_IMPORT_STREAM_TYPE,
  type AssetImportProgress,
  AssetImportReplySchema,
  type AssetImportFormat,
  AssetsReplySchema,
  EscalateReplySchema,
  ServerErrorReplySchema,
  SystemsBoardReplySchema,
} from '../../../src-shared/contract/alerts';
import {
  CAMERA_REPORTS_PATH,
  CAMERA_REPORTS_SENT_AT_HEADER,
  type CameraReportBatch,
  CameraReportReplySchema,
} from '../../../src-shared/contract/camera-reports';
import { createJsonLineReader, type JsonLine } from '../../../src-shared/domain/json-lines';

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
/** A register import may go this long without a byte from the server (the upload, then each step). */
const IMPORT_IDLE_MS = 120_000;

function offline(error: unknown): ServerCallError {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
  return new ServerCallError('offline', null, `The central server cannot be reached (${cause.slice(0, 200)}).`);
}

/** A reply's text read against `schema`; a refusal becomes the server's error code. */
function readReply<T>(path: string, status: number, text: string, schema: z.ZodType<T>): T {
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
  return readJson(path, status, json, schema);
}

function readJson<T>(path: string, status: number, json: unknown, schema: z.ZodType<T>): T {
  const route = path.split('?')[0];
  if (status < 200 || status >= 300) {
    const refusal = ServerErrorReplySchema.safeParse(json);
    if (!refusal.success) throw new ServerCallError('bad_reply', null, `HTTP ${status} from ${route}.`);
    throw new ServerCallError('refused', refusal.data.error.code, refusal.data.error.message);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new ServerCallError('bad_reply', null, `The server's reply to ${route} breaks the contract.`);
  return parsed.data;
}

/**
 * The central server's alert API as the workstation calls it (src-server/alerts/routes.ts, probes/routes.ts).
 * Every reply is parsed with the contract's schema: a malformed or foreign reply never reaches the mirror.
 */
export function createServerClient(link: ServerLink) {
  const base = link.serverUrl.replace(/\/+$/, '');

  function enrolled(): string {
    const authorization = link.authorization();
    if (authorization === null) {
      throw new ServerCallError('not_enrolled', null, 'This workstation is not enrolled with the central server yet.');
    }
    return authorization;
  }

  async function call<T>(
    path: string,
    schema: z.ZodType<T>,
    init: {
      method?: 'GET' | 'POST';
      body?: unknown;
      waitMs?: number;
      signal?: AbortSignal;
      headers?: Record<string, string>;
    } = {},
  ): Promise<T> {
    const authorization = enrolled();
    const timeout = AbortSignal.timeout(TIMEOUT_MS + (init.waitMs ?? 0));
    let status: number;
    let text: string;
    try {
      const res = await fetch(`${base}${path}`, {
        method: init.method ?? 'GET',
        headers: {
          authorization,
          ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...init.headers,
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: init.signal ? AbortSignal.any([init.signal, timeout]) : timeout,
      });
      status = res.status;
      text = await res.text();
    } catch (error) {
      throw offline(error);
    }
    return readReply(path, status, text, schema);
  }

  /**
   * Uploads a register asking for the import's steps as NDJSON (src-server/ingest/routes.ts) and tells `onStep` of
   * each line; resolves with the last: the outcome. A server that does not stream answers 202 with the import
   * just started, which is then returned as is, for the caller to follow with importProgress.
   */
  async function importStreaming(
    path: string,
    file: Uint8Array,
    actorUsername: string,
    onStep: (progress: AssetImportProgress) => void,
    signal: AbortSignal,
  ): Promise<AssetImportProgress> {
    const authorization = enrolled();
    const idle = new AbortController();
    let timer = setTimeout(() => idle.abort(new Error('no reply for too long')), IMPORT_IDLE_MS);
    const stillAlive = () => {
      clearTimeout(timer);
      timer = setTimeout(() => idle.abort(new Error('no reply for too long')), IMPORT_IDLE_MS);
    };
    try {
      let res: Response;
      try {
        res = await fetch(`${base}${path}`, {
          method: 'POST',
          headers: {
            authorization,
            accept: `${ASSET_IMPORT_STREAM_TYPE}, application/json`,
            'content-type': 'application/octet-stream',
            'x-ioc-actor': actorUsername,
          },
          body: new Uint8Array(file), // over an ArrayBuffer, as fetch's BodyInit requires
          signal: AbortSignal.any([signal, idle.signal]),
        });
      } catch (error) {
        throw offline(error);
      }
      const streamed = (res.headers.get('content-type') ?? '').startsWith(ASSET_IMPORT_STREAM_TYPE);
      if (!streamed || !res.ok || !res.body) {
        let text: string;
        try {
          text = await res.text();
        } catch (error) {
          throw offline(error);
        }
        return readReply(path, res.status, text, AssetImportReplySchema).import;
      }
      let last: AssetImportProgress | null = null;
      const lines = createJsonLineReader();
      const decoder = new TextDecoder();
      const take = (found: JsonLine[]) => {
        for (const line of found) {
          if (!line.ok)
            throw new ServerCallError('bad_reply', null, `A line of the server's import stream is not JSON.`);
          last = readJson(path, 200, line.value, AssetImportReplySchema).import;
          onStep(last);
        }
      };
      const reader = res.body.getReader();
      try {
        for (let part = await reader.read(); !part.done; part = await reader.read()) {
          stillAlive();
          take(lines.push(decoder.decode(part.value, { stream: true })));
        }
        take([...lines.push(decoder.decode()), ...lines.end()]);
      } catch (error) {
        void reader.cancel().catch(() => undefined);
        if (error instanceof ServerCallError) throw error;
        throw offline(error);
      }
      if (last === null) throw new ServerCallError('bad_reply', null, `The server's import stream was empty.`);
      return last;
    } finally {
      clearTimeout(timer);
    }
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
    importAssets: (
      format: AssetImportFormat,
      fileName: string,
      file: Uint8Array,
      actorUsername: string,
      onStep: (progress: AssetImportProgress) => void,
      signal: AbortSignal,
    ) =>
      importStreaming(
        `/api/assets/import?${new URLSearchParams({ format, fileName }).toString()}`,
        file,
        actorUsername,
        onStep,
        signal,
      ),
    /** `sentAt`: this workstation's clock now, so the server can order the reports on its own clock. */
    reportCameras: (batch: CameraReportBatch, signal: AbortSignal, sentAt: Date) =>
      call(CAMERA_REPORTS_PATH, CameraReportReplySchema, {
        method: 'POST',
        body: batch,
        signal,
        headers: { [CAMERA_REPORTS_SENT_AT_HEADER]: sentAt.toISOString() },
      }),
    importProgress: (id: string) => call(`/api/assets/imports/${encodeURIComponent(id)}`, AssetImportReplySchema),
  };
}

export type ServerClient = ReturnType<typeof createServerClient>;
