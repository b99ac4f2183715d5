import type { Insertable } from 'kysely';
import type { AlertEventKind } from '../../src-shared/contract/alerts';
import { applySignal, type AlertChange } from '../../src-shared/domain/alerts/dedupe';
import { type AlertCondition, type AlertSignal, dedupeKey } from '../../src-shared/domain/alerts/model';
import { uuidv7 } from '../cases/ids';
import { reserveAlertSeqs } from './cursor';
import { type AlertRow, conditionColumns, conditionOf } from './rows';
import type { Kysely } from 'kysely';
import type { ServerDatabase } from '../db/schema';
import { type AlertEventsTable, type AlertsTable, type AlertsTrx, inAlertsTransaction } from './tables';

export interface AppliedChange {
  alertId: string;
  kind: AlertEventKind;
  seq: number;
}

export interface ApplyContext {
  now: Date;
  /** Whether the signal's source is inside a maintenance window now. */
  suppressed(signal: AlertSignal): boolean;
}

/** The alert of one key as this batch sees it: a stored row, or one this batch raised. */
interface Working {
  id: string;
  existing: AlertRow | null;
  meta: Pick<AlertsTable, 'dedupe_key' | 'source' | 'source_id' | 'type' | 'domain' | 'case_id' | 'subject'>;
  condition: AlertCondition | null;
  dirty: boolean;
  lastChange: AlertEventKind | null;
}

/** Changes worth a line in the alert's history; repeats and small updates only move its counters. */
const HISTORY: ReadonlySet<AlertChange> = new Set<AlertChange>(['raised', 'worsened', 'cleared']);
const CHUNK = 400;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function loadActive(trx: AlertsTrx, keys: readonly string[]): Promise<Map<string, AlertRow>> {
  const found = new Map<string, AlertRow>();
  for (const part of chunks(keys)) {
    const rows = await trx.selectFrom('alerts').selectAll().where('open_key', 'in', part).execute();
    for (const row of rows) found.set(row.dedupe_key, row);
  }
  return found;
}

/**
 * The latest alert of each key that has none active: a message older than its clear must not raise it again. One
 * query per chunk of keys (the newest row of each key by first_seen_at).
 */
async function loadLatest(trx: AlertsTrx, keys: readonly string[]): Promise<Map<string, AlertRow>> {
  const found = new Map<string, AlertRow>();
  for (const part of chunks(keys)) {
    const rows = await trx
      .selectFrom('alerts as a')
      .selectAll('a')
      .where('a.dedupe_key', 'in', part)
      .where('a.first_seen_at', '=', (eb) =>
        eb
          .selectFrom('alerts as b')
          .select((b) => b.fn.max('b.first_seen_at').as('latest'))
          .whereRef('b.dedupe_key', '=', 'a.dedupe_key'),
      )
      .execute();
    for (const row of rows) found.set(row.dedupe_key, row);
  }
  return found;
}

function workingOf(row: AlertRow): Working {
  return {
    id: row.id,
    existing: row,
    meta: {
      dedupe_key: row.dedupe_key,
      source: row.source,
      source_id: row.source_id,
      type: row.type,
      domain: row.domain,
      case_id: row.case_id,
      subject: row.subject ?? null,
    },
    condition: conditionOf(row),
    dirty: false,
    lastChange: null,
  };
}

/**
 * Applies signals in order, many per transaction: each key's alert is read once, every signal of the batch is
 * folded into it with the pure dedupe step, and each touched alert is written once with a fresh cursor value.
 * A key that clears and raises again within the batch leaves the cleared alert as history and starts a new one.
 */
export async function applySignalBatch(
  db: Kysely<ServerDatabase>,
  signals: readonly AlertSignal[],
  ctx: ApplyContext,
): Promise<AppliedChange[]> {
  if (signals.length === 0) return [];
  return inAlertsTransaction(db, (trx) => applySignalsIn(trx, signals, ctx));
}

/**
 * `applySignalBatch` inside the caller's transaction, so what the caller writes beside the alerts (a camera
 * report's receipt) commits or rolls back with them.
 */
