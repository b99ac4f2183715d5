import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { RoleSchema, SiteSchema } from '../../src-shared/contract';
import { countUsers, createUser, hashPassword } from '../services/auth';
import type { SitesService } from '../services/sites';
import type { Store } from '../services/store';

const DemoUsers = z.array(
  z.object({
    username: z.string(),
    displayName: z.string(),
    roles: z.array(RoleSchema),
    sites: z.array(z.string()),
    defaultSiteId: z.string(),
  }),
);

export interface DemoCredential {
  username: string;
  password: string;
}

/**
 * Seeds demo sites and one user per role on an empty database. Passwords: IOC_DEMO_PASSWORD when given
 * (scripted checks), otherwise random ones kept in a 0600 file in the data folder so `npm start` can show them.
 */
export async function seedDemo(options: {
  store: Store;
  sites: SitesService;
  resourcesDir: string;
  dataDir: string;
  password: string | null;
}): Promise<DemoCredential[]> {
  const demoDir = join(options.resourcesDir, 'demo');
  await options.sites.upsert(z.array(SiteSchema).parse(JSON.parse(readFileSync(join(demoDir, 'sites.json'), 'utf8'))));
  const users = DemoUsers.parse(JSON.parse(readFileSync(join(demoDir, 'users.json'), 'utf8')));
  const credentialsFile = join(options.dataDir, 'demo-credentials.json');

  if ((await countUsers(options.store)) === 0) {
    const credentials = users.map((u) => ({
      username: u.username,
      password: options.password ?? randomBytes(9).toString('base64url'),
    }));
    // One password for every demo user (IOC_DEMO_PASSWORD, as tests and scripted checks set): hashed once, not per
    // user — each fresh core start paid a scrypt hash per user. Drawn passwords keep one hash and salt each.
    const shared = options.password;
    let sharedHash: Promise<string> | null = null;
    const hash = (password: string) =>
      shared !== null && password === shared ? (sharedHash ??= hashPassword(shared)) : hashPassword(password);
    for (const [i, user] of users.entries()) {
      await createUser(options.store, { ...user, password: credentials[i]!.password }, new Date(), hash);
    }
    if (!options.password) writeFileSync(credentialsFile, JSON.stringify(credentials, null, 2), { mode: 0o600 });
    return credentials;
  }
  if (options.password) return users.map((u) => ({ username: u.username, password: options.password! }));
  if (existsSync(credentialsFile))
    return z
      .array(z.object({ username: z.string(), password: z.string() }))
      .parse(JSON.parse(readFileSync(credentialsFile, 'utf8')));
  return [];
}
