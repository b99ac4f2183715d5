import type { AuditPushRequest, AuditPushResponse } from '../../../src-shared/sync/audit-protocol';
import type { EnrolResponse, PullResponse, PushRequest, PushResponse } from '../../../src-shared/sync/protocol';

export interface DeviceCredentials {
  deviceId: string;
  secret: string;
}

export interface PullQuery {
  /** null on the first pull of an epoch. */
  cursor: string | null;
  limit: number;
  /** Seconds to hold the request while nothing is new (long-poll); 0 answers at once. */
  waitS: number;
}

/**
 * How the engine reaches the central server. The HTTP implementation is what ships; the model-based test plugs
 * in a network that loses, duplicates and reorders deliveries. Every method throws SyncFailure.
 */
export interface SyncTransport {
  enrol(label: string, enrolSecret: string, signal?: AbortSignal): Promise<EnrolResponse>;
  pull(credentials: DeviceCredentials, query: PullQuery, signal?: AbortSignal): Promise<PullResponse>;
  push(credentials: DeviceCredentials, request: PushRequest, signal?: AbortSignal): Promise<PushResponse>;
  /** Audit rows to the server; a transport without it (the model test's network) sends none. */
  pushAudit?(
    credentials: DeviceCredentials,
    request: AuditPushRequest,
    signal?: AbortSignal,
  ): Promise<AuditPushResponse>;
}
