import type { ErrorItem } from './errors';
import type { RawValue } from './post-body';

// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LINE_BREAK = /[\r\n]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface TextRule {
  max: number;
  multiline?: boolean;
}

/**
 * One text value of a field, or null when absent or empty ("optional" in the spec: empty equals absent).
 * Refuses repeats, non-strings, control characters (PostgreSQL cannot even store NUL), lone surrogates and
 * overlong text, recording why in `errors`.
 */
export function readText(name: string, raw: RawValue | undefined, rule: TextRule, errors: ErrorItem[]): string | null {
  if (raw === undefined) return null;
  let text: string;
  if (raw.from === 'form') {
    if (raw.values.length > 1) {
      errors.push({ key: 'field_repeated', params: { field: name } });
      return null;
    }
    text = raw.values[0] ?? '';
  } else {
    if (raw.value === null || raw.value === undefined) return null;
    if (typeof raw.value !== 'string') {
      errors.push({ key: 'field_type', params: { field: name } });
      return null;
    }
    text = raw.value;
  }
  text = text.trim();
  if (text === '') return null;
  if (LONE_SURROGATE.test(text) || CONTROL.test(text) || (!rule.multiline && LINE_BREAK.test(text))) {
    errors.push({ key: 'field_bad_text', params: { field: name } });
    return null;
  }
  // Code points, not UTF-16 units: "4,000 characters" must not count an emoji twice.
  let length = 0;
  for (const _ of text) if (++length > rule.max) break;
  if (length > rule.max) {
    errors.push({ key: 'field_too_long', params: { field: name, max: rule.max } });
    return null;
  }
  return rule.multiline ? text.replace(/\r\n?/g, '\n') : text;
}

/** The raw values of a multi-valued field, as strings (JSON arrays of strings, repeated form keys). */
export function readList(raw: RawValue): unknown[] {
  if (raw.from === 'form') return raw.values;
  if (Array.isArray(raw.value)) return raw.value;
  return raw.value === null || raw.value === undefined ? [] : [raw.value];
}
