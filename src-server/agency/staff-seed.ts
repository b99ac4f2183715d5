import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { hashPassword, type PasswordHasher } from '../auth/password';
import type { ServerDatabase } from '../db/schema';

const StaffFile = z.object({
  staff: z.array(
    z
      .object({
        username: z.string().trim().min(1).max(100),
        displayName: z.string().min(1),
        agencyId: z.string().min(1),
      })
      .strict(),
  ),
});

export interface StaffCredential {
  username: string;
  password: string;
}

/**
 * Demo agency staff (resources/demo/agency-staff.json): added when missing, never changed once there. They hold
 * no workstation role: `agency_id` is what lets them into the agency inbox, and only for their agency.
 * Returns the passwords drawn when IOC_DEMO_PASSWORD was not given, to be shown once.
 */
export async function seedAgencyStaff(
  db: Kysely<ServerDatabase>,
  resourcesDir: string,
  password: string | null,
  now: Date,
  hash: PasswordHasher = hashPassword,
): Promise<StaffCredential[]> {
  const { staff } = StaffFile.parse(JSON.parse(readFileSync(join(resourcesDir, 'demo', 'agency-staff.json'), 'utf8')));
  const agencies = new Set((await db.selectFrom('agencies').select('id').execute()).map((a) => a.id));
  const existing = new Set((await db.selectFrom('users').select('username_key').execute()).map((u) => u.username_key));
  const drawn: StaffCredential[] = [];
  for (const s of staff) {
    if (!agencies.has(s.agencyId)) throw new Error(`agency-staff.json: no agency ${s.agencyId} for ${s.username}`);
    const key = s.username.toLowerCase();
    if (existing.has(key)) continue;
    const secret = password ?? randomBytes(9).toString('base64url');
    await db
      .insertInto('users')
      .values({
        id: randomUUID(),
        username: s.username,
        username_key: key,
        display_name: s.displayName,
        password_hash: await hash(secret),
        roles: '[]',
        agency_id: s.agencyId,
        disabled: 0,
        created_at: now.toISOString(),
      })
      .onConflict((oc) => oc.column('username_key').doNothing())
      .execute();
    if (!password) drawn.push({ username: s.username, password: secret });
  }
  return drawn;
}
