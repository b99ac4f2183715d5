/** NGSI-LD entities (normalized form) of the simulated field devices, as FIWARE smart data models define them. */

export type Entity = Record<string, unknown> & { id: string; type: string };

const point = (lon: number, lat: number) => ({
  type: 'GeoProperty',
  value: { type: 'Point', coordinates: [lon, lat] },
});
const property = (value: unknown, unitCode?: string, observedAt?: string) => ({
  type: 'Property',
  value,
  ...(unitCode ? { unitCode } : {}),
  ...(observedAt ? { observedAt } : {}),
});

export interface Place {
  lon: number;
  lat: number;
  name: string;
}

export function floodMonitoring(id: string, place: Place, levelM: number, at: Date): Entity {
  return {
    id: `urn:ngsi-ld:FloodMonitoring:${id}`,
    type: 'FloodMonitoring',
    name: property(place.name),
    currentLevel: property(Math.round(levelM * 1000) / 1000, 'MTR', at.toISOString()),
    alertLevel: property(1.5, 'MTR'),
    dangerLevel: property(2.0, 'MTR'),
    referenceLevel: property(3.0, 'MTR'),
    measuredDistance: property(Math.round((3.0 - levelM) * 1000) / 1000, 'MTR'),
    location: point(place.lon, place.lat),
  };
}

export function wasteContainer(id: string, place: Place, fill: number, at: Date): Entity {
  return {
    id: `urn:ngsi-ld:WasteContainer:${id}`,
    type: 'WasteContainer',
    name: property(place.name),
    fillingLevel: property(Math.round(fill * 100) / 100, 'C62', at.toISOString()),
    status: property('ok'),
    location: point(place.lon, place.lat),
  };
}

export function streetlight(id: string, place: Place, status: 'ok' | 'defectiveLamp', at: Date): Entity {
  return {
    id: `urn:ngsi-ld:Streetlight:${id}`,
    type: 'Streetlight',
    name: property(place.name),
    status: property(status, undefined, at.toISOString()),
    powerState: property(status === 'ok' ? 'on' : 'off'),
    location: point(place.lon, place.lat),
  };
}

export function waterQuality(id: string, place: Place, ph: number, chlorine: number, at: Date): Entity {
  return {
    id: `urn:ngsi-ld:WaterQualityObserved:${id}`,
    type: 'WaterQualityObserved',
    name: property(place.name),
    pH: property(Math.round(ph * 100) / 100, undefined, at.toISOString()),
    Cl: property(Math.round(chlorine * 100) / 100, 'M1'),
    location: point(place.lon, place.lat),
  };
}

export function accessPoint(id: string, place: Place, up: boolean, at: Date): Entity {
  return {
    id: `urn:ngsi-ld:AccessPoint:${id}`,
    type: 'AccessPoint',
    name: property(place.name),
    apState: property(up ? 'up' : 'down', undefined, at.toISOString()),
    location: point(place.lon, place.lat),
  };
}

export const CONTEXT = [
  'https://raw.githubusercontent.com/smart-data-models/dataModel.Environment/master/context.jsonld',
  'https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld',
];
