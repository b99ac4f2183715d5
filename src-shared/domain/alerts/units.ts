/**
 * UN/CEFACT common codes, the units NGSI-LD Properties carry in `unitCode`. Each known code belongs to one
 * quantity and converts to that quantity's base code; anything else is a unit we cannot compare.
 */
interface UnitDef {
  quantity: 'length' | 'fraction' | 'temperature' | 'conductivity' | 'concentration' | 'flow' | 'time' | 'ph';
  /** How many of this unit make one base unit (100 centimetres in a metre): dividing keeps 150 cm = 1.5 m exact. */
  perBase: number;
}

const UNITS: Readonly<Record<string, UnitDef>> = {
  MTR: { quantity: 'length', perBase: 1 },
  CMT: { quantity: 'length', perBase: 100 },
  MMT: { quantity: 'length', perBase: 1000 },
  // Fraction 0–1 (C62 "one") and percent (P1).
  C62: { quantity: 'fraction', perBase: 1 },
  P1: { quantity: 'fraction', perBase: 100 },
  CEL: { quantity: 'temperature', perBase: 1 },
  // Siemens per metre / microsiemens per centimetre.
  D10: { quantity: 'conductivity', perBase: 1 },
  G42: { quantity: 'conductivity', perBase: 10_000 },
  // Milligrams per litre (= grams per cubic metre).
  M1: { quantity: 'concentration', perBase: 1 },
  GQ: { quantity: 'concentration', perBase: 1 },
  // Cubic metres per second / per hour, litres per second.
  MQS: { quantity: 'flow', perBase: 1 },
  MQH: { quantity: 'flow', perBase: 3600 },
  G51: { quantity: 'flow', perBase: 1000 },
  SEC: { quantity: 'time', perBase: 1 },
  C26: { quantity: 'time', perBase: 1000 },
  // pH is dimensionless; FIWARE examples write it without a unit or with Q30.
  Q30: { quantity: 'ph', perBase: 1 },
};

export type UnitConversion = { ok: true; value: number } | { ok: false; reason: 'unknown_unit' | 'wrong_quantity' };

export function isKnownUnit(code: string): boolean {
  return Object.hasOwn(UNITS, code);
}

/** `value` given in `from` expressed in `to`; refuses units it does not know and units of another quantity. */
export function convertUnit(value: number, from: string, to: string): UnitConversion {
  if (from === to) return { ok: true, value };
  const a = Object.hasOwn(UNITS, from) ? UNITS[from] : undefined;
  const b = Object.hasOwn(UNITS, to) ? UNITS[to] : undefined;
  if (!a || !b) return { ok: false, reason: 'unknown_unit' };
  if (a.quantity !== b.quantity) return { ok: false, reason: 'wrong_quantity' };
  return { ok: true, value: (value / a.perBase) * b.perBase };
}
