import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Cam } from 'onvif';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { makeTempDir } from '../../tests/integration/tmp-dir';
import { probeRtspSupport } from '../rtsp';
import { whenExited } from '../rtsp/child-process';
import { rtspDescribe } from '../rtsp';
import { childPids, processExists } from '../rtsp/testing/proc';
import { fleetManifestSchema, startDemoFleet, type DemoFleet, type FleetCamera, type FleetEntry } from './index';
import { portRefuses } from '../../tests/integration/port-refuses';

const support = await probeRtspSupport();
const ROOT = join(import.meta.dirname, '..', '..');
const STREAMS = {
  main: { width: 320, height: 180, fps: 10, bitrateKbps: 300 },
  sub: { width: 160, height: 90, fps: 5, bitrateKbps: 100 },
};
const CAMERAS = [
  // Digest + WS-Security both: the first answers ONVIF with Digest only, the second with WS-Security only.
  {
    id: 't-01',
    name: 'Ngã tư thử nghiệm',
    siteId: 'cao-lanh',
    personality: 'hikvision',
    ptz: true,
    mainCodec: 'h264',
    auth: 'digest',
  },
  {
    id: 't-02',
    name: 'Cầu thử nghiệm',
    siteId: 'sa-dec',
    personality: 'axis',
    ptz: true,
    mainCodec: 'h265',
    auth: 'wsse',
  },
  {
    id: 't-03',
    name: 'Chợ thử nghiệm',
    siteId: 'hong-ngu',
    personality: 'pelco',
    ptz: false,
    mainCodec: 'h264',
    auth: 'digest',
  },
].map((c, i) => ({ ...c, lat: 10.46 + i / 100, lon: 105.63 + i / 100, headingDeg: 90 * i, fovDeg: 60 + i }));

const uriSchema = z.object({ uri: z.string() });
// xml2js turns Pelco's numeric tokens ("0", "1") into numbers.
const profilesSchema = z.array(
  z.object({ $: z.object({ token: z.union([z.string(), z.number()]).transform(String) }) }),
);

function writeCamerasFile(dir: string): string {
  const path = join(dir, 'cameras.json');
  writeFileSync(path, JSON.stringify({ streams: STREAMS, cameras: CAMERAS }));
  return path;
}

/** Adapts one callback of the onvif library to a promise of its (unparsed) answer. */
function answer(call: (callback: (error: Error | null, data?: unknown) => void) => void): Promise<unknown> {
  return new Promise((resolve, reject) => call((error, data) => (error ? reject(error) : resolve(data))));
}

/** The stream URI each profile of a camera answers, through the same ONVIF library the camera service wraps. */
async function streamUris(entry: FleetEntry): Promise<string[]> {
  const { host: hostname, port, username, password } = entry;
  const cam = new Cam({ hostname, port, username, password, autoconnect: false });
  await answer((done) => cam.connect(done));
  const profiles = profilesSchema.parse(await answer((done) => cam.getProfiles(done)));
  const uris: string[] = [];
  for (const profile of profiles) {
    const options = { protocol: 'RTSP', profileToken: profile.$.token };
    uris.push(uriSchema.parse(await answer((done) => cam.getStreamUri(options, done))).uri);
  }
  return uris;
}

