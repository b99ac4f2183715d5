import { describe, expect, it } from 'vitest';
import { parseHash } from '../../app/routes';
import { mapFocusHash, parseMapFocus } from './mapFocus';

describe('map focus in the hash', () => {
  it('round-trips a case location, its id and its code', () => {
    const focus = { lat: 10.4603, lon: 105.6329, caseId: 'c-01HZX', code: 'CL-2026-0042' };
    const hash = mapFocusHash(focus);
    expect(hash).toBe('#/map?lat=10.460300&lon=105.632900&case=c-01HZX&code=CL-2026-0042');
    expect(parseMapFocus(hash)).toEqual(focus);
    // The route is still the Map page.
    expect(parseHash(hash)).toEqual({ kind: 'page', page: 'map' });
  });

  it('reads a bare place, and a code with Vietnamese letters', () => {
    expect(parseMapFocus('#/map?lat=10.29&lon=105.76')).toEqual({ lat: 10.29, lon: 105.76, caseId: null, code: null });
    const hash = mapFocusHash({ lat: 10.3, lon: 105.7, caseId: null, code: 'Tạm-1' });
    expect(parseMapFocus(hash)?.code).toBe('Tạm-1');
  });

  it('asks for nothing on a plain map hash and refuses malformed or far-away positions', () => {
    for (const hash of [
      '#/map',
      '#/map?',
      '#/map?lat=10.4',
      '#/map?lat=abc&lon=105.6',
      '#/map?lat=10.4&lon=1e3',
      '#/map?lat=10,4&lon=105.6',
      '#/map?lat=91&lon=105.6',
      '#/map?lat=48.85&lon=2.35',
      '#/map?lat=&lon=',
    ]) {
      expect(parseMapFocus(hash), hash).toBeNull();
    }
  });

  it('drops an id that is not one, keeping the place', () => {
    expect(parseMapFocus('#/map?lat=10.4&lon=105.6&case=%3Cscript%3E')).toEqual({
      lat: 10.4,
      lon: 105.6,
      caseId: null,
      code: null,
    });
  });
});
