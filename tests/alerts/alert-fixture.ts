import type { Alert } from '../../src-shared/contract/alerts';

/**
 * A whole `Alert` for tests: a flood gauge over its alert level, active, raised and not acknowledged, with no place;
 * `over` sets what a test is about. Shared by the renderer, workstation and server-side tests.
 */
export function alertFixture(over: Partial<Alert> = {}): Alert {
  return {
    id: 'a1',
    dedupeKey: 'k|a1',
    source: 'ngsi-ld',
    sourceId: 'a1',
    type: 'flood.level',
    domain: 'drainage',
    severity: 'major',
    state: 'active',
    acknowledged: false,
    ackBy: null,
    ackAt: null,
    ackNote: null,
    firstSeenAt: '2026-06-01T00:00:00.000Z',
    lastSeenAt: '2026-06-01T00:00:00.000Z',
    clearedAt: null,
    clearReason: null,
    count: 1,
    value: 1.9,
    threshold: 1.5,
    unit: 'MTR',
    title: 'Mực nước',
    location: null,
    suppressed: false,
    caseId: null,
    caseCode: null,
    lastChange: 'raised',
    seq: 1,
    ...over,
  };
}

/** An alert as the server's feed sends it: a flood gauge over its alert level, raised and not acknowledged. */
export function feedAlert(id: string, seq: number, overrides: Partial<Alert> = {}): Alert {
  return alertFixture({ id, dedupeKey: `k|${id}`, sourceId: id, seq, ...overrides });
}
