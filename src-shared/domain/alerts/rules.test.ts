import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ObservedEntity } from './entity';
import { AlertRulesFileSchema, evaluateRule, evaluateRules, type RuleOutcome } from './rules';

const file = AlertRulesFileSchema.parse(
  JSON.parse(
    readFileSync(join(import.meta.dirname, '..', '..', '..', 'resources', 'server', 'alert-rules.json'), 'utf8'),
  ),
);
const rule = (id: string) => file.rules.find((r) => r.id === id)!;

function entity(type: string, attrs: Record<string, unknown>, units: Record<string, string> = {}): ObservedEntity {
  return {
    id: `urn:ngsi-ld:${type}:x1`,
    type,
    attrs: Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k, { value: v, unitCode: units[k] ?? null }])),
    location: { type: 'Point', coordinates: [105.63, 10.46] },
    observedAt: '2026-06-01T03:00:00.000Z',
  };
}
const gauge = (level: number, extra: Record<string, unknown> = {}, units: Record<string, string> = {}) =>
  entity('FloodMonitoring', { currentLevel: level, alertLevel: 1.5, dangerLevel: 2.0, ...extra }, units);
const summary = (o: RuleOutcome) =>
  o.kind === 'signal' ? `${o.signal.active ? 'raise' : 'clear'}:${o.signal.severity}` : o.kind;

describe('the shipped rules file', () => {
  it('parses and rejects repeated ids and double rules for one type', () => {
    expect(file.rules.length).toBeGreaterThan(5);
    const twice = { ...file, rules: [file.rules[0], file.rules[0]] };
    expect(AlertRulesFileSchema.safeParse(twice).success).toBe(false);
  });
});

describe('numeric rules with levels and hysteresis (flood gauge)', () => {
  const flood = rule('flood-level');
  it('raises major at the alert level, critical at the danger level, using the entity’s own levels', () => {
    expect(summary(evaluateRule(flood, gauge(1.2), 'ngsi-ld'))).toBe('clear:major');
    expect(summary(evaluateRule(flood, gauge(1.5), 'ngsi-ld'))).toBe('raise:major');
    expect(summary(evaluateRule(flood, gauge(2.3), 'ngsi-ld'))).toBe('raise:critical');
    expect(summary(evaluateRule(flood, gauge(1.3, { alertLevel: 1.2 }), 'ngsi-ld'))).toBe('raise:major');
  });
  it('holds inside the hysteresis band instead of flapping', () => {
    expect(summary(evaluateRule(flood, gauge(1.47), 'ngsi-ld'))).toBe('hold');
    expect(summary(evaluateRule(flood, gauge(1.44), 'ngsi-ld'))).toBe('clear:major');
  });
  it('reports value and threshold in the rule’s unit, converting centimetres', () => {
    const o = evaluateRule(
      flood,
      gauge(160, { alertLevel: 150, dangerLevel: 200 }, { currentLevel: 'CMT', alertLevel: 'CMT', dangerLevel: 'CMT' }),
      'x',
    );
    expect(o).toMatchObject({ kind: 'signal', signal: { active: true, value: 1.6, threshold: 1.5, unit: 'MTR' } });
  });
  it('falls back to the default levels when the entity has none', () => {
    const bare = entity('FloodMonitoring', { currentLevel: 1.6 });
    expect(summary(evaluateRule(flood, bare, 'x'))).toBe('raise:major');
  });
  it('calls a wrong unit or a non-number invalid, and a missing attribute a skip', () => {
    expect(evaluateRule(flood, gauge(20, {}, { currentLevel: 'CEL' }), 'x')).toEqual({
      kind: 'invalid',
      reason: 'currentLevel: unit CEL cannot be compared with MTR',
    });
    expect(evaluateRule(flood, gauge(Number.NaN), 'x').kind).toBe('invalid');
    expect(evaluateRule(flood, entity('FloodMonitoring', { currentLevel: '1.6' }), 'x').kind).toBe('invalid');
    expect(evaluateRule(flood, entity('FloodMonitoring', {}), 'x').kind).toBe('skip');
    expect(evaluateRule(flood, entity('WasteContainer', { currentLevel: 3 }), 'x').kind).toBe('skip');
  });
});

describe('"below" rules and ignored values (Device battery)', () => {
  const battery = rule('device-battery');
  it('raises warning then major as the battery drains; −1 means unknown', () => {
    expect(summary(evaluateRule(battery, entity('Device', { batteryLevel: 0.5 }), 'x'))).toBe('clear:warning');
    expect(summary(evaluateRule(battery, entity('Device', { batteryLevel: 0.2 }), 'x'))).toBe('raise:warning');
    expect(summary(evaluateRule(battery, entity('Device', { batteryLevel: 0.03 }), 'x'))).toBe('raise:major');
    expect(summary(evaluateRule(battery, entity('Device', { batteryLevel: 0.22 }), 'x'))).toBe('hold');
    expect(evaluateRule(battery, entity('Device', { batteryLevel: -1 }), 'x').kind).toBe('skip');
    expect(evaluateRule(battery, entity('Device', { batteryLevel: 15 }, { batteryLevel: 'P1' }), 'x')).toMatchObject({
      signal: { active: true, value: 0.15 },
    });
  });
  it('takes its domain from what the device measures', () => {
    const o = evaluateRule(battery, entity('Device', { batteryLevel: 0.1, controlledProperty: ['waterLevel'] }), 'x');
    expect(o).toMatchObject({ signal: { domain: 'drainage' } });
    const other = evaluateRule(battery, entity('Device', { batteryLevel: 0.1, controlledProperty: 'noise' }), 'x');
    expect(other).toMatchObject({ signal: { domain: 'security' } });
  });
});

describe('enumerated rules (street light, Wi-Fi)', () => {
  it('raises for listed states with their severity and clears for the others', () => {
    const light = rule('streetlight-fault');
    expect(summary(evaluateRule(light, entity('Streetlight', { status: 'defectiveLamp' }), 'x'))).toBe('raise:major');
    expect(summary(evaluateRule(light, entity('Streetlight', { status: 'columnIssue' }), 'x'))).toBe('raise:critical');
    expect(summary(evaluateRule(light, entity('Streetlight', { status: 'ok' }), 'x'))).toBe('clear:major');
    expect(evaluateRule(light, entity('Streetlight', { status: 3 }), 'x').kind).toBe('invalid');
    const ap = rule('wifi-ap-down');
    expect(summary(evaluateRule(ap, entity('AccessPoint', { apState: 'down' }), 'x'))).toBe('raise:major');
    expect(summary(evaluateRule(ap, entity('AccessPoint', { apState: 'up' }), 'x'))).toBe('clear:major');
  });
});

describe('evaluateRules', () => {
  it('applies every rule of the type: pH low and pH high are separate alerts', () => {
    const water = entity('WaterQualityObserved', { pH: 9.8, Cl: 0.1 });
    const { signals, problems } = evaluateRules(file.rules, water, 'ngsi-ld');
    expect(problems).toEqual([]);
    expect(signals.map((s) => `${s.type}:${s.active}:${s.severity}`).sort()).toEqual([
      'water.chlorine_low:true:minor',
      'water.ph_high:true:critical',
      'water.ph_low:false:major',
    ]);
  });
});
