import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimCamera, type SimCamera } from './camera';
import { PERSONALITIES, PERSONALITY_SPECS, type Personality } from './personalities';
import {
  atCamera,
  challengesOf,
  digestAuthorization,
  httpCall,
  soapCall,
  toSoapResult,
  type Credentials,
} from './testing/soap-client';
import { descend, findDeep, textAt } from './soap/xml';

const FIXTURES = resolve(import.meta.dirname, '..', '..', 'tests', 'fixtures', 'onvif');
const CREDS: Credentials = { username: 'admin', password: 'Mật-khẩu 1!' };
const DEVICE = 'xmlns="http://www.onvif.org/ver10/device/wsdl"';
const MEDIA = 'xmlns="http://www.onvif.org/ver10/media/wsdl"';
const PTZ = 'xmlns="http://www.onvif.org/ver20/ptz/wsdl"';
const EVENTS = 'xmlns="http://www.onvif.org/ver10/events/wsdl"';

const MANUFACTURER: Record<Personality, string> = {
  agsh: 'Mockup Manufacturer',
  axis: 'AXIS',
  hikvision: 'HIKVISION',
  pelco: 'Pelco',
};

describe.each(PERSONALITIES)('%s personality replays its captures', (personality) => {
  const spec = PERSONALITY_SPECS[personality];
  let camera: SimCamera;
  const call = (op: string) => soapCall(camera.url, op, { credentials: CREDS, auth: 'digest' });

  beforeAll(async () => {
    camera = await startSimCamera({
      personality,
      ...CREDS,
      auth: 'digest',
      rtspUrl: 'rtsp://127.0.0.1:8554/cam3/sub',
    });
  });
  afterAll(() => camera.dispose());

  it('answers GetSystemDateAndTime with the device clock', async () => {
    const r = await soapCall(camera.url, `<GetSystemDateAndTime ${DEVICE}/>`);
    expect(r.status).toBe(200);
    const utc = descend(r.operation, 'SystemDateAndTime', 'UTCDateTime');
    const year = Number(textAt(utc, 'Date', 'Year'));
    expect(year).toBe(new Date().getUTCFullYear());
    expect(textAt(descend(r.operation, 'SystemDateAndTime', 'TimeZone'), 'TZ')).toBeTruthy();
  });

  it('writes the captured private host with its own port into XAddrs', async () => {
    const r = await call(`<GetCapabilities ${DEVICE}><Category>All</Category></GetCapabilities>`);
    expect(r.operation?.local).toBe('GetCapabilitiesResponse');
    const xaddr = textAt(r.operation, 'Capabilities', 'Media', 'XAddr') ?? '';
    const url = new URL(xaddr);
    expect(url.hostname).toBe(spec.capturedHost);
    expect(Number(url.port)).toBe(camera.port);
    // The path is the captured one and the simulator answers there.
    const there = await soapCall(atCamera(camera.url, xaddr), `<GetProfiles ${MEDIA}/>`, {
      credentials: CREDS,
      auth: 'digest',
    });
    expect(there.operation?.local).toBe('GetProfilesResponse');
  });

  it('replays GetServices, or the fault the camera gave', async () => {
    const r = await call(`<GetServices ${DEVICE}><IncludeCapability>true</IncludeCapability></GetServices>`);
    if (personality === 'axis') {
      expect(r.status).toBe(500);
      expect(r.fault?.subcodes).toEqual(['ter:Action']);
    } else {
      expect(r.operation?.local).toBe('GetServicesResponse');
      expect(r.text).toContain(`http://${spec.capturedHost}:${camera.port}/`);
      expect(r.text).not.toMatch(new RegExp(`http://${spec.capturedHost.replace(/\./g, '\\.')}/`));
    }
  });

  it('replays device information, scopes, hostname and network interfaces', async () => {
    const info = await call(`<GetDeviceInformation ${DEVICE}/>`);
    expect(textAt(info.operation, 'Manufacturer')).toBe(MANUFACTURER[personality]);
    const scopes = await call(`<GetScopes ${DEVICE}/>`);
    expect(scopes.text).toMatch(/onvif:\/\/www\.onvif\.org\/name\//);
    expect((await call(`<GetHostname ${DEVICE}/>`)).operation?.local).toBe('GetHostnameResponse');
    expect((await call(`<GetNetworkInterfaces ${DEVICE}/>`)).operation?.local).toBe('GetNetworkInterfacesResponse');
  });

  it('lists the captured profiles and gives each one its stream URI', async () => {
    const r = await call(`<GetProfiles ${MEDIA}/>`);
    const tokens = (r.operation?.children ?? []).map((p) => p.attrs.token);
    expect(tokens).toEqual(camera.profiles.map((p) => p.token));
    for (const profile of camera.profiles) {
      const uri = textAt(
        (await call(`<GetStreamUri ${MEDIA}><ProfileToken>${profile.token}</ProfileToken></GetStreamUri>`)).operation,
        'MediaUri',
        'Uri',
      );
      expect(uri).toBe(`rtsp://${spec.capturedHost}:8554/cam3/sub`);
      const single = await call(`<GetProfile ${MEDIA}><ProfileToken>${profile.token}</ProfileToken></GetProfile>`);
      expect(single.operation?.local).toBe('GetProfileResponse');
      expect(findDeep(single.operation!, 'Profile')?.attrs.token).toBe(profile.token);
    }
    const missing = await call(`<GetStreamUri ${MEDIA}><ProfileToken>nope</ProfileToken></GetStreamUri>`);
    expect(missing.fault?.subcodes).toEqual(['ter:InvalidArgVal', 'ter:NoProfile']);
  });

  it('serves a JPEG at the snapshot URI it advertises, behind Digest', async () => {
    const token = camera.profiles[0]?.token ?? '';
    const uri =
      textAt(
        (await call(`<GetSnapshotUri ${MEDIA}><ProfileToken>${token}</ProfileToken></GetSnapshotUri>`)).operation,
        'MediaUri',
        'Uri',
      ) ?? '';
    expect(new URL(uri).hostname).toBe(spec.capturedHost);
    const target = atCamera(camera.url, uri);
    expect(new URL(target).pathname).toBe(new URL(camera.snapshotUrl).pathname);
    const refused = await httpCall(target);
    expect(refused.status).toBe(401);
    const u = new URL(target);
    const ok = await httpCall(target, {
      headers: {
        authorization: digestAuthorization(challengesOf(refused)[0] ?? '', CREDS, 'GET', u.pathname + u.search),
      },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toBe('image/jpeg');
    expect(ok.body.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  });

  it('replays video sources, PTZ nodes and configurations, and event properties', async () => {
    expect((await call(`<GetVideoSources ${MEDIA}/>`)).operation?.local).toBe('GetVideoSourcesResponse');
    expect((await call(`<GetNodes ${PTZ}/>`)).operation?.local).toBe('GetNodesResponse');
    expect((await call(`<GetConfigurations ${PTZ}/>`)).operation?.local).toBe('GetConfigurationsResponse');
    expect((await call(`<GetEventProperties ${EVENTS}/>`)).operation?.local).toBe('GetEventPropertiesResponse');
  });

  it('answers what it does not know with ActionNotSupported', async () => {
    const r = await call(`<GetProfiles xmlns="http://www.onvif.org/ver20/media/wsdl"/>`);
    expect(r.status).toBe(500);
    expect(r.fault).toMatchObject({
      code: expect.stringMatching(/:Receiver$/) as string,
      subcodes: ['ter:ActionNotSupported'],
    });
  });

  it('refuses malformed SOAP with a Sender fault', async () => {
    const r = await httpCall(camera.url, { method: 'POST', body: '<s:Envelope xmlns:s="x"><oops>' });
    expect(r.status).toBe(400);
    expect(r.body.toString()).toContain('ter:WellFormed');
  });
});

/** Every captured request of the onvif-nvt sets, sent as the vendor's client sent it, gets that vendor's answer. */
describe.each(['axis', 'hikvision', 'pelco'] as const)('%s: the captured requests', (personality) => {
  const STATEFUL = new Set(['SystemReboot', 'RemovePreset', 'PullMessages', 'SetSynchronizationPoint', 'SetHostname']);
  const root = join(FIXTURES, PERSONALITY_SPECS[personality].dir);
  const cases = readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.Request.xml'))
    .map((f) => ({ file: f, method: f.replace(/^.*[\\/]/, '').replace('.Request.xml', '') }))
    .filter(({ file, method }) => !STATEFUL.has(method) && !file.startsWith('analytics'));
  let camera: SimCamera;
  beforeAll(async () => {
    camera = await startSimCamera({ personality, ...CREDS, auth: 'digest' });
  });
  afterAll(() => camera.dispose());

  it.each(cases)('$file', async ({ file, method }) => {
    const captured = readFileSync(join(root, file), 'utf8');
    // The capture's own (stale) UsernameToken goes; our Digest takes its place.
    const body = captured.replace(/<wsse:Security[\s\S]*<\/wsse:Security>/, '');
    const expected = file.replace('.Request.xml', '');
    const answer = existsResponse(root, expected) ? `${method}Response` : 'Fault';
    const send = async () => {
      const first = await httpCall(camera.url, { method: 'POST', body });
      const u = new URL(camera.url);
      return toSoapResult(
        await httpCall(camera.url, {
          method: 'POST',
          body,
          headers: { authorization: digestAuthorization(challengesOf(first)[0] ?? '', CREDS, 'POST', u.pathname) },
        }),
      );
    };
    const r = await send();
    expect(r.operation?.local).toBe(answer);
  });
});

function existsResponse(root: string, stem: string): boolean {
  try {
    readFileSync(join(root, `${stem}.Response.xml`));
    return true;
  } catch {
    return false;
  }
}
