import type { GeoPoint } from './model';

/** One attribute of an observed entity, after NGSI-LD parsing: its value and, for numbers, its unit. */
export interface ObservedAttribute {
  value: unknown;
  unitCode: string | null;
}

/**
 * An NGSI-LD entity as rules see it, whichever form it arrived in (normalized or keyValues): the short type
 * name of its smart data model, plain attribute values, its location and when it was observed.
 */
export interface ObservedEntity {
  id: string;
  type: string;
  attrs: Readonly<Record<string, ObservedAttribute>>;
  location: GeoPoint | null;
  observedAt: string;
}
