import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { CommandError, hasPermission } from '../../src-shared/contract';
import {
  ASSET_IMPORT_STREAM_TYPE,
  AssetImportFormatSchema,
  type AssetImportFormat,
  type AssetImportReport,
  type AssetImportStep,
  MAX_ASSET_UPLOAD_BYTES,
} from '../../src-shared/contract/alerts';
import type { Principal } from '../services/auth';
import { BASE_HEADERS, sendJson } from './http-util';
import { readCapped } from './read-capped';
import { refuseUnread } from './refuse-upload';

/**
 * Forwards a register to the central server and waits for its report (alerts service `importAssets`), telling
 * `onStep` where the server is meanwhile.
 */
export type ImportAssets = (
  format: AssetImportFormat,
  fileName: string,
  file: Uint8Array,
  actorUsername: string,
  onStep?: (step: AssetImportStep) => void,
) => Promise<AssetImportReport>;

const ImportQuery = z.object({
  format: AssetImportFormatSchema,
  fileName: z.string().trim().min(1).max(200),
});

const tooLarge = () =>
  new CommandError('payload_too_large', `The register file is larger than ${MAX_ASSET_UPLOAD_BYTES} bytes.`);

/**
 * The rest of a refused body is read and dropped, up to this much more than the cap and for as long as the core's
 * request timeout, so the client reads the refusal instead of a reset (refuse-upload.ts).
 */
export const UPLOAD_DRAIN_LIMITS = { maxBytes: 2 * MAX_ASSET_UPLOAD_BYTES, maxMs: 30_000 };

/**
 * The reply as JSON lines: the head goes with the first step, so a refusal before it (the server offline, the
 * actor refused) keeps its own status; after it, the last line carries the outcome, an error included.
 */
function jsonLines(res: ServerResponse) {
  const line = (body: unknown) => `${JSON.stringify(body)}\n`;
  const head = () => {
    if (res.headersSent) return;
    res.writeHead(200, {
      ...BASE_HEADERS,
      'content-type': `${ASSET_IMPORT_STREAM_TYPE}; charset=utf-8`,
      'cache-control': 'no-store',
    });
  };
  return {
    step(step: AssetImportStep): void {
      head();
      if (!res.destroyed) res.write(line({ progress: step }));
    },
    /** False when nothing was sent yet: the caller answers as a plain JSON reply. */
    end(body: { ok: true; value: AssetImportReport } | { ok: false; error: { code: string; message: string } }) {
      if (!res.headersSent) return false;
      res.end(line(body));
      return true;
    },
  };
}

/**
 * `POST /api/assets/import?format=csv|xlsx|geojson&fileName=…`: an asset register as the raw body (up to 20 MB,
 * the central server's cap), for a signed-in user holding `assets.import`; answered `{ok, value: report}` once the
 * server has imported every row or none — or, asked with `Accept: application/x-ndjson`, `{progress}` lines while
 * the server checks and writes the rows, then that reply as the last line (ASSET_IMPORT_PATH in the contract).
 */
export async function importAssetsRoute(
  req: IncomingMessage,
  res: ServerResponse,
  principal: Principal,
  importAssets: ImportAssets,
): Promise<void> {
  const lines = (req.headers.accept ?? '').includes(ASSET_IMPORT_STREAM_TYPE) ? jsonLines(res) : null;
  try {
    // Refused before the body is read: a user without the permission uploads nothing.
    if (!hasPermission(principal.roles, 'assets.import'))
      throw new CommandError('forbidden', 'Importing asset registers needs assets.import.');
    const query = ImportQuery.safeParse(
      Object.fromEntries(new URL(req.url ?? '/', 'http://localhost').searchParams.entries()),
    );
    if (!query.success) throw new CommandError('invalid_input', 'Give ?format=csv|xlsx|geojson and fileName.');
    const file = await readCapped(req, MAX_ASSET_UPLOAD_BYTES, tooLarge);
    if (file.length === 0) throw new CommandError('invalid_input', 'The body is the register file; it is empty.');
    const report = await importAssets(
      query.data.format,
      query.data.fileName,
      file,
      principal.username,
      lines ? (step) => lines.step(step) : undefined,
    );
    if (!lines?.end({ ok: true, value: report })) sendJson(res, 200, { ok: true, value: report });
  } catch (error) {
    if (!(error instanceof CommandError)) {
      lines?.end({ ok: false, error: { code: 'internal', message: 'The import failed on this workstation.' } });
      throw error;
    }
    const refusal = { code: error.code, message: error.message };
    if (lines?.end({ ok: false, error: refusal })) return;
    // Refused before the client has sent all its body: it reads the refusal, then the connection closes.
    await refuseUnread(req, res, refusal, UPLOAD_DRAIN_LIMITS);
  }
}
