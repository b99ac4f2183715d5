/** Where an NGSI-LD payload came from decides how its `@context` is read (ETSI GS CIM 009 §6.3.5). */
export type PayloadKind = 'json' | 'ld+json' | 'mqtt';

const URI = /^(https?:\/\/[^\s]+|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[^\s]+)$/;

function validTerm(value: unknown): boolean {
  if (typeof value === 'string') return value.length > 0 && value.length <= 2048;
  if (value === null) return true;
  return typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length <= 200;
}

function validContextItem(item: unknown): string | null {
  if (typeof item === 'string')
    return URI.test(item) && item.length <= 2048 ? null : `"${item.slice(0, 80)}" is not an absolute URI`;
  if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
    const entries = Object.entries(item);
    if (entries.length > 500) return 'an inline context with more than 500 terms';
    const bad = entries.find(([, v]) => !validTerm(v));
    return bad ? `term "${bad[0].slice(0, 80)}" has an invalid definition` : null;
  }
  return 'each @context item must be a URI string or an object of term definitions';
}

/**
 * Checks an entity's `@context` against how it arrived. Terms are not expanded against remote contexts (the
 * server works offline); type names are matched by their last segment instead (see parse.ts). Returns a
 * problem description, or null when it is fine.
 */
export function contextProblem(entity: Record<string, unknown>, kind: PayloadKind): string | null {
  const has = Object.hasOwn(entity, '@context');
  if (kind === 'json') {
    return has
      ? 'application/json payloads must not carry @context: send it in a Link header or use application/ld+json'
      : null;
  }
  if (!has) return kind === 'ld+json' ? 'application/ld+json payloads must carry @context in every entity' : null;
  const context = entity['@context'];
  const items = Array.isArray(context) ? context : [context];
  if (items.length === 0 || items.length > 20) return '@context must hold 1–20 items';
  for (const item of items) {
    const problem = validContextItem(item);
    if (problem) return `@context: ${problem}`;
  }
  return null;
}

/** `Link: <url>; rel="http://www.w3.org/ns/json-ld#context"; type="application/ld+json"` — checked, not fetched. */
export function linkHeaderProblem(header: string | undefined): string | null {
  if (header === undefined) return null;
  const m = /^\s*<([^>]+)>\s*;(.*)$/.exec(header);
  if (!m || !/rel="?http:\/\/www\.w3\.org\/ns\/json-ld#context"?/.test(m[2] ?? '')) {
    return 'the Link header must be <uri>; rel="http://www.w3.org/ns/json-ld#context"';
  }
  return URI.test(m[1] ?? '') ? null : 'the Link header must point at an absolute URI';
}
