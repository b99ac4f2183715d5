import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { ASSET_IMPORT_STREAM_TYPE, type Asset } from '../../src-shared/contract/alerts';
import { AssetKindSchema } from '../../src-shared/domain/alerts/model';
import { createWorkstationAuth, sendError } from '../alerts/http-auth';
import { withAlertTables } from '../alerts/tables';
import type { ServerDatabase } from '../db/schema';
import type { AssetImporter, ImportProgress } from './assets/import';

/** A register of a whole province's street lights fits; anything bigger is split. */
export const IMPORT_BODY_LIMIT = 20 * 1024 * 1024;

export interface IngestRoutesDeps {
  db: Kysely<ServerDatabase>;
  importer: AssetImporter;
  now: () => Date;
  /** Prometheus text of the ingest counters. */
  metricsText(): string;
}

const ImportQuery = z
  .object({
    format: z.enum(['csv', 'geojson', 'xlsx']),
    fileName: z.string().trim().min(1).max(200).default('register'),
  })
  .strict();
const Observed = z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()]));

function observedOf(text: string): Asset['observed'] {
  try {
    const raw: unknown = JSON.parse(text);
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return {};
    // Keep what the map can show (numbers, short text, flags); nested values stay on the server.
    const flat = Object.entries(raw).filter(
      ([, v]) => v === null || ['number', 'string', 'boolean'].includes(typeof v),
    );
    const parsed = Observed.safeParse(
      Object.fromEntries(flat.map(([k, v]) => [k, typeof v === 'string' ? v.slice(0, 2000) : v])),
    );
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** Asset register import with progress, the asset list for the map, and the ingest counters. */
export function registerIngestRoutes(app: FastifyInstance, deps: IngestRoutesDeps): void {
  const auth = createWorkstationAuth(deps.db, deps.now);
  const adb = withAlertTables(deps.db);

  app.get('/api/ingest/metrics', async (_req, reply) =>
    reply.header('content-type', 'text/plain; version=0.0.4; charset=utf-8').send(deps.metricsText()),
  );

  app.get('/api/assets', async (req, reply) => {
    if (!(await auth.device(req, reply))) return reply;
    const query = z.object({ kind: AssetKindSchema.optional() }).strict().safeParse(req.query);
    if (!query.success) return sendError(reply, 'invalid_input', 'kind must be an asset kind.');
    let q = adb.selectFrom('assets').selectAll();
    if (query.data.kind) q = q.where('kind', '=', query.data.kind);
    const rows = await q.orderBy('id').limit(100_000).execute();
    const assets: Asset[] = rows.flatMap((r) => {
      const kind = AssetKindSchema.safeParse(r.kind);
      if (!kind.success) return [];
      return [
        {
          id: r.id,
          kind: kind.data,
          name: r.name,
          location:
            r.lon === null || r.lat === null
              ? null
              : { type: 'Point' as const, coordinates: [r.lon, r.lat] as [number, number] },
          ward: r.ward,
          observed: observedOf(r.observed),
          observedAt: r.observed_at,
        },
      ];
    });
    return { ok: true, assets };
  });

  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    // Bytes, not text: an XLSX register is a ZIP archive; CSV and GeoJSON are decoded as UTF-8 by the importer.
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT }, (_req, body, done) =>
      done(null, body),
    );

    // The register is the body, as the file is; who imports it is a header (technicians and IT officers).
    scope.post('/api/assets/import', { bodyLimit: IMPORT_BODY_LIMIT }, async (req, reply) => {
      if (!(await auth.device(req, reply))) return reply;
      const query = ImportQuery.safeParse(req.query);
      if (!query.success) return sendError(reply, 'invalid_input', 'Give ?format=csv|geojson|xlsx (and fileName).');
      const actorName = req.headers['x-ioc-actor'];
      const user = await auth.actor(typeof actorName === 'string' ? actorName : '', 'assets.import', reply);
      if (!user) return reply;
      if (!Buffer.isBuffer(req.body) || req.body.length === 0)
        return sendError(reply, 'invalid_input', 'The body is the register file.');
      const input = { fileName: query.data.fileName, format: query.data.format, file: req.body, actor: user.username };
      if ((req.headers.accept ?? '').includes(ASSET_IMPORT_STREAM_TYPE)) {
        // One `{ok, import}` line per step and the outcome last: the same reply as polling, without the polls.
        const lines = new PassThrough();
        const line = (p: ImportProgress) => `${JSON.stringify({ ok: true, import: p })}\n`;
        deps.importer.start(input, (p) => {
          if (lines.destroyed || lines.writableEnded) return;
          if (p.status === 'validating' || p.status === 'writing') lines.write(line(p));
          else lines.end(line(p));
        });
        return reply
          .code(200)
          .header('content-type', `${ASSET_IMPORT_STREAM_TYPE}; charset=utf-8`)
          .header('cache-control', 'no-store')
          .send(lines);
      }
      const started = deps.importer.start(input);
      return reply
        .code(202)
        .header('location', `/api/assets/imports/${started.id}`)
        .send({ ok: true, import: started });
    });
  });

  app.get('/api/assets/imports/:id', async (req, reply) => {
    if (!(await auth.device(req, reply))) return reply;
    const params = z.object({ id: z.uuid() }).safeParse(req.params);
    if (!params.success) return sendError(reply, 'invalid_input', 'Bad import id.');
    const progress = await deps.importer.progress(params.data.id);
    return progress ? { ok: true, import: progress } : sendError(reply, 'not_found', 'No such import.');
  });
}
