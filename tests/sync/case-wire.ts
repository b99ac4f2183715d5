import type { CaseWire } from '../../src-shared/sync/protocol';

/** Case `n` as a pull reply carries it: a lighting report received on 27 November 2026, nothing done yet. */
export function wireCase(n: number, fields: Partial<CaseWire> = {}): CaseWire {
  return {
    id: `c-${n}`,
    code: `DT-${String(n).padStart(5, '0')}`,
    kind: 'citizen_report',
    channel: 'open311',
    serviceCode: 'lighting',
    serviceName: 'Chiếu sáng công cộng',
    description: null,
    lat: null,
    long: null,
    addressString: null,
    state: 'received',
    status: 'open',
    statusNotes: null,
    agencyId: null,
    duplicateOf: null,
    assignee: null,
    siteId: null,
    slaWorkingDays: 5,
    pendingExtensionDays: null,
    extensionCount: 0,
    reopenCount: 0,
    publicResult: null,
    rejectionReason: null,
    receivedAt: '2026-11-27T01:00:00.000Z',
    dueAt: '2026-12-04T01:00:00.000Z',
    updatedAt: '2026-11-27T01:00:00.000Z',
    resolvedAt: null,
    closedAt: null,
    version: 1,
    changeSeq: n,
    reporter: null,
    ...fields,
  };
}
