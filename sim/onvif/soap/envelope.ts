import type { Capture } from '../captures';
import { NS } from './ns';
import { escapeXml } from './xml';

export interface HttpReply {
  status: number;
  headers: Record<string, string | string[]>;
  body: string | Buffer;
}

export const SOAP_CONTENT_TYPE = 'application/soap+xml; charset=utf-8';

/** A SOAP answer: the vendor's captured envelope around a new body. */
export function soapReply(envelope: Capture, body: string, status = 200): HttpReply {
  return { status, headers: { 'content-type': SOAP_CONTENT_TYPE }, body: envelope.head + body + envelope.tail };
}

/** Replays a capture as it is (after the caller's rewrites of `body`). */
export function replay(capture: Capture, body = capture.body): HttpReply {
  return soapReply(capture, body, capture.kind === 'fault' ? faultStatus(body) : 200);
}

export interface FaultSpec {
  code: 'Sender' | 'Receiver';
  /** Nested subcodes, outermost first, e.g. ['ter:InvalidArgVal', 'ter:NoProfile']. */
  subcodes: readonly string[];
  reason: string;
  /** Raw XML placed in the fault's Detail. */
  detail?: string;
}

function faultStatus(body: string): number {
  return /Value>\s*[\w-]*:?Sender\s*</.test(body) ? 400 : 500;
}

export function faultXml(envPrefix: string, spec: FaultSpec): string {
  const p = envPrefix || 'env';
  const subcodes = spec.subcodes.reduceRight(
    (inner, code) => `<${p}:Subcode><${p}:Value>${code}</${p}:Value>${inner}</${p}:Subcode>`,
    '',
  );
  const detail = spec.detail ? `<${p}:Detail>${spec.detail}</${p}:Detail>` : '';
  return (
    `<${p}:Fault xmlns:${p}="${NS.soap12}" xmlns:ter="${NS.ter}" xmlns:wsrf-rw="${NS.wsrfrw}" ` +
    `xmlns:wsrf-bf="${NS.wsrfbf}" xmlns:wsnt="${NS.wsnt}">` +
    `<${p}:Code><${p}:Value>${p}:${spec.code}</${p}:Value>${subcodes}</${p}:Code>` +
    `<${p}:Reason><${p}:Text xml:lang="en">${escapeXml(spec.reason)}</${p}:Text></${p}:Reason>${detail}` +
    `</${p}:Fault>`
  );
}

/** A SOAP 1.2 fault in the vendor's envelope; HTTP 400 for Sender faults, 500 for Receiver faults. */
export function faultReply(envelope: Capture, spec: FaultSpec): HttpReply {
  return soapReply(envelope, faultXml(envelope.envPrefix, spec), spec.code === 'Sender' ? 400 : 500);
}

export const FAULTS = {
  notAuthorized: {
    code: 'Sender',
    subcodes: ['ter:NotAuthorized'],
    reason: 'Sender not Authorized',
  },
  actionNotSupported: {
    code: 'Receiver',
    subcodes: ['ter:ActionNotSupported'],
    reason: 'Optional Action Not Implemented',
  },
  wellFormed: (why: string): FaultSpec => ({ code: 'Sender', subcodes: ['ter:WellFormed'], reason: why }),
  invalidArg: (subcode: string, reason: string): FaultSpec => ({
    code: 'Sender',
    subcodes: ['ter:InvalidArgVal', subcode],
    reason,
  }),
  resourceUnknown: (timestamp: string): FaultSpec => ({
    code: 'Sender',
    subcodes: ['wsrf-rw:ResourceUnknownFault'],
    reason: 'The subscription does not exist or has expired',
    detail: `<wsrf-rw:ResourceUnknownFault><wsrf-bf:Timestamp>${timestamp}</wsrf-bf:Timestamp></wsrf-rw:ResourceUnknownFault>`,
  }),
} as const satisfies Record<string, FaultSpec | ((...args: never[]) => FaultSpec)>;
