import type { ObservedEntity } from '../../src-shared/domain/alerts/entity';
import { ASSET_KINDS, type AssetKind } from '../../src-shared/domain/alerts/model';
import { convertUnit } from '../../src-shared/domain/alerts/units';
import { type Problem, problem } from './ngsi/problem';

export { ASSET_KINDS, type AssetKind };

type AttributeSpec =
  | { kind: 'number'; unit: string | null; min?: number; max?: number; allow?: readonly number[] }
  | { kind: 'text'; values?: readonly string[] }
  | { kind: 'any' };

/** `asset`: what the map draws the entity as; null for models that are not assets (an Alert). */
interface ModelSpec {
  asset: AssetKind | null;
  attributes: Readonly<Record<string, AttributeSpec>>;
}

const length = { kind: 'number', unit: 'MTR' } as const;
const fraction = { kind: 'number', unit: 'C62', min: 0, max: 1 } as const;
const celsius = { kind: 'number', unit: 'CEL', min: -60, max: 150 } as const;
const mgPerLitre = { kind: 'number', unit: 'M1', min: 0 } as const;

/**
 * The FIWARE smart data models this server understands (github.com/smart-data-models), with the units and ranges
 * of the attributes rules read. Other attributes pass through to the asset's latest state unchecked; a new feed
 * is an entry here plus its rules in resources/server/alert-rules.json.
 */
export const MODELS: Readonly<Record<string, ModelSpec>> = {
  FloodMonitoring: {
    asset: 'flood_gauge',
    attributes: {
      currentLevel: length,
      alertLevel: length,
      dangerLevel: length,
      measuredDistance: length,
      referenceLevel: length,
      floodLevelStatus: { kind: 'text' },
    },
  },
  WaterQualityObserved: {
    asset: 'water_station',
    attributes: {
      pH: { kind: 'number', unit: null, min: 0, max: 14 },
      temperature: celsius,
      conductivity: { kind: 'number', unit: 'D10', min: 0 },
      Cl: mgPerLitre,
      O2: mgPerLitre,
      NO3: mgPerLitre,
      NH4: mgPerLitre,
    },
  },
  WasteContainer: {
    asset: 'waste_container',
    attributes: {
      fillingLevel: fraction,
      temperature: celsius,
      status: { kind: 'text', values: ['ok', 'lidOpen', 'dropped', 'burning'] },
    },
  },
  Streetlight: {
    asset: 'streetlight',
    attributes: {
      status: { kind: 'text', values: ['ok', 'defectiveLamp', 'columnIssue', 'brokenLantern'] },
      powerState: { kind: 'text', values: ['on', 'off', 'low', 'bootingUp'] },
      illuminanceLevel: fraction,
    },
  },
  Device: {
    asset: 'sensor',
    attributes: {
      batteryLevel: { ...fraction, allow: [-1] },
      rssi: { kind: 'number', unit: null },
      deviceState: { kind: 'text' },
      controlledProperty: { kind: 'any' },
    },
  },
  AccessPoint: {
    asset: 'wifi_ap',
    attributes: { apState: { kind: 'text', values: ['up', 'down'] } },
  },
  WifiPointOfInterest: {
    asset: 'wifi_ap',
    attributes: { clientsConnected: { kind: 'number', unit: null, min: 0 } },
  },
  Alert: {
    asset: null,
    attributes: {
      category: { kind: 'text' },
      subCategory: { kind: 'text' },
      severity: { kind: 'text', values: ['informational', 'low', 'medium', 'high', 'critical'] },
      alertSource: { kind: 'any' },
    },
  },
};

export const KNOWN_TYPES = Object.keys(MODELS);

export function modelOf(type: string): ModelSpec | null {
  return Object.hasOwn(MODELS, type) ? MODELS[type]! : null;
}

function checkAttribute(entity: ObservedEntity, name: string, spec: AttributeSpec): Problem | null {
  const attr = entity.attrs[name]!;
  const where = `Entity ${entity.id}: ${name}`;
  if (attr.value === null || spec.kind === 'any') return null;
  if (spec.kind === 'text') {
    if (typeof attr.value !== 'string') return problem('invalid_value', `${where} must be text.`);
    if (spec.values && !spec.values.includes(attr.value)) {
      return problem(
        'invalid_value',
        `${where} must be one of ${spec.values.join(', ')}, not "${attr.value.slice(0, 40)}".`,
      );
    }
    return null;
  }
  if (typeof attr.value !== 'number' || !Number.isFinite(attr.value)) {
    return problem('invalid_value', `${where} must be a number.`);
  }
  let value = attr.value;
  if (attr.unitCode !== null) {
    if (spec.unit === null)
      return problem('wrong_unit', `${where} is a plain number; unit ${attr.unitCode} does not apply.`);
    const converted = convertUnit(value, attr.unitCode, spec.unit);
    if (!converted.ok) {
      return problem(
        'wrong_unit',
        converted.reason === 'unknown_unit'
          ? `${where}: unit code ${attr.unitCode} is not a known UN/CEFACT unit.`
          : `${where}: unit ${attr.unitCode} is not a ${spec.unit} quantity (${spec.unit} expected).`,
      );
    }
    value = converted.value;
  }
  if (spec.allow?.includes(value)) return null;
  if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) {
    return problem(
      'invalid_value',
      `${where} = ${value} is outside ${spec.min ?? '−∞'}…${spec.max ?? '∞'}${spec.unit ? ` ${spec.unit}` : ''}.`,
    );
  }
  return null;
}

/** Refuses types without a model and attributes of the wrong kind, unit or range. */
export function checkModel(entity: ObservedEntity): Problem | null {
  const model = modelOf(entity.type);
  if (!model) {
    return problem(
      'unknown_type',
      `No data model for type "${entity.type.slice(0, 100)}". Known: ${KNOWN_TYPES.join(', ')}.`,
    );
  }
  for (const [name, spec] of Object.entries(model.attributes)) {
    if (!Object.hasOwn(entity.attrs, name)) continue;
    const issue = checkAttribute(entity, name, spec);
    if (issue) return issue;
  }
  return null;
}
