import { afterEach, describe, expect, it } from 'vitest';
import { startSimCamera, type SimCamera } from './camera';
import { PERSONALITIES, type Personality } from './personalities';
import { atCamera, soapCall, type SoapResult } from './testing/soap-client';
import { findDeep, textAt, type XmlElement } from './soap/xml';

const TEV = 'xmlns="http://www.onvif.org/ver10/events/wsdl"';
const WSNT = 'xmlns="http://docs.oasis-open.org/wsn/b-2"';

let camera: SimCamera | null = null;
afterEach(async () => {
  await camera?.dispose();
  camera = null;
});

/** A pull-point client that reaches the subscription through the camera's origin and echoes ReferenceParameters. */
async function subscribe(cam: SimCamera, extra = '') {
  const created = await soapCall(cam.url, `<CreatePullPointSubscription ${TEV}>${extra}</CreatePullPointSubscription>`);
  if (created.status !== 200) throw new Error(`CreatePullPointSubscription → ${created.status}`);
  const address = textAt(created.operation, 'SubscriptionReference', 'Address') ?? '';
  const reference = findDeep(created.operation!, 'ReferenceParameters');
  const id = reference?.children[0];
  const echo = id ? `<SubscriptionId xmlns="${id.ns}">${id.text.trim()}</SubscriptionId>` : '';
  const at = atCamera(cam.url, address);
  const send = (op: string, withReference = true) => soapCall(at, op, withReference ? { soapHeader: echo } : {});
  const pull = (timeout = 'PT0S', limit = 10) =>
    send(`<PullMessages ${TEV}><Timeout>${timeout}</Timeout><MessageLimit>${limit}</MessageLimit></PullMessages>`);
  return { created, address, reference, send, pull };
}

function messages(r: SoapResult): XmlElement[] {
  return (r.operation?.children ?? []).filter((c) => c.local === 'NotificationMessage');
}

/** The motion value of a notification, however the vendor spells it. */
function motionValue(message: XmlElement): string | undefined {
  const data = findDeep(message, 'Data');
  return data?.children.find((c) => ['IsMotion', 'Value', 'motion'].includes(c.attrs.Name ?? ''))?.attrs.Value;
}

const ACTIVE: Record<Personality, string> = { agsh: 'true', axis: '1', hikvision: 'true', pelco: 'True' };
const QUIET: Record<Personality, string> = { agsh: 'false', axis: '0', hikvision: 'false', pelco: 'False' };

describe.each(PERSONALITIES)('%s pull-point events', (personality) => {
  it('hands out a vendor-shaped subscription, reports the initial state, then motion as it happens', async () => {
    camera = await startSimCamera({ personality, auth: 'none' });
    const cam = camera;
    const sub = await subscribe(cam);
    const url = new URL(sub.address);
    expect(url.hostname).not.toBe('127.0.0.1');
    expect(Number(url.port)).toBe(cam.port);
    expect(sub.reference !== undefined).toBe(personality === 'axis' || personality === 'pelco');
    const initial = messages(await sub.pull());
    expect(initial).toHaveLength(1);
    expect(motionValue(initial[0]!)).toBe(QUIET[personality]);
    // A long poll that the motion ends early.
    const waiting = sub.pull('PT20S');
    await new Promise((resolve) => setTimeout(resolve, 50));
    cam.triggerMotion(60_000);
    const got = messages(await waiting);
    expect(got).toHaveLength(1);
    expect(motionValue(got[0]!)).toBe(ACTIVE[personality]);
    if (personality !== 'agsh')
      expect(findDeep(got[0]!, 'Message')?.children[0]?.attrs.PropertyOperation).toBe('Changed');
    cam.setMotion(false);
    expect(motionValue(messages(await sub.pull())[0]!)).toBe(QUIET[personality]);
    expect(messages(await sub.pull())).toHaveLength(0);
  });

  it('renews, resynchronises and unsubscribes; afterwards the subscription is unknown', async () => {
    camera = await startSimCamera({ personality, auth: 'none' });
    const sub = await subscribe(camera);
    await sub.pull();
    const renewed = await sub.send(`<Renew ${WSNT}><TerminationTime>PT10M</TerminationTime></Renew>`);
    expect(renewed.operation?.local).toBe('RenewResponse');
    expect(Date.parse(textAt(renewed.operation, 'TerminationTime') ?? '')).toBeGreaterThan(Date.now() + 9 * 60_000);
    expect((await sub.send(`<SetSynchronizationPoint ${TEV}/>`)).status).toBe(200);
    expect(messages(await sub.pull())).toHaveLength(1);
    expect((await sub.send(`<Unsubscribe ${WSNT}/>`)).operation?.local).toBe('UnsubscribeResponse');
    const gone = await sub.pull();
    expect(gone.fault?.subcodes).toEqual(['wsrf-rw:ResourceUnknownFault']);
    expect(camera.subscriptionCount()).toBe(0);
  });
});

describe('subscription lifetime', () => {
  it('expires at its termination time', async () => {
    camera = await startSimCamera({ personality: 'hikvision', auth: 'none' });
    const sub = await subscribe(camera, '<InitialTerminationTime>PT0.3S</InitialTerminationTime>');
    expect(camera.subscriptionCount()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await sub.pull()).fault?.subcodes).toEqual(['wsrf-rw:ResourceUnknownFault']);
    expect(camera.subscriptionCount()).toBe(0);
  });

  it('is dropped by a restart, which keeps the port', async () => {
    camera = await startSimCamera({ personality: 'pelco', auth: 'none' });
    const port = camera.port;
    const sub = await subscribe(camera);
    await camera.restart();
    expect(camera.port).toBe(port);
    expect((await sub.pull()).fault?.subcodes).toEqual(['wsrf-rw:ResourceUnknownFault']);
    expect((await subscribe(camera)).created.status).toBe(200);
  });

  it('on Axis, needs the SubscriptionId echoed', async () => {
    camera = await startSimCamera({ personality: 'axis', auth: 'none' });
    const sub = await subscribe(camera);
    const bare = await sub.send(
      `<PullMessages ${TEV}><Timeout>PT0S</Timeout><MessageLimit>1</MessageLimit></PullMessages>`,
      false,
    );
    expect(bare.fault?.subcodes).toEqual(['wsrf-rw:ResourceUnknownFault']);
    expect((await sub.pull()).status).toBe(200);
  });

  it('filters by topic', async () => {
    camera = await startSimCamera({ personality: 'hikvision', auth: 'none' });
    const filter = (expr: string) =>
      `<Filter><TopicExpression xmlns="http://docs.oasis-open.org/wsn/b-2" Dialect="http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet">${expr}</TopicExpression></Filter>`;
    const tamper = await subscribe(camera, filter('tns1:RuleEngine/TamperDetector//.'));
    const motion = await subscribe(camera, filter('tns1:RuleEngine//.|tns1:Device//.'));
    camera.triggerMotion(10_000);
    expect(messages(await tamper.pull())).toHaveLength(0);
    expect(messages(await motion.pull())).toHaveLength(2);
  });

  it('raises motion on a schedule', async () => {
    camera = await startSimCamera({ personality: 'axis', auth: 'none', motion: { everyMs: 100, durationMs: 50 } });
    const sub = await subscribe(camera);
    await sub.pull();
    const got = messages(await sub.pull('PT5S'));
    expect(got.map(motionValue)).toContain('1');
  });
});
