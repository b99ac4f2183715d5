// A deliberately small SOAP client for the simulator's tests: its own HTTP Digest and WS-Security code (not the
// simulator's, not the onvif library's), one connection per call (no pooled sockets survive a test), and a
// guard that refuses any host outside loopback.
import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';
import { child, parseXml, type XmlElement } from '../soap/xml';

export interface Credentials {
  username: string;
  password: string;
}

export interface CallOptions {
  credentials?: Credentials;
  /** Which credentials to send: 'digest' answers a 401 challenge, 'wsse' adds a UsernameToken, 'both' does both. */
  auth?: 'digest' | 'wsse' | 'both' | 'none';
  /** Added to this machine's clock when building the token's Created (a client that knows the device clock). */
  createdOffsetMs?: number;
  /** Extra SOAP header elements (raw XML), e.g. an echoed SubscriptionId. */
  soapHeader?: string;
  /** Password type for the token: the ONVIF digest (default) or plain text. */
  passwordType?: 'digest' | 'text';
  /** Fixed nonce for the token (to test replays). */
  wsseNonce?: Buffer;
  /** Abort the call after this long (tests of a hanging camera). */
  abortAfterMs?: number;
}

export interface HttpResult {
  status: number;
  headers: IncomingHttpHeaders;
  /** Each WWW-Authenticate header on its own (Node joins repeated headers in `headers`). */
  authenticate: string[];
  body: Buffer;
}

export interface SoapResult extends HttpResult {
  text: string;
  /** The Body's first element. */
  operation: XmlElement | undefined;
  fault: { code: string; subcodes: string[]; reason: string } | null;
}

export const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';

export function assertLoopback(url: string): URL {
  const parsed = new URL(url);
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  const ok = (isIP(host) === 4 && host.startsWith('127.')) || host === '::1';
  if (!ok) throw new Error(`test client refuses non-loopback host ${host}`);
  return parsed;
}

/** One HTTP exchange on a fresh connection. */
export function httpCall(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Buffer; abortAfterMs?: number } = {},
): Promise<HttpResult> {
  const target = assertLoopback(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      target,
      { method: init.method ?? 'GET', headers: { connection: 'close', ...init.headers }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            authenticate: res.headersDistinct['www-authenticate'] ?? [],
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
      },
    );
    if (init.abortAfterMs !== undefined) {
      const timer = setTimeout(() => req.destroy(new Error('aborted by the test client')), init.abortAfterMs);
      req.on('close', () => clearTimeout(timer));
    }
    req.on('error', reject);
    req.end(init.body);
  });
}

const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** Parses `Digest k="v", k=v` (one challenge). */
export function parseChallenge(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of header.replace(/^Digest\s+/i, '').matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]+))/g)) {
    out[(m[1] ?? '').toLowerCase()] = m[2] ?? m[3] ?? '';
  }
  return out;
}

export function challengesOf(result: Pick<HttpResult, 'authenticate'>): string[] {
  return result.authenticate.filter((c) => /^Digest/i.test(c));
}

/** An RFC 7616 Authorization header answering `challenge` for this request. */
export function digestAuthorization(
  challenge: string,
  creds: Credentials,
  method: string,
  uri: string,
  nc = 1,
  cnonce = randomBytes(8).toString('hex'),
): string {
  const c = parseChallenge(challenge);
  const h = (c.algorithm ?? 'MD5').toUpperCase() === 'SHA-256' ? sha256 : md5;
  const ncHex = nc.toString(16).padStart(8, '0');
  const ha1 = h(`${creds.username}:${c.realm}:${creds.password}`);
  const ha2 = h(`${method}:${uri}`);
  const response = h(`${ha1}:${c.nonce}:${ncHex}:${cnonce}:auth:${ha2}`);
  return (
    `Digest username="${creds.username}", realm="${c.realm}", nonce="${c.nonce}", uri="${uri}", ` +
    `algorithm=${c.algorithm ?? 'MD5'}, qop=auth, nc=${ncHex}, cnonce="${cnonce}", response="${response}"` +
    (c.opaque ? `, opaque="${c.opaque}"` : '')
  );
}

export function usernameToken(
  creds: Credentials,
  options: Pick<CallOptions, 'createdOffsetMs' | 'passwordType' | 'wsseNonce'> = {},
): string {
  const nonce = options.wsseNonce ?? randomBytes(16);
  const created = new Date(Date.now() + (options.createdOffsetMs ?? 0)).toISOString();
  const digest = createHash('sha1')
    .update(Buffer.concat([nonce, Buffer.from(created, 'utf8'), Buffer.from(creds.password, 'utf8')]))
    .digest('base64');
  const text = options.passwordType === 'text';
  const type = text ? 'PasswordText' : 'PasswordDigest';
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return (
    '<wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd" ' +
    'xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd">' +
    `<wsse:UsernameToken><wsse:Username>${escape(creds.username)}</wsse:Username>` +
    `<wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#${type}">` +
    `${text ? escape(creds.password) : digest}</wsse:Password>` +
    `<wsse:Nonce>${nonce.toString('base64')}</wsse:Nonce><wsu:Created>${created}</wsu:Created>` +
    '</wsse:UsernameToken></wsse:Security>'
  );
}

export function envelope(operationXml: string, headerXml = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="${SOAP12}"><s:Header>${headerXml}</s:Header><s:Body>${operationXml}</s:Body></s:Envelope>`;
}

export function toSoapResult(result: HttpResult): SoapResult {
  const text = result.body.toString('utf8');
  let operation: XmlElement | undefined;
  try {
    operation = child(parseXml(text), 'Body')?.children[0];
  } catch {
    operation = undefined;
  }
  let fault: SoapResult['fault'] = null;
  if (operation?.local === 'Fault') {
    const code = child(operation, 'Code');
    const subcodes: string[] = [];
    for (let sub = child(code, 'Subcode'); sub; sub = child(sub, 'Subcode')) {
      subcodes.push(child(sub, 'Value')?.text.trim() ?? '');
    }
    fault = {
      code: child(code, 'Value')?.text.trim() ?? '',
      subcodes,
      reason: child(child(operation, 'Reason'), 'Text')?.text.trim() ?? '',
    };
  }
  return { ...result, text, operation, fault };
}

/** Sends one SOAP operation, answering a Digest challenge once when the options allow it. */
export async function soapCall(url: string, operationXml: string, options: CallOptions = {}): Promise<SoapResult> {
  const mode = options.auth ?? (options.credentials ? 'both' : 'none');
  const creds = options.credentials;
  const header =
    (options.soapHeader ?? '') + (creds && (mode === 'wsse' || mode === 'both') ? usernameToken(creds, options) : '');
  const body = envelope(operationXml, header);
  const headers = { 'content-type': 'application/soap+xml; charset=utf-8' };
  const send = (extra: Record<string, string> = {}) =>
    httpCall(url, {
      method: 'POST',
      headers: { ...headers, ...extra },
      body,
      ...(options.abortAfterMs !== undefined && { abortAfterMs: options.abortAfterMs }),
    });
  let result = await send();
  const challenge = challengesOf(result)[0];
  if (result.status === 401 && creds && (mode === 'digest' || mode === 'both') && challenge) {
    const target = new URL(url);
    result = await send({
      authorization: digestAuthorization(challenge, creds, 'POST', target.pathname + target.search),
    });
  }
  return toSoapResult(result);
}

/** The simulator's origin plus the path and query of `uri` — the way these tests reach URIs without following hosts. */
export function atCamera(cameraUrl: string, uri: string): string {
  const at = new URL(uri);
  return new URL(at.pathname + at.search, new URL(cameraUrl).origin).toString();
}
