// The pull-point loop against simulated cameras: Renew before termination, a new subscription after a reboot,
// echoed ReferenceParameters (Axis refuses pulls without its SubscriptionId), and nothing left running after.
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Camera } from '../../src-shared/contract';
import { PullPointSubscription } from '../../src-main/services/cameras/events/pull-point';
import type { PulledEvent } from '../../src-main/services/cameras/events/messages';
import { OnvifDevice } from '../../src-main/services/cameras/onvif/device';
import { settledLeaks, watchedResources } from '../../sim/onvif/testing/resources';
import { makeTempDir } from '../integration/tmp-dir';
import { assertLoopbackOnly, eventually, simFleet, startCameraCore } from './harness';

const fleet = simFleet();
beforeAll(() => assertLoopbackOnly());
afterEach(() => fleet.disposeAll());

async function subscribed(personality: 'axis' | 'pelco' | 'hikvision' | 'agsh', terminationSec: number) {
  const sim = await fleet.start({ personality, username: 'u', password: 'Mật khẩu' });
  const device = new OnvifDevice({
    host: sim.host,
    port: sim.port,
    credentials: { username: 'u', password: 'Mật khẩu' },
  });
  await device.probe();
  const events: PulledEvent[] = [];
  const errors: string[] = [];
  const subscription = new PullPointSubscription({
    device,
    eventsUrl: new URL(device.cam.uri!.events!.href),
    pullTimeoutSec: 1,
    terminationSec,
    backoff: { initialMs: 100, maxMs: 400 },
    onEvent: (e) => events.push(e),
    onError: (e) => errors.push(String(e)),
  });
  subscription.start();
  return {
    sim,
    events,
    errors,
    async stop() {
      await subscription.dispose();
      device.dispose();
    },
  };
}

const methods = (sim: { calls(): readonly { method: string }[] }) => sim.calls().map((c) => c.method);

describe('pull-point subscriptions', () => {
  it('renews before the camera terminates the subscription', async () => {
    // 3 s lifetime < one long-poll + margin: every round must Renew, or the camera would drop it.
    const s = await subscribed('axis', 3);
    try {
      await eventually(
        () => (methods(s.sim).filter((m) => m === 'Renew').length >= 2 ? true : undefined),
        'two renewals',
      );
      s.sim.triggerMotion(300);
      await eventually(() => s.events.find((e) => e.kind === 'motion' && e.active), 'motion');
      expect(methods(s.sim).filter((m) => m === 'CreatePullPointSubscription')).toHaveLength(1);
      expect(s.errors).toEqual([]);
    } finally {
      await s.stop();
    }
    expect(methods(s.sim).at(-1)).toBe('Unsubscribe');
    expect(s.sim.subscriptionCount()).toBe(0);
  });

  it('subscribes again after the camera reboots, and keeps delivering events', async () => {
    const s = await subscribed('pelco', 60);
    try {
      await eventually(() => (s.sim.subscriptionCount() > 0 ? true : undefined), 'a subscription');
      await s.sim.restart({ downMs: 300 });
      await eventually(() => (s.sim.subscriptionCount() > 0 ? true : undefined), 'a new subscription after reboot');
      const before = s.events.length;
      s.sim.triggerMotion(300);
      await eventually(
        () => s.events.slice(before).find((e) => e.kind === 'motion' && e.active),
        'motion after reboot',
      );
      expect(s.errors.length).toBeGreaterThan(0);
    } finally {
      await s.stop();
    }
  });

  it('leaves no socket or timer behind when a core with subscribed cameras shuts down', async () => {
    const baseline = watchedResources();
    const sims = await Promise.all(
      (['axis', 'hikvision'] as const).map((personality) => fleet.start({ personality, username: 'u', password: 'p' })),
    );
    const core = await startCameraCore();
    const token = await core.login('technician');
    for (const sim of sims) {
      await core.call('cameras.add', { host: sim.host, port: sim.port, username: 'u', password: 'p' }, token);
    }
    await eventually(() => (sims.every((s) => s.subscriptionCount() > 0) ? true : undefined), 'subscriptions');
    // Leave a PTZ safety timer armed too.
    const [camera] = await core.call<{ id: string }[]>('cameras.list', {}, token);
    await core.call('ptz.move', { cameraId: camera!.id, pan: 0.2, tilt: 0, timeoutMs: 5000 }, token);
    await core.stop();
    expect(sims.map((s) => s.subscriptionCount())).toEqual([0, 0]);
    await fleet.disposeAll();
    expect(await settledLeaks(baseline, 200)).toEqual({});
  });

  it('onboards a demo camera that is down at start-up once it answers (health check retries)', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
    const temp = makeTempDir('ioc-late-');
    const manifest = join(temp.dir, 'fleet.json');
    writeFileSync(
      manifest,
      JSON.stringify([
        { id: 'late-1', name: 'Đến muộn', siteId: 'hong-ngu', host: '127.0.0.1', port, username: 'u', password: 'p' },
      ]),
      { mode: 0o600 },
    );
    const core = await startCameraCore({ IOC_DEMO_FLEET: manifest });
    try {
      const token = await core.login('technician');
      const offline = await eventually(async () => {
        const [camera] = await core.call<Camera[]>('cameras.list', {}, token);
        return camera?.status === 'unreachable' ? camera : undefined;
      }, 'the camera stored as unreachable');
      expect(offline.profiles).toEqual([]);
      const sim = await fleet.start({ personality: 'hikvision', port, username: 'u', password: 'p' });
      const online = await eventually(
        async () => {
          const [camera] = await core.call<Camera[]>('cameras.list', {}, token);
          return camera?.status === 'online' ? camera : undefined;
        },
        'the health check to find it',
        200,
      );
      expect(online.profiles.map((p) => p.token)).toEqual(sim.profiles.map((p) => p.token));
      expect(online).toMatchObject({ id: 'late-1', ptz: true, model: 'DS-2DF7276-AEL' });
    } finally {
      await core.stop();
      temp.remove();
    }
  });
});
