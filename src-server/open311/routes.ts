import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { WorkingCalendar } from '../../src-shared/domain/cases/calendar';
import { normalizeTrackingCode } from '../../src-shared/domain/cases/tracking-code';
import type { Attachments } from '../attachments/attachments';
import { findApiKey } from '../auth/api-keys';
import { findCasesByCodes, listPublicUpdates, searchCases } from '../cases/case-queries';
import type { CaseRow } from '../cases/case-rows';
import { createCitizenReport } from '../cases/create-case';
import { type SiteArea, siteOfLocation } from '../cases/site-areas';
import type { ServerDatabase } from '../db/schema';
import type { Logger } from '../logging/logger';
import type { Agency, ServiceCatalog } from '../resources/catalog';
import { fail, Open311Error } from './errors';
import { describe, languageOf } from './messages';
import { readPostFields } from './post-body';
import { checkMultipartBody, publishedMediaUrls, readPostedMedia } from './post-media';
import { type Format, sendOpen311, sendOpen311Error } from './respond';
import {
  DiscoverySchema,
  PostResponseSchema,
  RequestUpdateListSchema,
  ServiceDefinitionSchema,
  ServiceListSchema,
  ServiceRequestListSchema,
} from './schemas';
import { MAX_RESULTS, readRequestQuery, readWindow } from './search-params';
import { readText } from './text-fields';
import { toRequestUpdate, toService, toServiceDefinition, toServiceRequest } from './to-open311';
import { validateReport } from './validate-post';
import { formatW3c } from './w3c-datetime';

export const OPEN311_PREFIX = '/open311/v2/';

export interface Open311Deps {
  db: Kysely<ServerDatabase>;
  catalog: ServiceCatalog;
  agencies: readonly Agency[];
  /** Which site a located report belongs to (cases/site-areas.ts); none: every report is site-less. */
  sites?: readonly SiteArea[];
  calendar: WorkingCalendar;
  /** The one jurisdiction this endpoint serves; jurisdiction_id is optional but must match when given. */
  jurisdictionId: string;
  now: () => Date;
  logger: Logger;
  /** Media posted with a request (`media` file part) and the published copies `media_url` points at. */
  attachments: Attachments;
}

type Handler = (req: FastifyRequest, reply: FastifyReply, format: Format, arg: string | null) => Promise<unknown>;

