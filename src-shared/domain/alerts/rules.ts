import { z } from 'zod';
import type { ObservedEntity } from './entity';
import {
  type AlertDomain,
  type AlertSignal,
  AlertDomainSchema,
  AlertSeveritySchema,
  type AlertSeverity,
  severityRank,
} from './model';
import { convertUnit } from './units';

/** A threshold: a number, or another attribute of the same entity (FloodMonitoring's own alertLevel). */
const ThresholdSchema = z.union([
  z.number(),
  z.object({ attribute: z.string().min(1), default: z.number().optional() }).strict(),
]);
type Threshold = z.infer<typeof ThresholdSchema>;

const LevelSchema = z.object({ severity: AlertSeveritySchema, threshold: ThresholdSchema }).strict();

const Base = {
  id: z.string().regex(/^[a-z0-9_.-]{1,64}$/),
  /** Short smart-data-model type name: FloodMonitoring, WasteContainer… */
  entityType: z.string().min(1).max(100),
  attribute: z.string().min(1).max(100),
  /** The alert type this rule raises and clears; part of the dedupe key. */
  type: z.string().regex(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/),
  domain: AlertDomainSchema,
  /**
   * A generic model (FIWARE Device) belongs to whichever desk its measured property does: the first value of
   * `attribute` found in `values` picks the domain, otherwise `domain` stands.
   */
  domainFrom: z
    .object({ attribute: z.string().min(1), values: z.record(z.string().min(1), AlertDomainSchema) })
    .strict()
    .optional(),
  /** Vietnamese title, for alert types the UI has no translation of yet. */
  title: z.string().min(1).max(200),
};

/** Numeric rules: the highest level crossed sets the severity; clearing needs `hysteresis` past the lowest level. */
const NumericRule = {
  ...Base,
  levels: z.array(LevelSchema).min(1).max(5),
  hysteresis: z.number().min(0).default(0),
  /** UN/CEFACT code the thresholds are written in; attribute values in another unit are converted. */
  unit: z.string().min(1).max(8).nullable().default(null),
  /** Values that mean "unknown" (FIWARE Device batteryLevel −1): neither raise nor clear. */
  ignore: z.array(z.number()).default([]),
};

export const AlertRuleSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('above'), ...NumericRule }).strict(),
  z.object({ op: z.literal('below'), ...NumericRule }).strict(),
  /** Enumerated states (Streetlight status, AccessPoint apState): listed values raise with their severity. */
  z
    .object({ op: z.literal('in'), ...Base, values: z.record(z.string().min(1), AlertSeveritySchema) })
    .strict()
    .refine((r) => Object.keys(r.values).length > 0, 'at least one value'),
]);
export type AlertRule = z.infer<typeof AlertRuleSchema>;

export const AlertRulesFileSchema = z
  .object({
    _comment: z.string().optional(),
    rules: z.array(AlertRuleSchema),
    /** The Open311 service (resources/server/services.json) a case escalated from an alert of each domain gets. */
    caseServices: z.record(AlertDomainSchema, z.string().min(1).max(64)),
  })
  .strict()
  .superRefine((file, ctx) => {
    const ids = new Set<string>();
    const keys = new Set<string>();
    for (const r of file.rules) {
      if (ids.has(r.id)) ctx.addIssue({ code: 'custom', message: `repeated rule id ${r.id}` });
      ids.add(r.id);
      const key = `${r.entityType} ${r.type}`;
      if (keys.has(key)) ctx.addIssue({ code: 'custom', message: `two rules raise ${r.type} on ${r.entityType}` });
      keys.add(key);
    }
  });
export type AlertRulesFile = z.infer<typeof AlertRulesFileSchema>;

export type RuleOutcome =
  | { kind: 'signal'; signal: AlertSignal }
  /** Between the clear point and the lowest level: keep whatever state the alert is in. */
  | { kind: 'hold' }
  /** The entity does not carry the attribute (or carries an "unknown" value): this rule says nothing. */
  | { kind: 'skip' }
  | { kind: 'invalid'; reason: string };

type Numeric = { ok: true; value: number } | { ok: false; reason: string };

function numericAttribute(entity: ObservedEntity, name: string, unit: string | null): Numeric | null {
  const attr = Object.hasOwn(entity.attrs, name) ? entity.attrs[name] : undefined;
  if (attr === undefined || attr.value === null) return null;
  if (typeof attr.value !== 'number' || !Number.isFinite(attr.value)) {
    return { ok: false, reason: `${name} must be a number` };
  }
  if (unit === null || attr.unitCode === null) return { ok: true, value: attr.value };
  const converted = convertUnit(attr.value, attr.unitCode, unit);
  if (converted.ok) return converted;
  return {
    ok: false,
    reason:
      converted.reason === 'unknown_unit'
        ? `${name}: unit ${attr.unitCode} is not known`
        : `${name}: unit ${attr.unitCode} cannot be compared with ${unit}`,
  };
}

