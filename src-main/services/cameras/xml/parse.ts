// xml2js ships no types, and the tests' tsconfig sees only files reachable from imports, so the local
// declaration is referenced here rather than listed in every tsconfig.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./xml2js.d.ts" />
import { parseString } from 'xml2js';
import { XmlRejectedError } from './guard';

/** A SOAP Fault, reduced to what decides our reaction: code, subcodes (e.g. ter:NotAuthorized), reason. */
export interface SoapFault {
  code: string;
  subcodes: string[];
  reason: string;
}

export interface ParsedSoap {
  /** The xml2js form of the Body's children, exactly as the onvif library's parser hands it to its methods. */
  rawBody: unknown;
  /** The same, flattened: single-element arrays unwrapped, values left as strings. */
  body: unknown;
  fault: SoapFault | null;
}

/** The onvif library's tag processor: drop the prefix, lower-case the first letter of camelCase names. */
export function onvifTagName(name: string): string {
  const colon = name.lastIndexOf(':');
  const local = colon >= 0 ? name.slice(colon + 1) : name;
  const second = local.charAt(1);
  return second && second.toUpperCase() !== second ? local.charAt(0).toLowerCase() + local.slice(1) : local;
}

/** Parses screened XML (see guard.ts) into the library's shape. Throws XmlRejectedError on non-SOAP input. */
export function parseSoap(screened: string): ParsedSoap {
  let result: unknown = null;
  let failure: Error | null = null;
  // xml2js calls back synchronously when `async` is off (its default).
  parseString(screened, { tagNameProcessors: [onvifTagName] }, (error, value) => {
    failure = error;
    result = value;
  });
  if (failure) throw new XmlRejectedError('malformed', `not well-formed XML: ${firstLine(failure)}`);
  const envelope = field(result, 'envelope');
  const rawBody = field(first(envelope), 'body');
  if (!Array.isArray(rawBody)) throw new XmlRejectedError('malformed', 'not a SOAP envelope');
  const body = flatten(rawBody);
  return { rawBody, body, fault: extractFault(body) };
}

function firstLine(error: Error): string {
  return (error.message.split('\n')[0] ?? '').slice(0, 120);
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, key)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The library's `linerase` without its value conversions: tokens such as "1.50" or "007" must survive as
 * written, so numbers and booleans are converted by the schema that reads them. Objects have no prototype,
 * so element names such as `__proto__` stay plain keys.
 */
export function flatten(value: unknown): unknown {
  if (Array.isArray(value)) {
    if (value.length !== 1) return value.map(flatten);
    return flatten(value[0]);
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const [k, v] of Object.entries(value)) out[k] = flatten(v);
    return out;
  }
  return value;
}

/** Text of an element that may carry attributes (`{_: text, $: {...}}`) or be empty. */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return textOf(value[0]);
  const inner = field(value, '_');
  return inner === undefined ? '' : textOf(inner);
}

function extractFault(body: unknown): SoapFault | null {
  const fault = field(body, 'fault');
  if (fault === undefined) return null;
  const code = field(fault, 'code');
  const subcodes: string[] = [];
  let sub = field(code, 'subcode');
  for (let guard = 0; sub !== undefined && guard < 8; guard++) {
    subcodes.push(textOf(field(sub, 'value')));
    sub = field(sub, 'subcode');
  }
  // SOAP 1.1 faults (faultcode/faultstring) still come from old firmware.
  const reason =
    textOf(field(field(fault, 'reason'), 'text')) ||
    textOf(field(fault, 'faultstring')) ||
    textOf(field(fault, 'detail'));
  return {
    code: textOf(field(code, 'value')) || textOf(field(fault, 'faultcode')),
    subcodes: subcodes.filter(Boolean),
    reason: reason.slice(0, 300),
  };
}

/** Local name of a QName such as `ter:NotAuthorized`. */
export function localName(qname: string): string {
  return qname.slice(qname.lastIndexOf(':') + 1);
}