/** GeoReport v2 (wiki.open311.org/GeoReport_v2) plus mySociety's servicerequestupdates and Service Discovery. */
export function registerOpen311(app: FastifyInstance, deps: Open311Deps): void {
  const agencies = new Map(deps.agencies.map((a) => [a.id, a]));
  const ctx = { catalog: deps.catalog, agencies };
  const startedAt = deps.now().toISOString();

  function checkJurisdiction(params: URLSearchParams, bodyValue?: string | null): void {
    const given = bodyValue ?? params.get('jurisdiction_id')?.trim();
    if (given && given !== deps.jurisdictionId) fail(404, 'jurisdiction_not_found', { value: given });
  }

  const getServices: Handler = async (req, reply, format) => {
    checkJurisdiction(queryOf(req));
    return sendOpen311(reply, format, 200, 'services', ServiceListSchema, deps.catalog.services.map(toService));
  };

  const getDefinition: Handler = async (req, reply, format, code) => {
    checkJurisdiction(queryOf(req));
    const service = deps.catalog.get(code ?? '');
    if (!service) fail(404, 'service_code_not_found', { value: code ?? '' });
    return sendOpen311(reply, format, 200, 'service_definition', ServiceDefinitionSchema, toServiceDefinition(service));
  };

  const postRequest: Handler = async (req, reply, format) => {
    const language = languageOf(req.headers['accept-language']);
    checkMultipartBody(req.body, deps.attachments, language);
    const post = readPostFields(req.body);
    const keyErrors: Parameters<typeof readText>[3] = [];
    const queryKey = queryOf(req).get('api_key');
    const apiKey = readText(
      'api_key',
      post.fields.get('api_key') ?? (queryKey === null ? undefined : { from: 'form', values: [queryKey] }),
      { max: 512 },
      keyErrors,
    );
    if (apiKey === null) fail(403, 'api_key_missing');
    const apiKeyId = await findApiKey(deps.db, apiKey);
    if (!apiKeyId) fail(403, 'api_key_invalid');
    const other: Parameters<typeof readText>[3] = [];
    checkJurisdiction(
      queryOf(req),
      readText('jurisdiction_id', post.fields.get('jurisdiction_id'), { max: 200 }, other),
    );
    const serviceCode = readText('service_code', post.fields.get('service_code'), { max: 64 }, other);
    if (other.length > 0) throw new Open311Error(400, other);
    if (serviceCode === null) fail(400, 'service_code_missing');
    const service = deps.catalog.get(serviceCode);
    if (!service) fail(404, 'service_code_not_found', { value: serviceCode });
    const report = validateReport(post, service);
    if (Array.isArray(report)) throw new Open311Error(400, report);
    const posted = await readPostedMedia(req.body, post, deps.attachments, apiKeyId, language, deps.now());
    const now = deps.now();
    const created = await createCitizenReport(
      deps.db,
      deps.calendar,
      {
        ...report,
        service,
        apiKeyId,
        channel: 'open311',
        siteId: siteOfLocation(deps.sites ?? [], report.lat, report.long),
      },
      now,
      // The photo's link is part of the report: if it cannot be made, no case without its photo remains.
      async (trx, { id }) => {
        if (!posted) return;
        // The citizen's photo is published only as its re-encoded copy: no EXIF, so no GPS of their phone.
        await deps.attachments.link(
          {
            caseId: id,
            mediaSha256: posted.media.sha256,
            kind: 'citizen',
            public: true,
            fileName: posted.fileName,
            addedBy: `open311:${apiKeyId}`,
            now,
          },
          trx,
        );
      },
    );
    deps.logger.info('open311 request received', { code: created.code, service: service.service_code });
    const body = [{ service_request_id: created.code, service_notice: service.service_notice, account_id: null }];
    return sendOpen311(reply, format, 201, 'service_requests', PostResponseSchema, body);
  };

  const getRequests: Handler = async (req, reply, format) => {
    const params = queryOf(req);
    checkJurisdiction(params);
    const query = readRequestQuery(params, deps.now());
    const rows =
      query.kind === 'ids'
        ? (await findCasesByCodes(deps.db, query.codes)).slice(0, MAX_RESULTS)
        : await searchCases(deps.db, query.search);
    const body = await withMedia(req, rows);
    return sendOpen311(reply, format, 200, 'service_requests', ServiceRequestListSchema, body);
  };

  const getRequest: Handler = async (req, reply, format, id) => {
    checkJurisdiction(queryOf(req));
    const code = normalizeTrackingCode(id ?? '');
    const rows = code ? await findCasesByCodes(deps.db, [code]) : [];
    if (rows.length === 0) fail(404, 'request_not_found', { value: id ?? '' });
    const body = await withMedia(req, rows);
    return sendOpen311(reply, format, 200, 'service_requests', ServiceRequestListSchema, body);
  };

  async function withMedia(req: FastifyRequest, rows: CaseRow[]) {
    const urls = await publishedMediaUrls(
      deps.attachments,
      rows.map((r) => r.id),
      `${req.protocol}://${req.host}`,
    );
    return rows.map((r) => ({ ...toServiceRequest(r, ctx), media_url: urls.get(r.id) ?? r.media_url }));
  }

  const getUpdates: Handler = async (req, reply, format) => {
    const params = queryOf(req);
    checkJurisdiction(params);
    const window = readWindow(params, deps.now());
    const rows = await listPublicUpdates(deps.db, { ...window, limit: MAX_RESULTS });
    return sendOpen311(
      reply,
      format,
      200,
      'service_request_updates',
      RequestUpdateListSchema,
      rows.map((row) => toRequestUpdate(row, ctx, languageOf(req.headers['accept-language']))),
    );
  };

  const getDiscovery: Handler = async (req, reply, format) => {
    const language = languageOf(req.headers['accept-language']);
    const base = `${req.protocol}://${req.host}${OPEN311_PREFIX}`.slice(0, -1);
    const body = {
      changeset: formatW3c(startedAt),
      contact: describe(language, 'discovery_contact'),
      key_service: describe(language, 'discovery_key_service'),
      endpoints: [
        {
          specification: 'http://wiki.open311.org/GeoReport_v2' as const,
          url: base,
          changeset: formatW3c(startedAt),
          type: 'production' as const,
          formats: ['text/xml' as const, 'application/json' as const],
        },
      ],
    };
    return sendOpen311(reply, format, 200, 'discovery', DiscoverySchema, body);
  };

  const ROUTES: { pattern: RegExp; methods: Record<string, Handler> }[] = [
    { pattern: /^services$/, methods: { GET: getServices } },
    { pattern: /^services\/([^/]+)$/, methods: { GET: getDefinition } },
    { pattern: /^requests$/, methods: { GET: getRequests, POST: postRequest } },
    { pattern: /^requests\/([^/]+)$/, methods: { GET: getRequest } },
    { pattern: /^servicerequestupdates$/, methods: { GET: getUpdates } },
    { pattern: /^discovery$/, methods: { GET: getDiscovery } },
  ];

  app.all(`${OPEN311_PREFIX}*`, async (req, reply) => {
    const rest = (req.params as { '*'?: string })['*'] ?? '';
    const language = languageOf(req.headers['accept-language']);
    const m = /^(.+)\.(json|xml)$/.exec(rest);
    const format: Format = m?.[2] === 'xml' ? 'xml' : 'json';
    try {
      if (!m) fail(404, 'resource_not_found', { value: rest });
      const route = ROUTES.map((r) => ({ r, match: r.pattern.exec(m[1]!) })).find((x) => x.match);
      if (!route) fail(404, 'resource_not_found', { value: rest });
      const handler = route.r.methods[req.method];
      if (!handler) {
        reply.header('allow', Object.keys(route.r.methods).join(', '));
        fail(400, 'method_not_allowed', { method: req.method, value: rest });
      }
      return await handler(req, reply, format, route.match![1] ?? null);
    } catch (error) {
      if (error instanceof Open311Error) return sendOpen311Error(reply, format, error, language);
      deps.logger.error('open311 request failed', { path: rest, error: String(error) });
      // "400 - General Service error": the spec's status; the body says 500 so a client can tell it apart.
      const general = new Open311Error(400, [{ key: 'general_error', code: 500 }]);
      return sendOpen311Error(reply, format, general, language);
    }
  });
}

function queryOf(req: FastifyRequest): URLSearchParams {
  const i = req.url.indexOf('?');
  return new URLSearchParams(i >= 0 ? req.url.slice(i + 1) : '');
}
