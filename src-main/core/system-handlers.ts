import { permissionsOf } from '../../src-shared/contract';
import type { AuditLog } from '../services/audit';
import type { AuthService } from '../services/auth';
import type { SitesService } from '../services/sites';
import type { Handlers } from './handlers';

export function systemHandlers(deps: { version: string; auth: AuthService; sites: SitesService; audit: AuditLog }) {
  return {
    'system.info': async (_input, { principal }) => ({
      version: deps.version,
      user: { id: principal.userId, username: principal.username, displayName: principal.displayName },
      roles: principal.roles,
      site: principal.siteId ? await deps.sites.get(principal.siteId) : null,
      permissions: [...permissionsOf(principal.roles)],
    }),
    'sites.list': (_input, { principal }) => deps.sites.list(principal.sites),
    'users.list': (input) => deps.auth.listUsers(input.query),
    'audit.list': (input) => deps.audit.latest(input.limit),
  } satisfies Pick<Handlers, 'system.info' | 'sites.list' | 'users.list' | 'audit.list'>;
}
