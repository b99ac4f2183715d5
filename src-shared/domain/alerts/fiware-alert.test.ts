import { describe, expect, it } from 'vitest';
import type { ObservedEntity } from './entity';
import { signalFromFiwareAlert } from './fiware-alert';

function alertEntity(attrs: Record<string, unknown>): ObservedEntity {
  return {
    id: 'urn:ngsi-ld:Alert:1',
    type: 'Alert',
    attrs: Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k, { value: v, unitCode: null }])),
    location: { type: 'Point', coordinates: [105.6, 10.4] },
    observedAt: '2026-06-01T03:00:00.000Z',
  };
}
const base = {
  category: 'naturalDisaster',
  subCategory: 'flood',
  severity: 'high',
  alertSource: 'urn:ngsi-ld:Device:rain-07',
  dateIssued: '2026-06-01T02:59:00Z',
  description: 'Ngập sâu 40 cm đường Nguyễn Huệ',
};

describe('signalFromFiwareAlert', () => {
  it('takes an Alert as an alert directly, deduped by its originator and sub-category', () => {
    const r = signalFromFiwareAlert(alertEntity(base), 'ngsi-ld');
    expect(r).toMatchObject({
      ok: true,
      signal: {
        type: 'alert.naturaldisaster.flood',
        entityId: 'urn:ngsi-ld:Device:rain-07',
        domain: 'drainage',
        severity: 'major',
        active: true,
        observedAt: '2026-06-01T02:59:00.000Z',
        title: 'Ngập sâu 40 cm đường Nguyễn Huệ',
      },
    });
  });
  it('is cleared when validTo is not after the issue time, and carries validTo as its expiry', () => {
    expect(signalFromFiwareAlert(alertEntity({ ...base, validTo: '2026-06-01T02:59:00Z' }), 'x')).toMatchObject({
      signal: { active: false },
    });
    expect(signalFromFiwareAlert(alertEntity({ ...base, validTo: '2026-06-01T05:00:00Z' }), 'x')).toMatchObject({
      signal: { active: true, expiresAt: '2026-06-01T05:00:00.000Z' },
    });
  });
  it('refuses what the data model does not allow', () => {
    expect(signalFromFiwareAlert(alertEntity({ ...base, category: 'party' }), 'x').ok).toBe(false);
    expect(signalFromFiwareAlert(alertEntity({ ...base, alertSource: undefined }), 'x').ok).toBe(false);
    expect(signalFromFiwareAlert(alertEntity({ ...base, severity: 'apocalyptic' }), 'x').ok).toBe(false);
    expect(signalFromFiwareAlert(alertEntity({ ...base, validTo: 'soon' }), 'x').ok).toBe(false);
  });
});
