import type http from 'node:http';
import { usernameTokenHeader } from '../auth/wsse';
import { CameraError, isAuthFault, isUnsupportedFault } from '../errors';
import { AuthClient } from '../net/auth-client';
import { HttpError, type HttpResponse } from '../net/http-request';
import { decodeUtf8, DEFAULT_XML_LIMITS, screenXml, XmlRejectedError, type XmlLimits } from '../xml/guard';
import { parseSoap, type ParsedSoap } from '../xml/parse';

/**
 * How we prove who we are. `both` sends a WS-Security UsernameToken and answers HTTP Digest challenges (what
 * most cameras accept); `digest` sends no UsernameToken, for Digest-only firmware that faults on one.
 */
export type AuthMode = 'both' | 'digest';

export interface SoapCredentials {
  username: string;
  password: string;
}

export interface SoapTransportOptions {
  credentials: SoapCredentials | null;
  mode: AuthMode;
  /** Camera clock minus ours, for UsernameToken timestamps. */
  clockOffsetMs: () => number;
  agent: http.Agent;
  timeoutMs: number;
  limits?: XmlLimits;
  now?: () => number;
  /** Aborts every request of this transport (the device is being disposed). */
  signal?: AbortSignal;
}

export interface SoapCall {
  url: URL;
  envelope: string;
  action: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** No credentials at all: the PRE_AUTH GetSystemDateAndTime. */
  anonymous?: boolean;
}

export interface SoapResult extends ParsedSoap {
  status: number;
  /** The answer as screened for the parser (namespace declarations removed). */
  xml: string;
  /** The answer as the camera sent it (decoded and screened, not altered): for echoing ReferenceParameters. */
  text: string;
  /** The HTTP Date header, a second source for the camera's clock. */
  date: Date | null;
}

/** Posts SOAP envelopes to one camera: caps, timeouts, Digest, and the XML guard before any parser. */
export class SoapTransport {
  mode: AuthMode;
  private readonly digest: AuthClient;
  private readonly anonymousClient = new AuthClient({ credentials: null, allowBasic: false });

  constructor(private readonly options: SoapTransportOptions) {
    this.mode = options.mode;
    this.digest = new AuthClient({ credentials: options.credentials, allowBasic: false });
  }

  /** The WS-Security header for the next request, or '' when the mode or missing credentials say none. */
  securityHeader(): string {
    const credentials = this.options.credentials;
    if (this.mode !== 'both' || !credentials || !credentials.username) return '';
    const now = (this.options.now ?? Date.now)();
    return usernameTokenHeader({ ...credentials, created: new Date(now + this.options.clockOffsetMs()) });
  }

  async post(call: SoapCall): Promise<SoapResult> {
    const client = call.anonymous ? this.anonymousClient : this.digest;
    const limits = this.options.limits ?? DEFAULT_XML_LIMITS;
    let response: HttpResponse;
    try {
      response = await client.request({
        url: call.url,
        method: 'POST',
        headers: { 'content-type': `application/soap+xml; charset=utf-8; action="${call.action}"` },
        body: call.envelope,
        maxBytes: limits.maxBytes,
        timeoutMs: call.timeoutMs ?? this.options.timeoutMs,
        signal: call.signal ?? this.options.signal,
        agent: this.options.agent,
      });
    } catch (error) {
      throw fromHttpError(error, call.action);
    }
    const date = parseHttpDate(response.headers.date);
    if (response.status === 401) {
      throw new CameraError(
        'auth_failed',
        `${actionName(call.action)}: the camera refused the credentials (HTTP 401)`,
        null,
        date,
      );
    }
    let parsed: ParsedSoap;
    let xml: string;
    let text: string;
    try {
      text = decodeUtf8(response.body, limits);
      xml = screenXml(text, limits);
      parsed = parseSoap(xml);
    } catch (error) {
      if (!(error instanceof XmlRejectedError)) throw error;
      if (response.status === 403) {
        throw new CameraError('auth_failed', `${actionName(call.action)}: the camera refused access (HTTP 403)`);
      }
      if (response.status >= 400 && response.status !== 500) {
        throw new CameraError(
          'unsupported',
          `${actionName(call.action)}: HTTP ${response.status} without a SOAP answer`,
        );
      }
      throw new CameraError(
        'bad_response',
        `${actionName(call.action)}: answer refused (${error.reason}): ${error.message}`,
      );
    }
    return { ...parsed, status: response.status, xml, text, date };
  }

  /** Like post, but a SOAP fault becomes a CameraError. */
  async call(call: SoapCall): Promise<SoapResult> {
    const result = await this.post(call);
    if (result.fault) throw faultError(call.action, result);
    return result;
  }
}

export function faultError(action: string, result: Pick<SoapResult, 'fault' | 'status' | 'date'>): CameraError {
  const fault = result.fault;
  const what = fault ? [fault.subcodes.at(-1) ?? fault.code, fault.reason].filter(Boolean).join(': ') : 'fault';
  const message = `${actionName(action)}: ${what}`.slice(0, 300);
  if (isAuthFault(fault)) return new CameraError('auth_failed', message, fault, result.date);
  if (isUnsupportedFault(fault)) return new CameraError('unsupported', message, fault);
  return new CameraError('bad_response', message, fault);
}

function fromHttpError(error: unknown, action: string): CameraError {
  if (!(error instanceof HttpError)) return new CameraError('unreachable', `${actionName(action)}: ${String(error)}`);
  switch (error.kind) {
    case 'timeout':
      return new CameraError('timeout', `${actionName(action)}: ${error.message}`);
    case 'too_large':
      return new CameraError('bad_response', `${actionName(action)}: ${error.message}`);
    case 'aborted':
      return new CameraError('disposed', `${actionName(action)}: aborted`);
    default:
      return new CameraError('unreachable', `${actionName(action)}: ${error.message}`);
  }
}

export function actionName(action: string): string {
  return action.slice(action.lastIndexOf('/') + 1) || action;
}

function parseHttpDate(value: string | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