export async function applySignalsIn(
  trx: AlertsTrx,
  signals: readonly AlertSignal[],
  ctx: ApplyContext,
): Promise<AppliedChange[]> {
  if (signals.length === 0) return [];
  const byKey = new Map<string, AlertSignal[]>();
  for (const s of signals) {
    const key = dedupeKey(s.source, s.type, s.entityId);
    const list = byKey.get(key);
    if (list) list.push(s);
    else byKey.set(key, [s]);
  }
  const active = await loadActive(trx, [...byKey.keys()]);
  const latest = await loadLatest(
    trx,
    [...byKey].filter(([key, list]) => !active.has(key) && list.some((s) => s.active)).map(([key]) => key),
  );
  const touched: Working[] = [];
  const history: Omit<Insertable<AlertEventsTable>, 'id'>[] = [];
  const at = ctx.now.toISOString();

  for (const [key, list] of byKey) {
    const stored = active.get(key) ?? latest.get(key);
    let current: Working | null = stored ? workingOf(stored) : null;
    for (const signal of list) {
      const outcome = applySignal(current?.condition ?? null, signal, { suppressed: ctx.suppressed(signal) });
      if (outcome.change === 'none') continue;
      if (outcome.change === 'raised') {
        if (current?.dirty) touched.push(current);
        current = {
          id: uuidv7(new Date(Date.parse(signal.observedAt) || ctx.now.getTime())),
          existing: null,
          meta: {
            dedupe_key: key,
            source: signal.source,
            source_id: signal.entityId,
            type: signal.type,
            domain: signal.domain,
            case_id: null,
            subject: null,
          },
          condition: null,
          dirty: false,
          lastChange: null,
        };
      }
      if (signal.subject !== undefined) current!.meta.subject = signal.subject?.slice(0, 200) ?? null;
      current!.condition = outcome.next;
      current!.dirty = true;
      current!.lastChange = outcome.change;
      if (HISTORY.has(outcome.change)) {
        history.push({ alert_id: current!.id, at, kind: outcome.change, actor: null, note: null });
      }
    }
    if (current?.dirty) touched.push(current);
  }
  if (touched.length === 0) return [];

  // Stored alerts first: one cleared in this batch frees its open_key for the new alert of the same key.
  const ordered = [...touched.filter((w) => w.existing), ...touched.filter((w) => !w.existing)];
  const first = await reserveAlertSeqs(trx, ordered.length);
  const changes: AppliedChange[] = [];
  const rows: Insertable<AlertsTable>[] = [];
  const unacknowledge: string[] = [];
  for (const [i, w] of ordered.entries()) {
    const seq = first + i;
    const existing = w.existing;
    rows.push({
      id: w.id,
      ...w.meta,
      ...conditionColumns(w.condition!, w.meta.dedupe_key),
      ack_by: existing?.ack_by ?? null,
      ack_at: existing?.ack_at ?? null,
      ack_note: existing?.ack_note ?? null,
      last_change: w.lastChange!,
      seq,
    });
    // Acknowledgement is the operators' to set: a batch only takes it back (severity went up), never grants it.
    if (existing?.acknowledged === 1 && !w.condition!.acknowledged) unacknowledge.push(w.id);
    changes.push({ alertId: w.id, kind: w.lastChange!, seq });
  }
  // Multi-row upserts by id: a few statements per batch instead of one per alert.
  for (const part of chunks(rows, 40)) {
    await trx
      .insertInto('alerts')
      .values(part)
      .onConflict((oc) =>
        // What a signal batch may change of a stored alert: never its identity, acknowledgement or case.
        oc.column('id').doUpdateSet((eb) => ({
          open_key: eb.ref('excluded.open_key'),
          severity: eb.ref('excluded.severity'),
          state: eb.ref('excluded.state'),
          first_seen_at: eb.ref('excluded.first_seen_at'),
          last_seen_at: eb.ref('excluded.last_seen_at'),
          cleared_at: eb.ref('excluded.cleared_at'),
          clear_reason: eb.ref('excluded.clear_reason'),
          count: eb.ref('excluded.count'),
          value: eb.ref('excluded.value'),
          threshold: eb.ref('excluded.threshold'),
          unit: eb.ref('excluded.unit'),
          title: eb.ref('excluded.title'),
          subject: eb.ref('excluded.subject'),
          lon: eb.ref('excluded.lon'),
          lat: eb.ref('excluded.lat'),
          suppressed: eb.ref('excluded.suppressed'),
          expires_at: eb.ref('excluded.expires_at'),
          last_change: eb.ref('excluded.last_change'),
          seq: eb.ref('excluded.seq'),
        })),
      )
      .execute();
  }
  if (unacknowledge.length > 0) {
    await trx.updateTable('alerts').set({ acknowledged: 0 }).where('id', 'in', unacknowledge).execute();
  }
  for (const part of chunks(history, 200)) await trx.insertInto('alert_events').values(part).execute();
  return changes;
}
