import type { Alert } from '../../src-shared/contract/alerts';
import type { WorkingCalendar } from '../../src-shared/domain/cases/calendar';
import type { AlertDomain } from '../../src-shared/domain/alerts/model';
import { isUniqueViolation } from '../cases/db-errors';
import { newTrackingCode, uuidv7 } from '../cases/ids';
import { insertNewCase } from '../cases/insert-case';
import { type SiteArea, siteOfLocation } from '../cases/site-areas';
import type { ServiceCatalog } from '../resources/catalog';
import { reserveAlertSeqs } from './cursor';
import { readAlert } from './queries';
import type { Kysely } from 'kysely';
import type { ServerDatabase } from '../db/schema';
import { type AlertsTrx, inAlertsTransaction } from './tables';

export class AlertActionError extends Error {
  constructor(
    readonly code: 'not_found' | 'conflict' | 'invalid',
    message: string,
  ) {
    super(message);
  }
}

export interface Actor {
  id: string;
  username: string;
}

async function lockedAlert(trx: AlertsTrx, id: string) {
  const row = await trx.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AlertActionError('not_found', `No alert ${id.slice(0, 100)}.`);
  return row;
}

/** ACTIVE_UNACK → ACTIVE_ACK, CLEARED_UNACK → CLEARED_ACK, with who, when and why. Once only. */
export async function acknowledgeAlert(
  db: Kysely<ServerDatabase>,
  id: string,
  actor: Actor,
  note: string,
  now: Date,
): Promise<Alert> {
  return inAlertsTransaction(db, async (trx) => {
    const outcome = await acknowledgeWithin(trx, id, actor, note, now);
    if (!outcome.changed) {
      throw new AlertActionError(
        'conflict',
        `Already acknowledged by ${outcome.alert.ackBy ?? 'someone'} at ${outcome.alert.ackAt ?? '?'}.`,
      );
    }
    return outcome.alert;
  });
}

/**
 * The acknowledgement inside the caller's transaction (the sync push applies it in its own). An alert already
 * acknowledged is left as it is (`changed: false`): the first acknowledgement is the one kept.
 */
export async function acknowledgeWithin(
  trx: AlertsTrx,
  id: string,
  actor: Actor,
  note: string,
  now: Date,
): Promise<{ alert: Alert; changed: boolean }> {
  const row = await lockedAlert(trx, id);
  if (row.acknowledged === 1) return { alert: (await readAlert(trx, id))!, changed: false };
  const at = now.toISOString();
  const seq = await reserveAlertSeqs(trx, 1);
  const updated = await trx
    .updateTable('alerts')
    .set({
      acknowledged: 1,
      ack_by: actor.username,
      ack_at: at,
      ack_note: note || null,
      last_change: 'acknowledged',
      seq,
    })
    .where('id', '=', id)
    .where('acknowledged', '=', 0)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new AlertActionError('conflict', 'The alert changed meanwhile.');
  await trx
    .insertInto('alert_events')
    .values({ alert_id: id, at, kind: 'acknowledged', actor: actor.username, note: note || null })
    .execute();
  return { alert: (await readAlert(trx, id))!, changed: true };
}

export interface EscalateDeps {
  calendar: WorkingCalendar;
  catalog: ServiceCatalog;
  /** Which Open311 service a case from each alert domain belongs to (alert-rules.json `caseServices`). */
  caseServices: Readonly<Record<AlertDomain, string>>;
  /** The centre's sites: the case goes to the site whose area holds the alert's location (cases/site-areas.ts). */
  sites: readonly SiteArea[];
}

const CODE_ATTEMPTS = 8;

function describe(alert: Alert): string {
  const measured = alert.value === null ? '' : ` — ${String(alert.value)}${alert.unit ? ` ${alert.unit}` : ''}`;
  const limit = alert.threshold === null ? '' : ` (ngưỡng ${String(alert.threshold)})`;
  // Open311 lists every case publicly: the description says what happened, the sensor and alert ids stay in
  // `attributes` and the timeline's internal note.
  return `${alert.title}${measured}${limit}.`.slice(0, 4000);
}

/**
 * Opens a case for the alert through the shared case insertion (SLA due date, sync cursor, first timeline event), in
 * the site whose area holds the alert's location, and links both ways, in one transaction. A second escalation is
 * refused and names the case the first one opened.
 */
export async function escalateAlert(
  db: Kysely<ServerDatabase>,
  id: string,
  actor: Actor,
  deps: EscalateDeps,
  now: Date,
): Promise<{ alert: Alert; caseId: string; caseCode: string }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await inAlertsTransaction(db, async (trx, base) => {
        const before = await readAlert(trx, id);
        if (!before) throw new AlertActionError('not_found', `No alert ${id.slice(0, 100)}.`);
        if (before.caseId) {
          throw new AlertActionError('conflict', `Already escalated to case ${before.caseCode ?? before.caseId}.`);
        }
        const service = deps.catalog.get(deps.caseServices[before.domain]);
        if (!service) throw new AlertActionError('invalid', `No case category for ${before.domain} alerts.`);
        const caseId = uuidv7(now);
        const code = newTrackingCode();
        const [long, lat] = before.location?.coordinates ?? [null, null];
        // The centre's shared insertion (as Open311 and `case.create`): same columns, cursor and first event.
        await insertNewCase(
          base,
          deps.calendar,
          {
            id: caseId,
            code,
            kind: 'alert_incident',
            channel: 'alert',
            service,
            description: describe(before),
            lat,
            long,
            addressString: null,
            addressId: null,
            mediaUrl: null,
            attributes: { alert_id: before.id, alert_type: before.type, source_id: before.sourceId },
            apiKeyId: null,
            siteId: siteOfLocation(deps.sites, lat, long),
            receivedBy: {
              actor: 'operator',
              actorId: actor.id,
              internalNote: `Chuyển từ cảnh báo ${before.type} (${before.severity}), nguồn ${before.sourceId}, cảnh báo ${before.id}.`,
              eventData: { alertId: before.id },
            },
          },
          now,
        );
        const at = now.toISOString();
        const seq = await reserveAlertSeqs(trx, 1);
        const linked = await trx
          .updateTable('alerts')
          .set({ case_id: caseId, last_change: 'case_opened', seq })
          .where('id', '=', id)
          .where('case_id', 'is', null)
          .executeTakeFirst();
        // Another escalation won meanwhile: this one's case is rolled back with the transaction.
        if (Number(linked.numUpdatedRows) !== 1) throw new AlertActionError('conflict', 'The alert changed meanwhile.');
        await trx
          .insertInto('alert_events')
          .values({ alert_id: id, at, kind: 'case_opened', actor: actor.username, note: code })
          .execute();
        return { alert: (await readAlert(trx, id))!, caseId, caseCode: code };
      });
    } catch (error) {
      // Two cases drew the same tracking code: draw again (as createCitizenReport does).
      if (attempt < CODE_ATTEMPTS && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}
