import { afterEach, describe, expect, it } from 'vitest';
import { startSimCamera, type SimCamera } from '.';
import { withoutPtzConfiguration } from './handlers/media';
import { soapCall } from './testing/soap-client';

const PROFILES = '<GetProfiles xmlns="http://www.onvif.org/ver10/media/wsdl"/>';
const NODES = '<GetNodes xmlns="http://www.onvif.org/ver20/ptz/wsdl"/>';

let sim: SimCamera | null = null;
afterEach(async () => {
  await sim?.dispose();
  sim = null;
});

describe('a fixed (non-PTZ) camera', () => {
  it('strips PTZ configurations, whether self-closing or with content', () => {
    const xml =
      '<tr:Profiles token="a"><tt:Name>x</tt:Name><tt:PTZConfiguration token="p"><tt:Name>ptz</tt:Name></tt:PTZConfiguration></tr:Profiles>' +
      '<tr:Profiles token="b"><PTZConfiguration token="q"/></tr:Profiles>';
    expect(withoutPtzConfiguration(xml)).toBe(
      '<tr:Profiles token="a"><tt:Name>x</tt:Name></tr:Profiles><tr:Profiles token="b"></tr:Profiles>',
    );
  });

  for (const personality of ['agsh', 'axis', 'hikvision', 'pelco'] as const) {
    it(`${personality}: profiles carry no PTZ and PTZ calls are not supported`, async () => {
      sim = await startSimCamera({
        personality,
        username: 'admin',
        password: 'mật khẩu',
        auth: 'digest',
        ptz: false,
        advertisedHost: '127.0.0.1',
      });
      const options = { credentials: { username: 'admin', password: 'mật khẩu' }, auth: 'digest' as const };
      const profiles = await soapCall(sim.url, PROFILES, options);
      expect(profiles.status).toBe(200);
      expect(profiles.text).toMatch(/Profiles/);
      expect(profiles.text).not.toMatch(/PTZConfiguration/);
      const nodes = await soapCall(sim.url, NODES, options);
      expect(nodes.fault?.subcodes).toContain('ter:ActionNotSupported');
    });
  }
});
