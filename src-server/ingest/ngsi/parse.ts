import type { ObservedAttribute, ObservedEntity } from '../../../src-shared/domain/alerts/entity';
import type { GeoPoint } from '../../../src-shared/domain/alerts/model';
import { contextProblem, type PayloadKind } from './context';
import { type Problem, problem } from './problem';

export const MAX_ATTRIBUTES = 100;
const MAX_TEXT = 10_000;
/** Absolute URI (RFC 3986 scheme), as NGSI-LD requires of entity ids. */
const ENTITY_ID = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]{1,255}$/;
const ATTRIBUTE_NAME = /^[A-Za-z_@][A-Za-z0-9_:.\-/#]{0,255}$/;
const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype']);
const CORE_MEMBERS = new Set(['id', 'type', '@context', 'scope', 'createdAt', 'modifiedAt', 'deletedAt']);
const NGSI_TYPES = new Set([
  'Property',
  'Relationship',
  'GeoProperty',
  'LanguageProperty',
  'ListProperty',
  'VocabProperty',
  'JsonProperty',
]);

export type ParsedEntity =
  | { ok: true; entity: ObservedEntity }
  | { ok: false; problem: Problem; entityId: string | null };

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `https://smartdatamodels.org/dataModel.Environment/FloodMonitoring` → `FloodMonitoring`. */
export function shortTypeName(type: string): string {
  const cut = Math.max(
    type.lastIndexOf('/'),
    type.lastIndexOf('#'),
    type.startsWith('urn:') ? type.lastIndexOf(':') : -1,
  );
  return cut >= 0 ? type.slice(cut + 1) : type;
}

function unwrap(value: unknown): unknown {
  // JSON-LD typed values: {"@type": "DateTime", "@value": "2026-…"}.
  if (isObject(value) && Object.hasOwn(value, '@value')) return value['@value'];
  return value;
}

function isoInstant(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 40) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function geoPoint(value: unknown): GeoPoint | null | 'invalid' {
  if (!isObject(value)) return 'invalid';
  const coords: number[][] = [];
  const collect = (c: unknown): boolean => {
    if (Array.isArray(c) && c.length >= 2 && c.every((n) => typeof n === 'number')) {
      coords.push(c as number[]);
      return true;
    }
    return Array.isArray(c) && c.length > 0 && c.length <= 10_000 && c.every(collect);
  };
  if (typeof value.type !== 'string' || !collect(value.coordinates)) return 'invalid';
  // Lines and areas are placed at the average of their vertices: enough to put a marker on the map.
  const lon = coords.reduce((s, c) => s + c[0]!, 0) / coords.length;
  const lat = coords.reduce((s, c) => s + c[1]!, 0) / coords.length;
  if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) return 'invalid';
  return { type: 'Point', coordinates: [lon, lat] };
}

interface AttributeRead {
  attr: ObservedAttribute;
  observedAt: string | null;
  geo: unknown;
}

function readAttribute(name: string, raw: unknown): AttributeRead | string {
  if (isObject(raw) && typeof raw.type === 'string' && NGSI_TYPES.has(raw.type)) {
    if (raw.type === 'Relationship') {
      if (!Object.hasOwn(raw, 'object')) return `${name}: a Relationship needs "object"`;
      return { attr: { value: raw.object, unitCode: null }, observedAt: null, geo: null };
    }
    if (!Object.hasOwn(raw, 'value')) return `${name}: a ${raw.type} needs "value"`;
    if (raw.unitCode !== undefined && (typeof raw.unitCode !== 'string' || raw.unitCode.length > 8)) {
      return `${name}: unitCode must be a UN/CEFACT code`;
    }
    let observedAt: string | null = null;
    if (raw.observedAt !== undefined) {
      observedAt = isoInstant(raw.observedAt);
      if (observedAt === null) return `${name}: observedAt must be an ISO 8601 date-time`;
    }
    const value = unwrap(raw.value);
    return {
      attr: { value, unitCode: typeof raw.unitCode === 'string' ? raw.unitCode : null },
      observedAt,
      geo: raw.type === 'GeoProperty' ? value : null,
    };
  }
  // keyValues form: the value itself.
  return { attr: { value: unwrap(raw), unitCode: null }, observedAt: null, geo: name === 'location' ? raw : null };
}