describe.runIf(support.gstreamer && support.h264)('demo fleet (3 cameras)', () => {
  const temp = makeTempDir('ioc-fleet-');
  let fleet: DemoFleet;
  beforeAll(async () => {
    fleet = await startDemoFleet({ camerasFile: writeCamerasFile(temp.dir), dataDir: join(temp.dir, 'data') });
  });
  afterAll(async () => {
    await fleet?.dispose();
    temp.remove();
  });

  it('writes a 0600 manifest with one loopback camera and its own password per entry', () => {
    expect(fleet.manifestPath).toBe(join(temp.dir, 'data', 'demo-fleet.json'));
    expect(statSync(fleet.manifestPath).mode & 0o777).toBe(0o600);
    const manifest = fleetManifestSchema.parse(JSON.parse(readFileSync(fleet.manifestPath, 'utf8')));
    expect(manifest.map((e) => e.id)).toEqual(['t-01', 't-02', 't-03']);
    expect(manifest[1]).toMatchObject({
      name: 'Cầu thử nghiệm',
      siteId: 'sa-dec',
      host: '127.0.0.1',
      location: { lat: 10.47, lon: 105.64 },
      headingDeg: 90,
      fovDeg: 61,
    });
    expect(new Set(manifest.map((e) => e.port)).size).toBe(3);
    expect(new Set(manifest.map((e) => e.password)).size).toBe(3);
    for (const entry of manifest) expect(entry.password.length).toBeGreaterThanOrEqual(16);
  });

  it('answers ONVIF with each camera’s account and points its profiles at its own RTSP feeds', async () => {
    // Outside a network namespace on purpose (like `npm start`): the fleet must not hand out the captures'
    // private addresses, so nothing here can follow one.
    for (const c of fleet.cameras) expect(c.sim.advertisedHost).toBe('127.0.0.1');
    const manifest = fleet.cameras.map((c) => c.entry);
    for (const entry of manifest) {
      const uris = await streamUris(entry);
      expect(uris[0]).toBe(`rtsp://127.0.0.1:${fleet.rtsp.port}/${entry.id}/main`);
      for (const uri of uris.slice(1)) expect(uri).toBe(`rtsp://127.0.0.1:${fleet.rtsp.port}/${entry.id}/sub`);
    }
  });

  it('serves each feed only to the camera’s own account, with the configured codec', async () => {
    const [hik, axis] = fleet.cameras;
    if (!hik || !axis) throw new Error('fleet lacks cameras');
    const account = (c: FleetCamera) => ({ username: c.entry.username, password: c.entry.password });
    expect((await rtspDescribe(hik.mainUrl)).status).toBe(401);
    expect((await rtspDescribe(hik.mainUrl, account(axis))).status).not.toBe(200);
    const main = await rtspDescribe(hik.mainUrl, account(hik));
    expect(main.status).toBe(200);
    expect(main.body).toMatch(/a=rtpmap:96 H264\/90000/);
    const hevc = await rtspDescribe(axis.mainUrl, account(axis));
    expect(hevc.body).toMatch(support.h265 ? /a=rtpmap:96 H265\/90000/ : /a=rtpmap:96 H264\/90000/);
    expect(axis.mainCodec).toBe(support.h265 ? 'h265' : 'h264');
  });

  it('leaves nothing behind on dispose: no manifest, no RTSP process, no camera port', async () => {
    const pid = fleet.rtsp.pid();
    const ports = fleet.cameras.map((c) => c.entry.port);
    await fleet.dispose();
    expect(existsSync(fleet.manifestPath)).toBe(false);
    expect(pid !== null && !processExists(pid)).toBe(true);
    for (const port of ports) expect(await portRefuses(port)).toBe(true);
  });
});

// Cleaned up after each test even when one times out (a `finally` after a hung await never runs).
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function tempDir(): string {
  const temp = makeTempDir('ioc-fleet-cli-');
  cleanups.push(temp.remove);
  return temp.dir;
}

/** Runs the fleet CLI; resolves with its first FLEET_* line. */
function startCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'sim', 'fleet', 'cli.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  cleanups.unshift(() => child.kill('SIGKILL'));
  const firstLine = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('FLEET_')) resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`fleet CLI exited with ${code}`)));
  });
  return { child, firstLine };
}

describe('demo fleet CLI', () => {
  it.runIf(support.gstreamer && support.h264)(
    'prints FLEET_READY, then on SIGTERM stops everything and removes the manifest',
    async () => {
      const dir = tempDir();
      const { child, firstLine } = startCli(['--data-dir', dir, '--cameras', writeCamerasFile(dir)]);
      const manifestPath = join(dir, 'demo-fleet.json');
      expect(await firstLine).toBe(`FLEET_READY ${manifestPath}`);
      expect(fleetManifestSchema.parse(JSON.parse(readFileSync(manifestPath, 'utf8')))).toHaveLength(3);
      const feeds = childPids(child.pid ?? 0, 'rtsp_server.py');
      expect(feeds).toHaveLength(1);
      child.kill('SIGTERM');
      await whenExited(child);
      expect(child.exitCode).toBe(0);
      expect(existsSync(manifestPath)).toBe(false);
      expect(feeds.filter(processExists)).toEqual([]);
    },
  );

  it.runIf(support.gstreamer && support.h264)('stops when its launcher goes away (stdin closes)', async () => {
    const dir = tempDir();
    const { child, firstLine } = startCli(['--data-dir', dir, '--cameras', writeCamerasFile(dir)]);
    expect(await firstLine).toMatch(/^FLEET_READY /);
    child.stdin.end();
    await whenExited(child);
    expect(child.exitCode).toBe(0);
    expect(existsSync(join(dir, 'demo-fleet.json'))).toBe(false);
  });

  it('says FLEET_UNAVAILABLE and exits 3 when GStreamer cannot be run', async () => {
    const dir = tempDir();
    const { child, firstLine } = startCli(['--data-dir', dir], { IOC_GST_PYTHON: join(dir, 'no-python') });
    expect(await firstLine).toMatch(/^FLEET_UNAVAILABLE \S/);
    await whenExited(child);
    expect(child.exitCode).toBe(3);
  });
});
