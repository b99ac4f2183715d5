import type { Role } from '../../../src-shared/contract';

/** Who is calling: what every handler and the dispatcher see of the signed-in user. */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  roles: Role[];
  /** Site ids, or ['*'] for every site. */
  sites: string[];
  siteId: string | null;
  /** Identifies the session so it can be ended; never the token itself. */
  sessionId: string;
}

export function mayActOnSite(principal: Principal, siteId: string): boolean {
  return principal.sites.includes('*') || principal.sites.includes(siteId);
}