function textTooLong(value: unknown): boolean {
  if (typeof value === 'string') return value.length > MAX_TEXT;
  if (value === null || typeof value !== 'object') return false;
  return JSON.stringify(value).length > MAX_TEXT;
}

/**
 * One NGSI-LD entity, normalized or keyValues (or a mix), to what rules see. Everything a client could get wrong
 * becomes a ProblemDetails naming the entity and the attribute; nothing is thrown.
 */
export function parseEntity(raw: unknown, kind: PayloadKind, receivedAt: Date): ParsedEntity {
  if (!isObject(raw))
    return { ok: false, problem: problem('invalid_value', 'An entity must be a JSON object.'), entityId: null };
  const rawId = raw.id;
  const entityId = typeof rawId === 'string' ? rawId.slice(0, 256) : null;
  const fail = (p: Problem): ParsedEntity => ({ ok: false, problem: p, entityId });
  const contextIssue = contextProblem(raw, kind);
  if (contextIssue) return fail(problem('bad_jsonld', contextIssue));
  if (rawId === undefined || rawId === null || rawId === '')
    return fail(problem('missing_id', 'Every entity needs "id".'));
  if (typeof rawId !== 'string' || !ENTITY_ID.test(rawId)) {
    return fail(
      problem('bad_id', 'The entity id must be an absolute URI such as urn:ngsi-ld:FloodMonitoring:cao-lanh-01.'),
    );
  }
  const rawType = Array.isArray(raw.type) && raw.type.length === 1 ? raw.type[0] : raw.type;
  if (rawType === undefined || rawType === null || rawType === '') {
    return fail(problem('missing_type', `Entity ${rawId} has no "type".`));
  }
  if (typeof rawType !== 'string' || rawType.length > 256)
    return fail(problem('missing_type', `Entity ${rawId}: "type" must be a name.`));

  const attrs: Record<string, ObservedAttribute> = {};
  let location: GeoPoint | null = null;
  let latest: string | null = null;
  let count = 0;
  for (const [name, value] of Object.entries(raw)) {
    if (CORE_MEMBERS.has(name)) continue;
    if (++count > MAX_ATTRIBUTES)
      return fail(problem('invalid_value', `Entity ${rawId} has more than ${MAX_ATTRIBUTES} attributes.`));
    if (!ATTRIBUTE_NAME.test(name) || FORBIDDEN_NAMES.has(name)) {
      return fail(problem('invalid_value', `Entity ${rawId}: "${name.slice(0, 60)}" is not an attribute name.`));
    }
    const read = readAttribute(name, value);
    if (typeof read === 'string') return fail(problem('invalid_value', `Entity ${rawId}: ${read}`));
    if (textTooLong(read.attr.value))
      return fail(problem('invalid_value', `Entity ${rawId}: ${name} is longer than ${MAX_TEXT} characters.`));
    if (read.geo !== null && name === 'location') {
      const point = geoPoint(read.geo);
      if (point === 'invalid')
        return fail(problem('invalid_value', `Entity ${rawId}: location must be GeoJSON with WGS84 coordinates.`));
      location = point;
      continue;
    }
    if (read.observedAt && (latest === null || read.observedAt > latest)) latest = read.observedAt;
    Object.defineProperty(attrs, name, { value: read.attr, enumerable: true });
  }
  const dateObserved = Object.hasOwn(attrs, 'dateObserved') ? attrs.dateObserved!.value : undefined;
  let observedAt = latest ?? receivedAt.toISOString();
  if (dateObserved !== undefined) {
    const parsed = isoInstant(dateObserved);
    if (parsed === null)
      return fail(problem('invalid_value', `Entity ${rawId}: dateObserved must be an ISO 8601 date-time.`));
    observedAt = parsed;
  }
  return { ok: true, entity: { id: rawId, type: shortTypeName(rawType), attrs, location, observedAt } };
}
