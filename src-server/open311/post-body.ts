import { Open311Error } from './errors';

/** What the form parser hands over: every pair in order, repeated keys kept (attribute[code][]=a&…[]=b). */
export class FormBody {
  constructor(readonly entries: readonly (readonly [string, string])[]) {}
}

export type RawValue = { from: 'form'; values: string[] } | { from: 'json'; value: unknown };

export interface PostFields {
  fields: Map<string, RawValue>;
  /** attribute[code] answers, by code. */
  attributes: Map<string, RawValue>;
}

export const MAX_FIELDS = 200;
const MAX_KEY_LENGTH = 100;
/** Never meaningful as field names, and the classic prototype-pollution keys: refused outright. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const ATTRIBUTE_KEY = /^attribute\[([^[\]]{1,64})\](\[\])?$/;

function checkKey(key: string): void {
  if (FORBIDDEN_KEYS.has(key) || key.length > MAX_KEY_LENGTH) {
    throw new Open311Error(400, [{ key: 'forbidden_key', params: { field: key } }]);
  }
}

function add(map: Map<string, RawValue>, key: string, value: RawValue): void {
  const existing = map.get(key);
  if (existing?.from === 'form' && value.from === 'form') existing.values.push(...value.values);
  else if (existing) throw new Open311Error(400, [{ key: 'field_repeated', params: { field: key } }]);
  else map.set(key, value);
}

/** Reads a form or JSON body into fields and attribute answers (Maps: no prototype to pollute). */
export function readPostFields(body: unknown): PostFields {
  const fields = new Map<string, RawValue>();
  const attributes = new Map<string, RawValue>();
  if (body instanceof FormBody) {
    if (body.entries.length > MAX_FIELDS)
      throw new Open311Error(400, [{ key: 'too_many_fields', params: { max: MAX_FIELDS } }]);
    for (const [key, value] of body.entries) {
      checkKey(key);
      const attr = ATTRIBUTE_KEY.exec(key);
      if (attr) {
        checkKey(attr[1]!);
        add(attributes, attr[1]!, { from: 'form', values: [value] });
      } else add(fields, key, { from: 'form', values: [value] });
    }
    return { fields, attributes };
  }
  if (body === undefined) return { fields, attributes };
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new Open311Error(400, [{ key: 'body_not_object' }]);
  const keys = Object.keys(body);
  if (keys.length > MAX_FIELDS) throw new Open311Error(400, [{ key: 'too_many_fields', params: { max: MAX_FIELDS } }]);
  for (const key of keys) {
    checkKey(key);
    const value: unknown = (body as Record<string, unknown>)[key];
    const attr = ATTRIBUTE_KEY.exec(key);
    if (attr) {
      checkKey(attr[1]!);
      add(attributes, attr[1]!, { from: 'json', value });
    } else if (key === 'attribute' && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const codes = Object.keys(value);
      if (codes.length > MAX_FIELDS)
        throw new Open311Error(400, [{ key: 'too_many_fields', params: { max: MAX_FIELDS } }]);
      for (const code of codes) {
        checkKey(code);
        add(attributes, code, { from: 'json', value: (value as Record<string, unknown>)[code] });
      }
    } else fields.set(key, { from: 'json', value });
  }
  return { fields, attributes };
}
