import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { type CitizenReport, createCitizenReport, type ReporterIdentity } from '../../src-server/cases/create-case';
import type { ServerDatabase } from '../../src-server/db/schema';
import { loadServerResources } from '../../src-server/resources/load-resources';
import { APP_ROOT } from './server-harness';

/** The demo service catalogue and working calendar, as the server loads them. */
export const serverResources = loadServerResources(join(APP_ROOT, 'resources'));

/** The citizen behind the test reports: her contact details belong in the restricted reporters table only. */
export const LAN: ReporterIdentity = {
  firstName: 'Lan',
  lastName: 'Nguyễn',
  email: 'lan@example.vn',
  phone: '0912345678',
  deviceId: 'dev-1',
  accountId: null,
};

/** A street lamp that does not light, reported by Lan through Open311; `fields` change any part of it. */
export function lampReport(fields: Partial<CitizenReport> = {}): CitizenReport {
  return {
    service: serverResources.catalog.get('lighting')!,
    description: 'Đèn không sáng',
    lat: 10.46,
    long: 105.63,
    addressString: null,
    addressId: null,
    mediaUrl: null,
    attributes: { tinh_trang: 'khong_sang' },
    reporter: LAN,
    apiKeyId: null,
    channel: 'open311',
    ...fields,
  };
}

/** Stores that report straight into the server's database, through the function Open311 intake calls. */
export function fileLampReport(
  db: Kysely<ServerDatabase>,
  at: Date,
  fields: Partial<CitizenReport> = {},
): Promise<{ id: string; code: string; dueAt: string }> {
  return createCitizenReport(db, serverResources.calendar, lampReport(fields), at);
}
