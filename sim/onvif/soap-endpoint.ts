import type { DigestServer } from './auth/digest';
import { decideSoapAuth, UNAUTHORIZED_PAGE, type AuthMode, type AuthVia } from './auth/policy';
import type { WsseVerifier } from './auth/wsse';
import { replayCaptured, type CameraContext, type HandlerTable } from './context';
import type { Outcome, RequestInfo } from './http-server';
import type { Misbehaviour } from './options';
import { faultReply, FAULTS, type HttpReply } from './soap/envelope';
import { parseSoapRequest, type SoapRequest } from './soap/request';
import { XmlError } from './soap/xml';

export interface CallRecord {
  readonly at: string;
  readonly service: string;
  readonly method: string;
  readonly auth: AuthVia;
  readonly status: number;
}

export interface SoapEndpointDeps {
  ctx: CameraContext;
  handlers: HandlerTable;
  mode: AuthMode;
  digest: DigestServer;
  wsse: WsseVerifier;
  misbehaviour(): Misbehaviour;
  record(call: CallRecord): void;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function unauthorizedReply(
  digest: DigestServer,
  mode: AuthMode,
  stale: boolean,
  basicRealm?: string,
): HttpReply {
  const challenges = mode === 'wsse' ? [] : digest.challenges(stale);
  if (basicRealm) challenges.push(`Basic realm="${basicRealm}"`);
  return {
    status: 401,
    headers: { 'content-type': 'text/html', ...(challenges.length ? { 'www-authenticate': challenges } : {}) },
    body: UNAUTHORIZED_PAGE,
  };
}

function shouldHang(m: Misbehaviour, method: string): boolean {
  if (m.hangOn) return m.hangOn.includes(method) || m.hangOn.includes('*');
  return m.hangAfterBytes !== null;
}

/** SOAP over HTTP for one camera: parse, authenticate, misbehave if asked, dispatch, record. */
export function createSoapEndpoint(deps: SoapEndpointDeps): (request: RequestInfo) => Promise<Outcome> {
  const { ctx } = deps;

  const authenticate = (request: RequestInfo, soap: SoapRequest): { via: AuthVia } | { reply: HttpReply } => {
    const isTime = soap.service === 'device' && soap.method === 'GetSystemDateAndTime';
    if (isTime && !ctx.options.refuseUnauthenticatedTime) return { via: 'none' };
    const decision = decideSoapAuth(
      deps.mode,
      deps.mode === 'wsse'
        ? 'missing'
        : deps.digest.verify(request.method, request.url.pathname + request.url.search, request.headers.authorization),
      deps.mode === 'digest' ? { result: 'missing' } : deps.wsse.verify(soap.header),
    );
    if (decision.ok) return { via: decision.via };
    // Hikvision refuses an unauthenticated GetSystemDateAndTime with its HTML page, whatever was (not) sent.
    if (isTime || decision.reply === 'challenge') {
      return { reply: unauthorizedReply(deps.digest, deps.mode, decision.reply === 'challenge' && decision.stale) };
    }
    return { reply: faultReply(ctx.base, FAULTS.notAuthorized) };
  };

  const dispatch = async (soap: SoapRequest, request: RequestInfo): Promise<HttpReply> => {
    if (soap.service === 'ptz' && !ctx.options.ptz) return faultReply(ctx.base, FAULTS.actionNotSupported);
    const handler = soap.service ? deps.handlers[`${soap.service}:${soap.method}`] : undefined;
    if (handler) return handler(soap, { url: request.url, signal: request.signal });
    if (soap.service) return replayCaptured(ctx, soap.service, soap.method);
    return faultReply(ctx.base, FAULTS.actionNotSupported);
  };

  return async (request) => {
    let soap: SoapRequest;
    try {
      soap = parseSoapRequest(utf8.decode(request.body));
    } catch (error) {
      const why = error instanceof XmlError ? error.message : 'not UTF-8';
      ctx.log(`malformed SOAP request: ${why}`);
      return { kind: 'reply', reply: faultReply(ctx.base, FAULTS.wellFormed(why)) };
    }
    const auth = authenticate(request, soap);
    const record = (status: number, via: AuthVia) =>
      deps.record({
        at: new Date().toISOString(),
        service: soap.service ?? soap.ns,
        method: soap.method,
        auth: via,
        status,
      });
    if ('reply' in auth) {
      record(auth.reply.status, 'none');
      ctx.log(`${soap.method} refused (${auth.reply.status})`);
      return { kind: 'reply', reply: auth.reply };
    }
    const reply = await dispatch(soap, request);
    const m = deps.misbehaviour();
    if (shouldHang(m, soap.method)) {
      record(0, auth.via);
      ctx.log(`${soap.method} hangs (misbehaviour)`);
      return { kind: 'hang', reply, afterBytes: m.hangAfterBytes };
    }
    record(reply.status, auth.via);
    return { kind: 'reply', reply };
  };
}
