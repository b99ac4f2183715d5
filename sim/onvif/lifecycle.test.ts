import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimCamera, type SimCamera } from './camera';
import { PERSONALITIES } from './personalities';
import { settledLeaks, watchedResources } from './testing/resources';
import { atCamera, envelope, soapCall } from './testing/soap-client';
import { textAt } from './soap/xml';

const PROFILES = '<GetProfiles xmlns="http://www.onvif.org/ver10/media/wsdl"/>';
const TIME = '<GetSystemDateAndTime xmlns="http://www.onvif.org/ver10/device/wsdl"/>';

let camera: SimCamera | null = null;
afterEach(async () => {
  await camera?.dispose();
  camera = null;
});

/** Sends a request and reports what arrived before `settleMs` of silence after the first byte (or none). */
function partialAnswer(
  url: string,
  body: string,
  settleMs: number,
): Promise<{ status: number; length: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent: false, headers: { connection: 'close' } }, (res) => {
      let bytes = 0;
      let timer = setTimeout(done, settleMs);
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        clearTimeout(timer);
        timer = setTimeout(done, settleMs);
      });
      function done() {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, length: Number(res.headers['content-length']), bytes });
      }
    });
    req.on('error', (error) => {
      if (!req.destroyed) reject(error);
    });
    req.end(body);
  });
}

describe('misbehaviour', () => {
  it('stops answering one method mid-call while the others keep working', async () => {
    camera = await startSimCamera({ personality: 'axis', auth: 'none', hangOn: 'GetProfiles' });
    const hung = soapCall(camera.url, PROFILES, { abortAfterMs: 300 });
    expect((await soapCall(camera.url, TIME)).status).toBe(200);
    await expect(hung).rejects.toThrow(/aborted/);
    expect(camera.calls().some((c) => c.method === 'GetProfiles' && c.status === 0)).toBe(true);
    camera.setMisbehaviour({ hangOn: null });
    expect((await soapCall(camera.url, PROFILES)).status).toBe(200);
  });

  it('sends the head and the first bytes of the body, then nothing', async () => {
    camera = await startSimCamera({
      personality: 'hikvision',
      auth: 'none',
      hangOn: ['GetProfiles'],
      hangAfterBytes: 10,
    });
    const got = await partialAnswer(camera.url, envelope(PROFILES), 200);
    expect(got.status).toBe(200);
    expect(got.bytes).toBe(10);
    expect(got.length).toBeGreaterThan(10);
  });

  it('answers late when slow', async () => {
    camera = await startSimCamera({ personality: 'pelco', auth: 'none', slowMs: 600 });
    await expect(soapCall(camera.url, TIME, { abortAfterMs: 100 })).rejects.toThrow(/aborted/);
    expect((await soapCall(camera.url, TIME)).status).toBe(200);
  });

  it('refuses connections while rebooting and comes back on the same port', async () => {
    camera = await startSimCamera({ personality: 'agsh', auth: 'none' });
    const { port, url } = camera;
    // The listener closes at once; the camera stays away for downMs.
    const restarting = camera.restart({ downMs: 1000 });
    await expect(soapCall(url, TIME)).rejects.toThrow(/ECONNREFUSED/);
    await restarting;
    expect(camera.port).toBe(port);
    expect((await soapCall(url, TIME)).status).toBe(200);
  });

  it('reboots on SystemReboot', async () => {
    camera = await startSimCamera({ personality: 'axis', auth: 'none' });
    const sub = await soapCall(
      camera.url,
      '<CreatePullPointSubscription xmlns="http://www.onvif.org/ver10/events/wsdl"/>',
    );
    expect(textAt(sub.operation, 'SubscriptionReference', 'Address')).toBeTruthy();
    expect((await soapCall(camera.url, '<SystemReboot xmlns="http://www.onvif.org/ver10/device/wsdl"/>')).status).toBe(
      200,
    );
    for (let i = 0; i < 300 && camera.subscriptionCount() > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(camera.subscriptionCount()).toBe(0);
  });
});

describe('options', () => {
  it('binds loopback addresses only', async () => {
    await expect(startSimCamera({ personality: 'axis', host: '0.0.0.0' })).rejects.toThrow(/loopback/);
    await expect(startSimCamera({ personality: 'axis', host: '192.168.0.19' })).rejects.toThrow(/loopback/);
  });
});

describe('dispose', () => {
  it('leaves no server, socket or timer behind, even with clients waiting on it', async () => {
    const baseline = watchedResources();
    const cameras = await Promise.all(
      PERSONALITIES.map((personality) =>
        startSimCamera({
          personality,
          auth: 'none',
          discovery: { port: 0 },
          motion: { everyMs: 1000 },
          hangOn: 'GetNodes',
        }),
      ),
    );
    const waiting: Promise<unknown>[] = [];
    for (const cam of cameras) {
      cam.triggerMotion(60_000);
      const created = await soapCall(
        cam.url,
        '<CreatePullPointSubscription xmlns="http://www.onvif.org/ver10/events/wsdl"/>',
      );
      const address = textAt(created.operation, 'SubscriptionReference', 'Address') ?? '';
      const id = created.text.match(/SubscriptionId[^>]*>\s*([^<\s]+)/)?.[1];
      const header = id ? `<SubscriptionId xmlns="http://www.axis.com/2009/event">${id}</SubscriptionId>` : '';
      const pull =
        '<PullMessages xmlns="http://www.onvif.org/ver10/events/wsdl"><Timeout>PT1M</Timeout><MessageLimit>9</MessageLimit></PullMessages>';
      await soapCall(atCamera(cam.url, address), pull, { soapHeader: header }); // the queued messages
      waiting.push(soapCall(atCamera(cam.url, address), pull, { soapHeader: header }).catch(() => 'closed'));
      waiting.push(soapCall(cam.url, '<GetNodes xmlns="http://www.onvif.org/ver20/ptz/wsdl"/>').catch(() => 'closed'));
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    await Promise.all(cameras.map((c) => c.dispose()));
    await Promise.all(cameras.map((c) => c.dispose())); // idempotent
    expect(await Promise.all(waiting)).toEqual(waiting.map(() => 'closed'));
    expect(await settledLeaks(baseline)).toEqual({});
  });
});
