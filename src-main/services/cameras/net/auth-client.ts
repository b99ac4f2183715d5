import {
  basicAuthorization,
  digestAuthorization,
  parseChallenges,
  pickChallenge,
  type DigestChallenge,
  type DigestCredentials,
} from '../auth/digest';
import { headerLines, httpRequest, type HttpRequest, type HttpResponse } from './http-request';

export interface AuthClientOptions {
  credentials: DigestCredentials | null;
  /** Basic sends the password in clear; allowed only where cameras need it (snapshots), never for SOAP. */
  allowBasic: boolean;
}

/**
 * HTTP with Digest (and optionally Basic) authentication for one camera. The last Digest challenge is kept
 * and answered pre-emptively with an increasing nonce count, so a PTZ command costs one round trip, not two.
 */
export class AuthClient {
  private challenge: DigestChallenge | null = null;
  private nc = 0;
  private useBasic = false;

  constructor(private readonly options: AuthClientOptions) {}

  /** The final response; a 401 here means the credentials were refused. */
  async request(request: HttpRequest): Promise<HttpResponse> {
    const first = await httpRequest(this.withAuthorization(request));
    if (first.status !== 401 || !this.options.credentials) return first;
    const offered = parseChallenges(headerLines(first, 'www-authenticate'));
    const next = pickChallenge(offered.digest);
    const hadDigest = this.challenge !== null;
    if (next) {
      // Same nonce refused and not merely stale: the password is wrong; don't hammer the camera.
      if (hadDigest && this.challenge?.nonce === next.nonce && !next.stale) return first;
      this.challenge = next;
      this.nc = 0;
      this.useBasic = false;
    } else if (offered.basic && this.options.allowBasic && !this.useBasic) {
      this.useBasic = true;
    } else {
      return first;
    }
    return httpRequest(this.withAuthorization(request));
  }

  /** Forget the cached challenge (after a camera reboot, say). */
  reset(): void {
    this.challenge = null;
    this.nc = 0;
    this.useBasic = false;
  }

  private withAuthorization(request: HttpRequest): HttpRequest {
    const credentials = this.options.credentials;
    if (!credentials) return request;
    let authorization: string | null = null;
    if (this.challenge) {
      this.nc++;
      authorization = digestAuthorization(
        this.challenge,
        credentials,
        { method: request.method, uri: request.url.pathname + request.url.search, body: request.body },
        this.nc,
      );
    } else if (this.useBasic) {
      authorization = basicAuthorization(credentials);
    }
    return authorization ? { ...request, headers: { ...request.headers, authorization } } : request;
  }
}
