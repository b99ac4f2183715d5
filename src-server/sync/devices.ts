import type { Kysely } from 'kysely';
import type { ServerDatabase } from '../db/schema';
import { hashSecret, newDeviceId, newDeviceSecret, secretMatches } from './secrets';

export interface EnrolledDevice {
  deviceId: string;
  deviceSecret: string;
}

/** Creates a device and returns its secret, the only time it exists outside the workstation. */
export async function enrolDevice(
  db: Kysely<ServerDatabase>,
  label: string,
  enrolledBy: string,
  now: Date,
): Promise<EnrolledDevice> {
  const deviceId = newDeviceId();
  const deviceSecret = newDeviceSecret();
  await db
    .insertInto('sync_devices')
    .values({
      id: deviceId,
      secret_hash: hashSecret(deviceSecret),
      label: label.slice(0, 200),
      enrolled_at: now.toISOString(),
      enrolled_by: enrolledBy,
    })
    .execute();
  return { deviceId, deviceSecret };
}

export type DeviceCheck = { ok: true; deviceId: string } | { ok: false; code: 'unauthorized' | 'device_revoked' };

/** Throttles the last-seen write: a device long-polling every 25 s need not write every time. */
const SEEN_EVERY_MS = 60_000;

export function createDeviceAuthenticator(db: Kysely<ServerDatabase>) {
  const lastWritten = new Map<string, number>();
  return async function authenticate(
    deviceId: string,
    secret: string,
    clientVersion: string | null,
    now: Date,
  ): Promise<DeviceCheck> {
    const row = await db
      .selectFrom('sync_devices')
      .select(['secret_hash', 'revoked_at'])
      .where('id', '=', deviceId)
      .executeTakeFirst();
    if (!row || !secretMatches(secret, row.secret_hash)) return { ok: false, code: 'unauthorized' };
    if (row.revoked_at !== null) return { ok: false, code: 'device_revoked' };
    const previous = lastWritten.get(deviceId) ?? 0;
    if (now.getTime() - previous >= SEEN_EVERY_MS) {
      lastWritten.set(deviceId, now.getTime());
      await db
        .updateTable('sync_devices')
        .set({ last_seen_at: now.toISOString(), client_version: clientVersion?.slice(0, 32) ?? null })
        .where('id', '=', deviceId)
        .execute();
    }
    return { ok: true, deviceId };
  };
}

export async function revokeDevice(db: Kysely<ServerDatabase>, deviceId: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('sync_devices')
    .set({ revoked_at: now.toISOString() })
    .where('id', '=', deviceId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
