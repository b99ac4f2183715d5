import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../src-shared/contract/alerts';
import { feedAlert } from '../../../tests/alerts/alert-fixture';
import { alertPoints } from './alertClusters';
import {
  changedFacets,
  countBySeverity,
  DEFAULT_ALERT_FILTER,
  matchesAlertFilter,
  parseAlertFilter,
  SHOW_ALL_ALERTS,
  toggleFacet,
} from './alertFilter';
import { DEFAULT_MAP_PREFS, mapPrefsKey, parseMapPrefs } from './mapPrefs';

/** The shared feed fixture, placed in Cao Lãnh: the map draws only alerts with a location. */
const alert = (id: string, overrides: Partial<Alert> = {}): Alert =>
  feedAlert(id, 1, { location: { type: 'Point', coordinates: [105.63, 10.46] }, ...overrides });

const feed = [
  alert('flood', { severity: 'critical' }),
  alert('chlorine', { severity: 'minor', domain: 'water', type: 'water.chlorine_low' }),
  alert('lamp', { severity: 'major', domain: 'lighting', acknowledged: true }),
  alert('wifi', { severity: 'warning', domain: 'wifi', ackPending: true }),
  alert('old', { severity: 'minor', state: 'cleared' }),
];
const shown = (filter = DEFAULT_ALERT_FILTER) => feed.filter((a) => matchesAlertFilter(a, filter)).map((a) => a.id);

describe('the map’s alert filter', () => {
  it('by default keeps every active alert, handled or not, and no cleared one (as before filters)', () => {
    expect(shown()).toEqual(['flood', 'chlorine', 'lamp', 'wifi']);
    expect(changedFacets(DEFAULT_ALERT_FILTER)).toEqual([]);
  });
  it('hides a severity from the map and from its legend count', () => {
    const noMinor = toggleFacet(DEFAULT_ALERT_FILTER, 'severities', 'minor');
    expect(noMinor.severities).toEqual(['critical', 'major', 'warning', 'info']);
    expect(shown(noMinor)).toEqual(['flood', 'lamp', 'wifi']);
    const counts = countBySeverity(feed.filter((a) => matchesAlertFilter(a, noMinor)));
    expect(counts).toEqual({ critical: 1, major: 1, minor: 0, warning: 1, info: 0 });
    expect(changedFacets(noMinor)).toEqual(['severities']);
  });
  it('filters by domain, by state and by acknowledgement (pending acknowledgements count as acknowledged)', () => {
    const waterOnly = { ...DEFAULT_ALERT_FILTER, domains: ['water' as const] };
    expect(shown(waterOnly)).toEqual(['chlorine']);
    expect(shown({ ...DEFAULT_ALERT_FILTER, states: ['cleared'] })).toEqual(['old']);
    expect(shown({ ...DEFAULT_ALERT_FILTER, ack: ['unacknowledged'] })).toEqual(['flood', 'chlorine']);
    expect(shown({ ...DEFAULT_ALERT_FILTER, ack: ['acknowledged'] })).toEqual(['lamp', 'wifi']);
    expect(shown(SHOW_ALL_ALERTS)).toEqual(['flood', 'chlorine', 'lamp', 'wifi', 'old']);
  });
  it('can filter everything out, and toggling a value back restores the canonical order', () => {
    const none = { ...DEFAULT_ALERT_FILTER, severities: [] };
    expect(shown(none)).toEqual([]);
    const back = toggleFacet(toggleFacet(none, 'severities', 'info'), 'severities', 'critical');
    expect(back.severities).toEqual(['critical', 'info']);
  });
  it('draws cleared alerts faded like handled ones', () => {
    const points = alertPoints(feed, () => false);
    expect(points.map((p) => [p.id, p.acknowledged])).toEqual([
      ['flood', false],
      ['chlorine', false],
      ['lamp', true],
      ['wifi', true],
      ['old', true],
    ]);
  });
  it('reads a stored filter back leniently: unknown values dropped, missing facets defaulted', () => {
    expect(parseAlertFilter({ severities: ['minor', 'catastrophic', 'critical'], states: 'active' })).toEqual({
      ...DEFAULT_ALERT_FILTER,
      severities: ['critical', 'minor'],
    });
    expect(parseAlertFilter(null)).toEqual(DEFAULT_ALERT_FILTER);
  });
});

describe('map preferences per user', () => {
  it('round-trips toggles, time window and filters, each part defaulted when unreadable', () => {
    const prefs = {
      ...DEFAULT_MAP_PREFS,
      visible: { ...DEFAULT_MAP_PREFS.visible, heat: true, places: false },
      timeWindow: '7d' as const,
      alertFilter: toggleFacet(DEFAULT_ALERT_FILTER, 'severities', 'minor'),
      caseFilter: { status: 'triaged' as const, category: 'lighting', agency: '', overdueOnly: true },
    };
    expect(parseMapPrefs(JSON.stringify(prefs))).toEqual(prefs);
    expect(parseMapPrefs('{not json')).toEqual(DEFAULT_MAP_PREFS);
    expect(parseMapPrefs(null)).toEqual(DEFAULT_MAP_PREFS);
    expect(parseMapPrefs(JSON.stringify({ timeWindow: '1y', visible: { heat: 'yes', cases: false } }))).toEqual({
      ...DEFAULT_MAP_PREFS,
      visible: { ...DEFAULT_MAP_PREFS.visible, cases: false },
    });
    expect(mapPrefsKey('u-1')).not.toBe(mapPrefsKey('u-2'));
  });
});
