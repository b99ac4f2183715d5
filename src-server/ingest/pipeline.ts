import type { Kysely } from 'kysely';
import type { ObservedEntity } from '../../src-shared/domain/alerts/entity';
import { signalFromFiwareAlert } from '../../src-shared/domain/alerts/fiware-alert';
import type { AlertSignal } from '../../src-shared/domain/alerts/model';
import { type AlertRule, evaluateRules } from '../../src-shared/domain/alerts/rules';
import type { AlertEngine } from '../alerts/engine';
import { createBatcher } from '../alerts/batcher';
import { withAlertTables } from '../alerts/tables';
import type { ServerDatabase } from '../db/schema';
import type { Logger } from '../logging/logger';
import { type AssetObservation, writeObservations } from './assets-writer';
import type { IngestMetrics } from './metrics';
import { checkModel, modelOf } from './models';
import type { PayloadKind } from './ngsi/context';
import { parseEntity } from './ngsi/parse';
import { type Problem, problem } from './ngsi/problem';

/** Most entities one message or request may carry (an NGSI-LD batch operation). */
export const MAX_ENTITIES_PER_PAYLOAD = 1000;
/** The source of every alert raised from NGSI-LD, whichever adapter carried it: one key per entity and type. */
export const NGSI_SOURCE = 'ngsi-ld';

export type EntityOutcome =
  | { ok: true; entityId: string; created: boolean }
  | { ok: false; entityId: string | null; problem: Problem };

export interface PayloadContext {
  adapter: string;
  kind: PayloadKind;
  /** `create` refuses an entity that exists already (POST /entities); `upsert` takes both. */
  mode: 'create' | 'upsert';
}

/**
 * What every ingest adapter hands its input to: NGSI-LD parsing, model checks, threshold rules (or a FIWARE Alert
 * taken as it is), then batched writes of alert signals and asset state. Adapters only move bytes.
 */
export interface IngestSink {
  payload(raw: unknown, ctx: PayloadContext): EntityOutcome[];
  /** A problem found before there was anything to parse (bad JSON, too large, wrong content type). */
  refuse(adapter: string, problem: Problem): void;
}

export interface IngestPipeline extends IngestSink {
  drain(): Promise<void>;
  dispose(): Promise<void>;
}

export interface PipelineOptions {
  db: Kysely<ServerDatabase>;
  engine: AlertEngine;
  rules: readonly AlertRule[];
  metrics: IngestMetrics;
  logger: Logger;
  now: () => Date;
}

export async function createIngestPipeline(options: PipelineOptions): Promise<IngestPipeline> {
  const { engine, metrics, logger, now } = options;
  const rulesByType = new Map<string, AlertRule[]>();
  for (const rule of options.rules)
    rulesByType.set(rule.entityType, [...(rulesByType.get(rule.entityType) ?? []), rule]);
  const rows = await withAlertTables(options.db).selectFrom('assets').select('id').execute();
  const known = new Set(rows.map((r) => r.id));
  const assets = createBatcher<AssetObservation>({
    maxBatch: 2000,
    delayMs: 50,
    write: (items) => writeObservations(options.db, items, now()),
    onError: (error, items, willRetry) =>
      logger.error('asset state write failed', { items: items.length, willRetry, error: String(error) }),
  });

  function signalsOf(entity: ObservedEntity): AlertSignal[] | Problem {
    if (entity.type === 'Alert') {
      const r = signalFromFiwareAlert(entity, NGSI_SOURCE);
      return r.ok ? [r.signal] : problem('invalid_value', `Alert ${entity.id}: ${r.reason}`);
    }
    const { signals, problems } = evaluateRules(rulesByType.get(entity.type) ?? [], entity, NGSI_SOURCE);
    return problems.length > 0 ? problem('invalid_value', `Entity ${entity.id}: ${problems.join('; ')}`) : signals;
  }

  function one(raw: unknown, ctx: PayloadContext, at: Date): EntityOutcome {
    const parsed = parseEntity(raw, ctx.kind, at);
    if (!parsed.ok) return { ok: false, entityId: parsed.entityId, problem: parsed.problem };
    const entity = parsed.entity;
    const issue = checkModel(entity);
    if (issue) return { ok: false, entityId: entity.id, problem: issue };
    const exists = known.has(entity.id);
    if (ctx.mode === 'create' && exists) {
      return {
        ok: false,
        entityId: entity.id,
        problem: problem('already_exists', `Entity ${entity.id} exists: update it with entityOperations/upsert.`),
      };
    }
    const signals = signalsOf(entity);
    if (!Array.isArray(signals)) return { ok: false, entityId: entity.id, problem: signals };
    known.add(entity.id);
    if (signals.length > 0) engine.submit(signals);
    const kind = modelOf(entity.type)?.asset ?? null;
    if (kind !== null) assets.push({ entity, kind });
    return { ok: true, entityId: entity.id, created: !exists };
  }

  return {
    payload(raw, ctx) {
      const items = Array.isArray(raw) ? raw : [raw];
      if (items.length === 0 || items.length > MAX_ENTITIES_PER_PAYLOAD) {
        const p = problem('too_many_entities', `Send 1–${MAX_ENTITIES_PER_PAYLOAD} entities, not ${items.length}.`);
        metrics.rejected(ctx.adapter, p.reason);
        return [{ ok: false, entityId: null, problem: p }];
      }
      const at = now();
      const outcomes = items.map((item) => one(item, ctx, at));
      let accepted = 0;
      for (const o of outcomes) {
        if (o.ok) accepted++;
        else metrics.rejected(ctx.adapter, o.problem.reason);
      }
      if (accepted > 0) metrics.accepted(ctx.adapter, accepted);
      return outcomes;
    },
    refuse(adapter, p) {
      metrics.rejected(adapter, p.reason);
    },
    async drain() {
      await assets.drain();
      await engine.drain();
    },
    async dispose() {
      await assets.dispose();
    },
  };
}
