import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { IngestAdapter } from './adapter';
import { createKeyCheck } from './ingest-key';
import { linkHeaderProblem, type PayloadKind } from './ngsi/context';
import { type Problem, problem, problemBody } from './ngsi/problem';
import type { EntityOutcome, IngestSink } from './pipeline';

export const NGSI_PREFIX = '/ngsi-ld/v1';
/** A batch of 1,000 entities fits; a 10 MB payload is refused before it is read into memory. */
export const NGSI_BODY_LIMIT = 1024 * 1024;
export const HTTP_ADAPTER = 'ngsi-ld-http';

class BodyProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
}

function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  return reply.code(p.status).header('content-type', 'application/problem+json').send(problemBody(p));
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch (error) {
    throw new BodyProblem(
      problem('invalid_json', `The body is not JSON: ${error instanceof Error ? error.message : ''}`),
    );
  }
}

function kindOf(contentType: string | undefined): PayloadKind {
  return (contentType ?? '').toLowerCase().startsWith('application/ld+json') ? 'ld+json' : 'json';
}

export interface NgsiHttpAdapter extends IngestAdapter {
  /** Adds the NGSI-LD routes to the server's app (before it listens); they answer 503 until start(). */
  register(app: FastifyInstance): void;
}

/**
 * NGSI-LD over HTTP (ETSI GS CIM 009): `POST /ngsi-ld/v1/entities` creates one entity, `POST
 * /ngsi-ld/v1/entityOperations/upsert` creates or updates a batch. Errors are ProblemDetails with the spec's
 * error types. Sensors authenticate with `Authorization: Bearer <IOC_INGEST_KEY>`.
 */
export function createNgsiHttpAdapter(options: { ingestKey: string | null }): NgsiHttpAdapter {
  let sink: IngestSink | null = null;
  const keyMatches = createKeyCheck(options.ingestKey);

  function refuse(reply: FastifyReply, p: Problem): FastifyReply {
    sink?.refuse(HTTP_ADAPTER, p);
    return sendProblem(reply, p);
  }

  return {
    name: HTTP_ADAPTER,
    async start(s) {
      sink = s;
    },
    async stop() {
      sink = null;
    },
    register(app) {
      void app.register(
        async (scope) => {
          scope.removeContentTypeParser('application/json');
          for (const type of ['application/json', 'application/ld+json']) {
            scope.addContentTypeParser(type, { parseAs: 'string', bodyLimit: NGSI_BODY_LIMIT }, (_req, body, done) => {
              try {
                done(null, parseJson(body as string));
              } catch (error) {
                done(error as Error, undefined);
              }
            });
          }
          scope.setErrorHandler((error: FastifyError | BodyProblem, _req, reply) => {
            if (error instanceof BodyProblem) return refuse(reply, error.problem);
            if (error.statusCode === 413 || error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
              return refuse(reply, problem('too_large', `Payloads are limited to ${NGSI_BODY_LIMIT} bytes.`));
            }
            if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
              return refuse(reply, problem('unsupported_media_type', 'Send application/json or application/ld+json.'));
            }
            if ((error.statusCode ?? 500) < 500) return refuse(reply, problem('invalid_json', error.message));
            return sendProblem(reply, {
              type: 'https://uri.etsi.org/ngsi-ld/errors/InternalError',
              title: 'Internal error',
              status: 500,
              detail: 'The server failed; the request may be retried.',
              reason: 'invalid_value',
            });
          });
          scope.setNotFoundHandler((req, reply) =>
            sendProblem(reply, {
              type: 'https://uri.etsi.org/ngsi-ld/errors/ResourceNotFound',
              title: 'Not found',
              status: 404,
              detail: `No NGSI-LD operation ${req.method} ${req.url.split('?')[0]?.slice(0, 200)} here.`,
              reason: 'invalid_value',
            }),
          );

          /** Checks everything but the body; a FastifyReply when the request is refused. */
          function gate(headers: Record<string, string | string[] | undefined>, reply: FastifyReply) {
            if (!sink) {
              return reply
                .code(503)
                .header('content-type', 'application/problem+json')
                .send({ type: 'about:blank', title: 'Ingest not running', status: 503, detail: 'Try again shortly.' });
            }
            const auth = typeof headers.authorization === 'string' ? headers.authorization : '';
            if (!keyMatches(/^Bearer (.+)$/.exec(auth)?.[1])) {
              return refuse(reply, problem('unauthorized', 'Send Authorization: Bearer <ingest key>.'));
            }
            const link = typeof headers.link === 'string' ? headers.link : undefined;
            const linkIssue = linkHeaderProblem(link);
            if (linkIssue) return refuse(reply, problem('bad_jsonld', linkIssue));
            if (link !== undefined && kindOf(headers['content-type'] as string | undefined) === 'ld+json') {
              return refuse(
                reply,
                problem('bad_jsonld', 'application/ld+json carries @context in the body, not in a Link header.'),
              );
            }
            return null;
          }

          scope.post('/entities', { bodyLimit: NGSI_BODY_LIMIT }, async (req, reply) => {
            const refused = gate(req.headers, reply);
            if (refused) return refused;
            if (Array.isArray(req.body)) {
              return refuse(
                reply,
                problem('invalid_value', 'POST /entities takes one entity; use entityOperations/upsert for a batch.'),
              );
            }
            const kind = kindOf(req.headers['content-type']);
            const [outcome] = sink!.payload(req.body, { adapter: HTTP_ADAPTER, kind, mode: 'create' });
            if (!outcome!.ok) return sendProblem(reply, outcome!.problem);
            return reply
              .code(201)
              .header('location', `${NGSI_PREFIX}/entities/${encodeURIComponent(outcome!.entityId)}`)
              .send();
          });

          scope.post('/entityOperations/upsert', { bodyLimit: NGSI_BODY_LIMIT }, async (req, reply) => {
            const refused = gate(req.headers, reply);
            if (refused) return refused;
            if (!Array.isArray(req.body)) {
              return refuse(reply, problem('invalid_value', 'entityOperations/upsert takes an array of entities.'));
            }
            const kind = kindOf(req.headers['content-type']);
            const outcomes: EntityOutcome[] = sink!.payload(req.body, { adapter: HTTP_ADAPTER, kind, mode: 'upsert' });
            const failed = outcomes.filter((o) => !o.ok);
            if (failed.length === 0) {
              const created = outcomes.flatMap((o) => (o.ok && o.created ? [o.entityId] : []));
              return created.length > 0 ? reply.code(201).send(created) : reply.code(204).send();
            }
            // Batch Operation Result (§5.2.16): what was taken and, per entity, why the rest was not.
            return reply.code(207).send({
              success: outcomes.flatMap((o) => (o.ok ? [o.entityId] : [])),
              errors: outcomes.flatMap((o) =>
                o.ok ? [] : [{ entityId: o.entityId ?? '', error: problemBody(o.problem) }],
              ),
            });
          });
        },
        { prefix: NGSI_PREFIX },
      );
    },
  };
}
