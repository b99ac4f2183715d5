import type { Alert, AlertFilter } from '../../src-shared/contract/alerts';
import { ALERT_SEVERITIES, severityRank } from '../../src-shared/domain/alerts/model';
import { toAlertWire } from './rows';
import type { Kysely } from 'kysely';
import type { ServerDatabase } from '../db/schema';
import { type AlertsDb, type AlertsTrx, inAlertsTransaction, withAlertTables } from './tables';

/** Cleared alerts a workstation receives on its first pull: the last day's, so a shift sees what just ended. */
export const RECENT_CLEARED_MS = 24 * 3600_000;

function baseQuery(db: AlertsTrx | AlertsDb) {
  return db
    .selectFrom('alerts')
    .leftJoin('cases', 'cases.id', 'alerts.case_id')
    .selectAll('alerts')
    .select('cases.code as case_code');
}

export async function readAlert(db: AlertsTrx, id: string): Promise<Alert | null> {
  const row = await baseQuery(db).where('alerts.id', '=', id).executeTakeFirst();
  return row ? toAlertWire(row, row.case_code) : null;
}

/** Most severe first, then newest: the order an operator works through them. */
export function compareAlerts(a: Alert, b: Alert): number {
  return severityRank(b.severity) - severityRank(a.severity) || b.lastSeenAt.localeCompare(a.lastSeenAt);
}

export async function listAlerts(db: Kysely<ServerDatabase>, filter: AlertFilter): Promise<Alert[]> {
  let q = baseQuery(withAlertTables(db));
  if (filter.state !== 'all') q = q.where('alerts.state', '=', filter.state);
  if (filter.domains && filter.domains.length > 0) q = q.where('alerts.domain', 'in', filter.domains);
  if (filter.minSeverity) {
    const min = severityRank(filter.minSeverity);
    q = q.where(
      'alerts.severity',
      'in',
      ALERT_SEVERITIES.filter((s) => severityRank(s) >= min),
    );
  }
  if (filter.acknowledged !== undefined) q = q.where('alerts.acknowledged', '=', filter.acknowledged ? 1 : 0);
  if (filter.since) q = q.where('alerts.last_seen_at', '>=', new Date(filter.since).toISOString());
  const rows = await q.orderBy('alerts.last_seen_at', 'desc').limit(filter.limit).execute();
  return rows.map((r) => toAlertWire(r, r.case_code)).sort(compareAlerts);
}

export async function lastAlertSeq(db: AlertsTrx | AlertsDb): Promise<number> {
  const row = await db.selectFrom('alert_cursor').select('last_seq').where('id', '=', 1).executeTakeFirstOrThrow();
  return Number(row.last_seq);
}

export interface AlertPage {
  alerts: Alert[];
  /** Where the reader stands once it has applied `alerts`. */
  cursor: number;
  /** Nothing newer existed when the page was read. */
  upToDate: boolean;
}

/**
 * Alerts changed after `since`, in cursor order, at most `limit`. `since = 0` is a first pull: every active alert
 * and those cleared in the last day, with the cursor where the server stands.
 */
export async function alertsSince(
  db: Kysely<ServerDatabase>,
  since: number,
  limit: number,
  now: Date,
): Promise<AlertPage> {
  return inAlertsTransaction(db, async (trx) => {
    const last = await lastAlertSeq(trx);
    if (since === 0) {
      const recent = new Date(now.getTime() - RECENT_CLEARED_MS).toISOString();
      const rows = await baseQuery(trx)
        .where((eb) => eb.or([eb('alerts.state', '=', 'active'), eb('alerts.last_seen_at', '>=', recent)]))
        .orderBy('alerts.seq')
        .limit(limit)
        .execute();
      const full = rows.length === limit;
      const cursor = full ? Number(rows.at(-1)!.seq) : last;
      return { alerts: rows.map((r) => toAlertWire(r, r.case_code)), cursor, upToDate: !full };
    }
    const rows = await baseQuery(trx).where('alerts.seq', '>', since).orderBy('alerts.seq').limit(limit).execute();
    const full = rows.length === limit;
    return {
      alerts: rows.map((r) => toAlertWire(r, r.case_code)),
      cursor: full ? Number(rows.at(-1)!.seq) : Math.max(last, since),
      upToDate: !full,
    };
  });
}
