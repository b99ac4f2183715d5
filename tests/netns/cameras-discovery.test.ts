// WS-Discovery over multicast on loopback, in a namespace of our own: nothing leaves the machine and no other
// process's probes interfere. Cameras with the XAddr quirks the onvif library drops must still be found.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Camera, DiscoveredDevice } from '../../src-shared/contract';
import type { SimCamera } from '../../sim/onvif';
import { assertLoopbackOnly, simFleet, startCameraCore, type CameraCore } from './harness';

let t: CameraCore;
let technician: string;
const fleet = simFleet();
let cameras: SimCamera[];

beforeAll(async () => {
  assertLoopbackOnly();
  t = await startCameraCore();
  technician = await t.login('technician');
  cameras = [
    await fleet.start({ personality: 'hikvision', discovery: { xaddrs: 'multi', separator: '  ' }, name: 'Cổng chợ' }),
    await fleet.start({ personality: 'axis', discovery: { xaddrs: 'multi', separator: '\n' } }),
    await fleet.start({ personality: 'pelco', discovery: { typesPrefixed: false, delayMs: 300 } }),
    await fleet.start({ personality: 'agsh', discovery: true }),
  ];
});
afterAll(async () => {
  await t?.stop();
  await fleet.disposeAll();
});

describe('cameras.discover', () => {
  it('finds every camera on loopback at the address it answered from, despite XAddr quirks', async () => {
    const found = await t.call<DiscoveredDevice[]>('cameras.discover', { timeoutMs: 2000 }, technician);
    for (const sim of cameras) {
      const device = found.find((d) => d.urn === sim.endpointReference);
      expect(device, sim.personality).toBeDefined();
      expect(device).toMatchObject({ host: '127.0.0.1', port: sim.port, cameraId: null });
    }
    expect(found.find((d) => d.urn === cameras[0]!.endpointReference)?.name).toBe('Cổng chợ');
  });

  it('marks a discovered camera that is already onboarded', async () => {
    const sim = cameras[3]!;
    const camera = await t.call<Camera>(
      'cameras.add',
      { host: '127.0.0.1', port: sim.port, username: sim.username, password: sim.password },
      technician,
    );
    const found = await t.call<DiscoveredDevice[]>('cameras.discover', { timeoutMs: 1000 }, technician);
    expect(found.find((d) => d.urn === sim.endpointReference)?.cameraId).toBe(camera.id);
  });
});
