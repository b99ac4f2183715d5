import { afterEach, describe, expect, it } from 'vitest';
import { startSimCamera, type SimCamera } from './camera';
import { probeMatches } from './discovery';
import { canUseNetworkNamespace, runInLoopbackNamespace } from './testing/netns';
import { probe, type Announcement, type ProbeMatch } from './testing/probe';

let camera: SimCamera | null = null;
afterEach(async () => {
  await camera?.dispose();
  camera = null;
});

describe('probe matching', () => {
  it('matches on Types whatever the prefix, and on scope prefixes', () => {
    const scopes = 'onvif://www.onvif.org/name/Cam onvif://www.onvif.org/location/city/sadec';
    expect(probeMatches('', '', scopes)).toBe(true);
    expect(probeMatches('dn:NetworkVideoTransmitter', '', scopes)).toBe(true);
    expect(probeMatches('x:Device', '', scopes)).toBe(true);
    expect(probeMatches('wsdp:Printer', '', scopes)).toBe(false);
    expect(probeMatches('', 'onvif://www.onvif.org/location/city', scopes)).toBe(true);
    expect(probeMatches('', 'onvif://www.onvif.org/location/ci', scopes)).toBe(false);
  });
});

describe('WS-Discovery on a private port (unicast, in this process)', () => {
  it('answers a Probe with ProbeMatches naming its XAddrs and scopes', async () => {
    camera = await startSimCamera({
      personality: 'pelco',
      auth: 'none',
      name: 'Chợ Hồng Ngự',
      location: 'hong-ngu',
      discovery: { port: 0 },
    });
    const port = camera.discoveryPort ?? 0;
    expect(port).toBeGreaterThan(0);
    const [match, ...more] = await probe('127.0.0.1', port, 300);
    expect(more).toHaveLength(0);
    expect(match?.from).toBe('127.0.0.1');
    expect(match?.endpoint).toBe(camera.endpointReference);
    expect(match?.types).toBe('dn:NetworkVideoTransmitter tds:Device');
    expect(match?.xaddrs).toBe(camera.url);
    expect(match?.scopes.split(' ')).toEqual(
      expect.arrayContaining([
        `onvif://www.onvif.org/name/${encodeURIComponent('Chợ Hồng Ngự')}`,
        'onvif://www.onvif.org/location/hong-ngu',
        'onvif://www.onvif.org/hardware/D6230L',
      ]),
    );
  });

  it('reproduces the several-XAddrs, double-space and unprefixed-Types quirks when asked', async () => {
    camera = await startSimCamera({
      personality: 'hikvision',
      auth: 'none',
      discovery: { port: 0, xaddrs: 'multi', separator: '  ', typesPrefixed: false },
    });
    const [match] = await probe('127.0.0.1', camera.discoveryPort ?? 0, 300);
    expect(match?.types).toBe('NetworkVideoTransmitter Device');
    const parts = match?.xaddrs.split('  ') ?? [];
    expect(parts).toEqual([
      camera.url,
      `http://10.10.1.60:${camera.port}/onvif/device_service`,
      expect.stringMatching(/^http:\/\/\[fe80::[0-9a-f]+\]:\d+\/onvif\/device_service$/) as string,
    ]);
  });

  it('stays silent for a probe of other device types', async () => {
    camera = await startSimCamera({ personality: 'axis', auth: 'none', discovery: { port: 0 } });
    expect(await probe('127.0.0.1', camera.discoveryPort ?? 0, 300, { types: 'wsdp:Printer' })).toEqual([]);
  });
});

describe('WS-Discovery on 3702 with multicast, in a loopback-only network namespace', () => {
  it('answers multicast and unicast probes and announces Hello and Bye', async (ctx) => {
    if (!(await canUseNetworkNamespace())) {
      if (process.env.IOC_REQUIRE_SERVICES === '1')
        throw new Error('network namespaces (unshare -n, root) are required');
      ctx.skip();
    }
    const run = await runInLoopbackNamespace('sim/onvif/testing/discovery-scenario.ts', [], 30_000);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as {
      cameras: { url: string; endpoint: string }[];
      multicast: ProbeMatch[];
      unicast: ProbeMatch[];
      heard: Announcement[];
    };
    const [hik, axis] = result.cameras;
    expect(result.multicast.map((m) => m.endpoint).sort()).toEqual([hik?.endpoint, axis?.endpoint].sort());
    const fromAxis = result.multicast.find((m) => m.endpoint === axis?.endpoint);
    expect(fromAxis?.from).toBe('127.0.0.2');
    expect(fromAxis?.xaddrs.split(' ')[0]).toBe(axis?.url);
    expect(result.unicast.map((m) => m.endpoint)).toEqual([axis?.endpoint]);
    const kinds = (endpoint: string | undefined) =>
      result.heard.filter((a) => a.endpoint === endpoint).map((a) => a.kind);
    expect(kinds(hik?.endpoint)).toEqual(['Hello', 'Bye']);
    expect(kinds(axis?.endpoint)).toEqual(['Hello', 'Bye']);
  });
});
