import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/** How long a page's form stays usable: long enough to write a comment on a phone, short enough to expire. */
const TOKEN_TTL_MS = 6 * 60 * 60 * 1000;

/**
 * Form tokens and signed values for the server-rendered pages. The key lives in memory for the process: a
 * restart invalidates open forms and agency sessions (the user reloads or logs in again), nothing more.
 */
export class FormGuard {
  private readonly key: Buffer;

  constructor(
    private readonly now: () => Date,
    key: Buffer = randomBytes(32),
  ) {
    this.key = key;
  }

  sign(value: string): string {
    return createHmac('sha256', this.key).update(value).digest('base64url');
  }

  verifySignature(value: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(value));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  /** A token bound to one purpose (`rating:<caseId>`, `agency:<session>`) and to the time it was issued. */
  token(purpose: string): string {
    const issued = this.now().getTime().toString(36);
    return `${issued}.${this.sign(`${purpose}|${issued}`)}`;
  }

  checkToken(purpose: string, token: unknown): boolean {
    if (typeof token !== 'string' || token.length > 200) return false;
    const [issued, signature, extra] = token.split('.');
    if (!issued || !signature || extra !== undefined) return false;
    const age = this.now().getTime() - parseInt(issued, 36);
    if (!Number.isFinite(age) || age < -60_000 || age > TOKEN_TTL_MS) return false;
    return this.verifySignature(`${purpose}|${issued}`, signature);
  }
}

/**
 * A state-changing form must come from one of our own pages: the browser's Origin (or, failing that, Referer)
 * must name this host. A request that names neither is refused: every current browser sends Origin on a POST.
 */
export function isSameOrigin(req: FastifyRequest): boolean {
  const host = req.headers.host;
  if (!host) return false;
  const source = req.headers.origin ?? req.headers.referer;
  if (typeof source !== 'string' || source === 'null') return false;
  try {
    return new URL(source).host === host;
  } catch {
    return false;
  }
}
