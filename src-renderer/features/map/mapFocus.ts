/** A place the Map page opens on, zoomed in and marked: a case's location ("show on map" from its detail). */
export interface MapFocus {
  lat: number;
  lon: number;
  /** The case shown there, to label the marker and link back; null for a bare place. */
  caseId: string | null;
  /** The case's tracking code, as the marker's label. */
  code: string | null;
}

/** Roughly Vietnam and its sea: a position outside is a typo or garbage, not a place to fly to. */
const BOUNDS = { minLat: 5, maxLat: 26, minLon: 99, maxLon: 115 };
const ID = /^[A-Za-z0-9_.:-]{1,100}$/;

/** `#/map?lat=…&lon=…&case=…&code=…` → the focus, or null when the hash asks for none or a malformed one. */
export function parseMapFocus(hash: string): MapFocus | null {
  const q = hash.indexOf('?');
  if (q < 0) return null;
  const params = new URLSearchParams(hash.slice(q + 1));
  const number = (name: string): number | null => {
    const text = params.get(name);
    if (text === null || !/^-?\d{1,3}(\.\d{1,10})?$/.test(text)) return null;
    return Number(text);
  };
  const lat = number('lat');
  const lon = number('lon');
  if (lat === null || lon === null) return null;
  if (lat < BOUNDS.minLat || lat > BOUNDS.maxLat || lon < BOUNDS.minLon || lon > BOUNDS.maxLon) return null;
  const caseId = params.get('case');
  const code = params.get('code');
  return {
    lat,
    lon,
    caseId: caseId !== null && ID.test(caseId) ? caseId : null,
    code: code !== null && code.length > 0 && code.length <= 40 ? code : null,
  };
}

/** The Map page's hash for a focus; `parseMapFocus` reads it back. */
export function mapFocusHash(focus: MapFocus): string {
  const params = new URLSearchParams({ lat: focus.lat.toFixed(6), lon: focus.lon.toFixed(6) });
  if (focus.caseId !== null) params.set('case', focus.caseId);
  if (focus.code !== null) params.set('code', focus.code);
  return `#/map?${params.toString()}`;
}
