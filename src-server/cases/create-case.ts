import type { Kysely } from 'kysely';
import type { WorkingCalendar } from '../../src-shared/domain/cases/calendar';
import { newCaseSnapshot } from '../../src-shared/domain/cases/lifecycle';
import type { ServerDatabase } from '../db/schema';
import type { ServiceEntry } from '../resources/catalog';
import { lifecycleColumns } from './case-rows';
import { isUniqueViolation } from './db-errors';
import { newTrackingCode, uuidv7 } from './ids';
import { nextChangeSeq } from './sync-cursor';

export type AttributeValue = string | number | string[];

export interface ReporterIdentity {
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  deviceId: string | null;
  accountId: string | null;
}

export interface CitizenReport {
  service: ServiceEntry;
  description: string | null;
  lat: number | null;
  long: number | null;
  addressString: string | null;
  addressId: string | null;
  mediaUrl: string | null;
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
 */
export async function createCitizenReport(
  db: Kysely<ServerDatabase>,
  calendar: WorkingCalendar,
  report: CitizenReport,
  now: Date,
): Promise<{ id: string; code: string; dueAt: string }> {
  for (let attempt = 1; ; attempt++) {
    const id = uuidv7(now);
    const code = newTrackingCode();
    try {
      return await db.transaction().execute(async (trx) => {
        const at = now.toISOString();
        const snapshot = newCaseSnapshot({
          id,
          receivedAt: now,
          slaWorkingDays: report.service.sla_working_days,
          calendar,
        });
        const seq = await nextChangeSeq(trx, 'case', id, at);
        await trx
          .insertInto('cases')
          .values({
            id,
            code,
            kind: 'citizen_report',
            channel: report.channel,
            service_code: report.service.service_code,
            service_name: report.service.service_name,
            description: report.description,
            lat: report.lat,
            long: report.long,
            address_string: report.addressString,
            address_id: report.addressId,
            zipcode: null,
            media_url: report.mediaUrl,
            attributes: JSON.stringify(report.attributes),
            ...lifecycleColumns(snapshot),
            status_notes: null,
            sla_working_days: snapshot.slaWorkingDays,
            received_at: snapshot.receivedAt,
            updated_at: at,
            api_key_id: report.apiKeyId,
            site_id: report.siteId ?? null,
            version: 1,
            change_seq: seq,
          })
          .execute();
        await trx
          .insertInto('case_events')
          .values({
            case_id: id,
            at,
            actor: 'citizen',
            actor_id: null,
            action: 'receive',
            from_state: null,
            to_state: 'received',
            public_note: null,
            internal_note: null,
            data: JSON.stringify({ channel: report.channel }),
            change_seq: seq,
          })
          .execute();
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
        return { id, code, dueAt: snapshot.dueAt };
      });
    } catch (error) {
      // Two reports drew the same tracking code (1 in 24 million): draw again.
      if (attempt < CODE_ATTEMPTS && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}
