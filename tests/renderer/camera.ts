import type { Camera } from '../../src-shared/contract';

/** A camera as the contract lists it: an online AXIS without PTZ or events; `over` sets what a test is about. */
export function testCamera(over: Partial<Camera> = {}): Camera {
  return {
    id: 'c1',
    name: 'Camera',
    siteId: null,
    host: '127.0.0.1',
    port: 80,
    username: 'admin',
    manufacturer: 'AXIS',
    model: 'Q6075-E',
    firmware: '10.12',
    serial: 'ACCC8E000001',
    status: 'online',
    statusDetail: null,
    clockOffsetMs: null,
    ptz: false,
    events: false,
    profiles: [],
    location: null,
    headingDeg: null,
    fovDeg: null,
    addedAt: '2025-06-01T00:00:00Z',
    lastSeenAt: null,
    ...over,
  };
}
