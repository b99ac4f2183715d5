import type { DigestServer } from './auth/digest';
import { verifyBasic, type AuthMode } from './auth/policy';
import type { CaptureSet } from './captures';
import type { RequestInfo } from './http-server';
import type { HttpReply } from './soap/envelope';
import { unauthorizedReply } from './soap-endpoint';
import { decodeEntities } from './soap/xml';

/** The path of the captured GetSnapshotUri answer (`/onvif-cgi/jpg/image.cgi`, `/onvif/snapshot`, `/jpeg`). */
export function snapshotPathOf(captures: CaptureSet): string {
  const body = captures.get('media', 'GetSnapshotUri')?.body ?? '';
  const uri = /<(?:[\w.-]+:)?Uri>([^<]*)</.exec(body)?.[1];
  if (!uri) return '/onvif/snapshot';
  try {
    return new URL(decodeEntities(uri.trim())).pathname;
  } catch {
    return '/onvif/snapshot';
  }
}

export interface SnapshotDeps {
  jpeg: Buffer;
  mode: AuthMode;
  digest: DigestServer;
  realm: string;
  username: string;
  password: string;
  log(message: string): void;
}

/** GET of the snapshot: HTTP Digest or Basic with the camera's account (nothing when auth is 'none'). */
export function createSnapshotRoute(deps: SnapshotDeps): (request: RequestInfo) => HttpReply {
  return (request) => {
    if (deps.mode !== 'none') {
      const authorization = request.headers.authorization;
      const digest = deps.digest.verify(request.method, request.url.pathname + request.url.search, authorization);
      const basic = verifyBasic(authorization, deps.username, deps.password);
      if (digest !== 'ok' && basic !== 'ok') {
        deps.log(`snapshot refused (${digest}/${basic})`);
        return unauthorizedReply(deps.digest, 'digest', digest === 'stale', deps.realm);
      }
    }
    return {
      status: 200,
      headers: { 'content-type': 'image/jpeg', 'cache-control': 'no-store' },
      // node:http leaves the body out of HEAD answers itself, with the right Content-Length.
      body: deps.jpeg,
    };
  };
}
