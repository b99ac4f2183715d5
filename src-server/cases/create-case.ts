import type { Kysely, Transaction } from 'kysely';
import type { WorkingCalendar } from '../../src-shared/domain/cases/calendar';
import type { ServerDatabase } from '../db/schema';
import { isUniqueViolation } from './db-errors';
import { newTrackingCode, uuidv7 } from './ids';
import { insertNewCase, type NewCase } from './insert-case';

export type AttributeValue = string | number | string[];

export interface ReporterIdentity {
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  deviceId: string | null;
  accountId: string | null;
}

/** What a citizen reports: the case's own fields as every intake stores them, the reporter apart. */
export interface CitizenReport
  extends Pick<NewCase, 'service' | 'description' | 'lat' | 'long' | 'addressString' | 'addressId' | 'mediaUrl'> {
  attributes: Record<string, AttributeValue>;
  reporter: ReporterIdentity | null;
  apiKeyId: string | null;
  channel: 'open311';
  /** The centre's site whose area holds the location (site-areas.ts); null or absent: no site. */
  siteId?: string | null;
}

const CODE_ATTEMPTS = 8;

/**
 * Stores a new report in state `received` with its SLA due date, its first timeline event, the reporter's
 * identity in the restricted table and a sync cursor, all in one transaction: either all of it or none.
 * `alsoInTransaction` adds the caller's writes (the posted photo's link) to that transaction: if it throws, no
 * case remains.
 */
export async function createCitizenReport(
  db: Kysely<ServerDatabase>,
  calendar: WorkingCalendar,
  report: CitizenReport,
  now: Date,
  alsoInTransaction?: (trx: Transaction<ServerDatabase>, created: { id: string; code: string }) => Promise<void>,
): Promise<{ id: string; code: string; dueAt: string }> {
  for (let attempt = 1; ; attempt++) {
    const id = uuidv7(now);
    const code = newTrackingCode();
    try {
      return await db.transaction().execute(async (trx) => {
        const at = now.toISOString();
        const { dueAt } = await insertNewCase(
          trx,
          calendar,
          {
            id,
            code,
            kind: 'citizen_report',
            channel: report.channel,
            service: report.service,
            description: report.description,
            lat: report.lat,
            long: report.long,
            addressString: report.addressString,
            addressId: report.addressId,
            mediaUrl: report.mediaUrl,
            attributes: report.attributes,
            apiKeyId: report.apiKeyId,
            siteId: report.siteId ?? null,
            receivedBy: { actor: 'citizen', actorId: null, internalNote: null },
          },
          now,
        );
        if (report.reporter) {
          const r = report.reporter;
          await trx
            .insertInto('reporters')
            .values({
              case_id: id,
              first_name: r.firstName,
              last_name: r.lastName,
              email: r.email,
              phone: r.phone,
              device_id: r.deviceId,
              account_id: r.accountId,
              created_at: at,
            })
            .execute();
        }
        await alsoInTransaction?.(trx, { id, code });
        return { id, code, dueAt };
      });
    } catch (error) {
      // Two reports drew the same tracking code (1 in 24 million): draw again.
      if (attempt < CODE_ATTEMPTS && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}
