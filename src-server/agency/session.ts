import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { ServerDatabase } from '../db/schema';
import type { FormGuard } from '../tracking/form-guard';

export const AGENCY_PREFIX = '/agency';
const COOKIE = 'ioc_agency';
const SESSION_MS = 8 * 60 * 60 * 1000;

export interface AgencyStaff {
  id: string;
  username: string;
  displayName: string;
  agencyId: string;
  agencyName: string;
  /** The raw session value: form tokens are bound to it, so a token from another session is refused. */
  session: string;
}

function cookieValue(req: FastifyRequest): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === COOKIE) return rest.join('=');
  }
  return null;
}

/**
 * A signed cookie `<userId>.<expiry>.<signature>`, nothing stored server-side. The user is read again on every
 * request, so disabling someone or moving them to another agency takes effect at once.
 */
export class AgencySessions {
  constructor(
    private readonly db: Kysely<ServerDatabase>,
    private readonly guard: FormGuard,
    private readonly now: () => Date,
  ) {}

  start(reply: FastifyReply, req: FastifyRequest, userId: string): void {
    const expires = (this.now().getTime() + SESSION_MS).toString(36);
    const value = `${userId}.${expires}.${this.guard.sign(`session|${userId}|${expires}`)}`;
    reply.header('set-cookie', this.cookie(req, value, SESSION_MS / 1000));
  }

  end(reply: FastifyReply, req: FastifyRequest): void {
    reply.header('set-cookie', this.cookie(req, '', 0));
  }

  async current(req: FastifyRequest): Promise<AgencyStaff | null> {
    const value = cookieValue(req);
    if (!value || value.length > 300) return null;
    const [userId, expires, signature, extra] = value.split('.');
    if (!userId || !expires || !signature || extra !== undefined) return null;
    if (!this.guard.verifySignature(`session|${userId}|${expires}`, signature)) return null;
    if (parseInt(expires, 36) <= this.now().getTime()) return null;
    const user = await this.db
      .selectFrom('users')
      .innerJoin('agencies', 'agencies.id', 'users.agency_id')
      .select([
        'users.id',
        'users.username',
        'users.display_name',
        'users.agency_id',
        'users.disabled',
        'agencies.name',
      ])
      .where('users.id', '=', userId)
      .executeTakeFirst();
    if (!user || user.disabled !== 0 || !user.agency_id) return null;
    return {
      id: user.id,
      username: user.username,
      displayName: user.display_name,
      agencyId: user.agency_id,
      agencyName: user.name,
      session: value,
    };
  }

  private cookie(req: FastifyRequest, value: string, maxAge: number): string {
    const secure = req.protocol === 'https' ? '; Secure' : '';
    return `${COOKIE}=${value}; Path=${AGENCY_PREFIX}; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${secure}`;
  }
}