function thresholdValue(entity: ObservedEntity, t: Threshold, unit: string | null): Numeric {
  if (typeof t === 'number') return { ok: true, value: t };
  const found = numericAttribute(entity, t.attribute, unit);
  if (found !== null) return found;
  return t.default === undefined
    ? { ok: false, reason: `${t.attribute} is missing and the rule has no default` }
    : { ok: true, value: t.default };
}

function domainOf(rule: AlertRule, entity: ObservedEntity): AlertDomain {
  const from = rule.domainFrom;
  const raw = from && Object.hasOwn(entity.attrs, from.attribute) ? entity.attrs[from.attribute]?.value : undefined;
  const candidates = Array.isArray(raw) ? raw : [raw];
  for (const c of candidates) {
    if (typeof c === 'string' && from && Object.hasOwn(from.values, c)) return from.values[c]!;
  }
  return rule.domain;
}

function signalOf(
  rule: AlertRule,
  entity: ObservedEntity,
  source: string,
  fields: Pick<AlertSignal, 'active' | 'severity' | 'value' | 'threshold' | 'unit'>,
): RuleOutcome {
  return {
    kind: 'signal',
    signal: {
      source,
      type: rule.type,
      entityId: entity.id,
      domain: domainOf(rule, entity),
      title: rule.title,
      observedAt: entity.observedAt,
      location: entity.location,
      ...fields,
    },
  };
}

function evaluateNumeric(rule: Extract<AlertRule, { op: 'above' | 'below' }>, entity: ObservedEntity, source: string) {
  const observed = numericAttribute(entity, rule.attribute, rule.unit);
  if (observed === null) return { kind: 'skip' } as const;
  if (!observed.ok) return { kind: 'invalid', reason: observed.reason } as const;
  const value = observed.value;
  if (rule.ignore.includes(value)) return { kind: 'skip' } as const;
  const levels: { severity: AlertSeverity; threshold: number }[] = [];
  for (const level of rule.levels) {
    const t = thresholdValue(entity, level.threshold, rule.unit);
    if (!t.ok) return { kind: 'invalid', reason: t.reason } as const;
    levels.push({ severity: level.severity, threshold: t.value });
  }
  const crossed = (t: number) => (rule.op === 'above' ? value >= t : value <= t);
  const hit = levels.filter((l) => crossed(l.threshold));
  const unit = rule.unit;
  if (hit.length > 0) {
    const worst = hit.reduce((a, b) => (severityRank(b.severity) > severityRank(a.severity) ? b : a));
    return signalOf(rule, entity, source, {
      active: true,
      severity: worst.severity,
      value,
      threshold: worst.threshold,
      unit,
    });
  }
  // The level nearest to clearing: the lowest for "above", the highest for "below".
  const edge =
    rule.op === 'above' ? Math.min(...levels.map((l) => l.threshold)) : Math.max(...levels.map((l) => l.threshold));
  const clear = rule.op === 'above' ? value < edge - rule.hysteresis : value > edge + rule.hysteresis;
  if (!clear) return { kind: 'hold' } as const;
  const mildest = levels.reduce((a, b) => (severityRank(b.severity) < severityRank(a.severity) ? b : a));
  return signalOf(rule, entity, source, { active: false, severity: mildest.severity, value, threshold: edge, unit });
}

function evaluateEnum(rule: Extract<AlertRule, { op: 'in' }>, entity: ObservedEntity, source: string): RuleOutcome {
  const attr = Object.hasOwn(entity.attrs, rule.attribute) ? entity.attrs[rule.attribute] : undefined;
  if (attr === undefined || attr.value === null) return { kind: 'skip' };
  if (typeof attr.value !== 'string' && typeof attr.value !== 'boolean') {
    return { kind: 'invalid', reason: `${rule.attribute} must be text` };
  }
  const value = String(attr.value);
  const severity = Object.hasOwn(rule.values, value) ? rule.values[value] : undefined;
  const mildest = Object.values(rule.values).reduce((a, b) => (severityRank(b) < severityRank(a) ? b : a));
  return signalOf(rule, entity, source, {
    active: severity !== undefined,
    severity: severity ?? mildest,
    value,
    threshold: null,
    unit: null,
  });
}

/** One rule on one entity. Pure. */
export function evaluateRule(rule: AlertRule, entity: ObservedEntity, source: string): RuleOutcome {
  if (rule.entityType !== entity.type) return { kind: 'skip' };
  return rule.op === 'in' ? evaluateEnum(rule, entity, source) : evaluateNumeric(rule, entity, source);
}

/** Every rule for the entity's type: the signals to apply and the reasons any rule could not be evaluated. */
export function evaluateRules(
  rules: readonly AlertRule[],
  entity: ObservedEntity,
  source: string,
): { signals: AlertSignal[]; problems: string[] } {
  const signals: AlertSignal[] = [];
  const problems: string[] = [];
  for (const rule of rules) {
    const outcome = evaluateRule(rule, entity, source);
    if (outcome.kind === 'signal') signals.push(outcome.signal);
    else if (outcome.kind === 'invalid') problems.push(outcome.reason);
  }
  return { signals, problems };
}
