import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { describe, type Language } from './messages';
import type { ErrorItem, Open311Error } from './errors';
import { ErrorListSchema, XML_ITEMS } from './schemas';
import { toXmlDocument, type XmlValue } from './xml';

export type Format = 'json' | 'xml';

const CONTENT_TYPE: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** Validates the payload against the spec's schema, then writes it as JSON or as the spec's XML. */
export function sendOpen311<S extends z.ZodType>(
  reply: FastifyReply,
  format: Format,
  status: number,
  xmlRoot: string,
  schema: S,
  payload: z.infer<S>,
): FastifyReply {
  const checked = schema.parse(payload) as XmlValue;
  const body = format === 'json' ? JSON.stringify(checked) : toXmlDocument(xmlRoot, checked, XML_ITEMS);
  return reply.code(status).header('content-type', CONTENT_TYPE[format]).header('cache-control', 'no-store').send(body);
}

export function errorBody(status: number, items: readonly ErrorItem[], language: Language) {
  return items.map((item) => ({ code: item.code ?? status, description: describe(language, item.key, item.params) }));
}

export function sendOpen311Error(reply: FastifyReply, format: Format, error: Open311Error, language: Language) {
  return sendOpen311(
    reply,
    format,
    error.status,
    'errors',
    ErrorListSchema,
    errorBody(error.status, error.items, language),
  );
}

/** The format a failed request asked for, read from the path even when routing never got that far. */
export function formatOfUrl(url: string): Format {
  const path = url.split('?')[0] ?? '';
  return path.endsWith('.xml') ? 'xml' : 'json';
}
