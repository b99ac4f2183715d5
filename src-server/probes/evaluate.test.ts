import { describe, expect, it } from 'vitest';
import type { CheckResult } from './checks';
import { nextState, probeSignals, uptimePercent } from './evaluate';
import { MonitorSchema } from './monitors';

const ok: CheckResult = { ok: true, ms: 120, httpStatus: 200, certExpiresAt: null, message: null };
const failed: CheckResult = { ok: false, ms: null, httpStatus: 503, certExpiresAt: null, message: 'HTTP 503' };
const http = MonitorSchema.parse({
  id: 'dvc',
  name: 'Cổng DVC',
  kind: 'http',
  url: 'https://dvc.example.vn/',
  slowMs: 1000,
});

describe('nextState', () => {
  it('is PENDING until downAfter failures in a row, DOWN from then, UP after one success', () => {
    let s = nextState({ status: 'up', failures: 0 }, false, 3, false);
    expect(s).toEqual({ status: 'pending', failures: 1 });
    s = nextState(s, false, 3, false);
    expect(s.status).toBe('pending');
    s = nextState(s, false, 3, false);
    expect(s).toEqual({ status: 'down', failures: 3 });
    expect(nextState(s, true, 3, false)).toEqual({ status: 'up', failures: 0 });
    expect(nextState({ status: 'down', failures: 0 }, false, 3, false).status).toBe('down');
  });
  it('is MAINTENANCE inside a window whatever the check says', () => {
    expect(nextState({ status: 'down', failures: 5 }, false, 3, true)).toEqual({ status: 'maintenance', failures: 0 });
  });
});

describe('probeSignals', () => {
  const at = new Date('2026-06-01T00:00:00Z');
  it('raises svc.down only when DOWN, clears it when UP, says nothing while PENDING', () => {
    const down = probeSignals(http, { status: 'down', failures: 3 }, failed, at).find((s) => s.type === 'svc.down');
    expect(down).toMatchObject({
      active: true,
      severity: 'critical',
      entityId: 'dvc',
      domain: 'gov_systems',
      value: 'HTTP 503',
    });
    expect(probeSignals(http, { status: 'up', failures: 0 }, ok, at).find((s) => s.type === 'svc.down')?.active).toBe(
      false,
    );
    expect(probeSignals(http, { status: 'pending', failures: 1 }, failed, at)).toEqual([]);
  });
  it('grades certificate expiry: warning at 14 days, major at 7, critical once expired', () => {
    const cert = (days: number) =>
      probeSignals(
        http,
        { status: 'up', failures: 0 },
        { ...ok, certExpiresAt: new Date(at.getTime() + days * 86_400_000).toISOString() },
        at,
      ).find((s) => s.type === 'svc.cert_expiring');
    expect(cert(30)?.active).toBe(false);
    expect(cert(14)).toMatchObject({ active: true, severity: 'warning', value: 14 });
    expect(cert(5)).toMatchObject({ active: true, severity: 'major' });
    expect(cert(-1)).toMatchObject({ active: true, severity: 'critical' });
  });
  it('flags a slow answer', () => {
    const slow = probeSignals(http, { status: 'up', failures: 0 }, { ...ok, ms: 1500 }, at).find(
      (s) => s.type === 'svc.slow',
    );
    expect(slow).toMatchObject({ active: true, value: 1500, threshold: 1000 });
  });
});

describe('uptimePercent', () => {
  it('leaves maintenance out and counts only DOWN as downtime', () => {
    expect(uptimePercent({ up: 97, pending: 1, down: 2, maintenance: 50 })).toBe(98);
    expect(uptimePercent({ up: 0, pending: 0, down: 0, maintenance: 10 })).toBeNull();
  });
});
