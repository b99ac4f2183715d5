import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { personalityInfo, startSimCamera, type Personality, type PersonalityInfo, type SimCamera } from '../onvif';
import { probeRtspSupport, RtspUnavailableError, startRtspServer, type RtspServer } from '../rtsp';
import { readCamerasFile, type DemoCamera } from './cameras-file';
import { MANIFEST_NAME, removeManifest, writeManifest, type FleetEntry } from './manifest';
import { planStreams, type CameraAccount, type CameraStreams } from './streams';

export { readCamerasFile, type CamerasFile, type DemoCamera } from './cameras-file';
export { fleetManifestSchema, MANIFEST_NAME, type FleetEntry } from './manifest';

export interface DemoFleetOptions {
  camerasFile: string;
  /** The manifest goes to `<dataDir>/demo-fleet.json` (0600; it holds the cameras' passwords). */
  dataDir: string;
  /** RTSP asks for the camera's own account (Digest), as real cameras do. Default true. */
  rtspAuth?: boolean;
  python?: string;
  /** Lines from the simulators (already redacted by sim/onvif) and GStreamer. */
  log?: (line: string) => void;
}

export interface FleetCamera {
  readonly entry: FleetEntry;
  readonly camera: DemoCamera;
  readonly sim: SimCamera;
  readonly mainUrl: string;
  readonly subUrl: string;
  /** As served: H.265 falls back to H.264 where GStreamer has no x265enc. */
  readonly mainCodec: 'h264' | 'h265';
}

export interface DemoFleet {
  readonly manifestPath: string;
  readonly rtsp: RtspServer;
  readonly cameras: readonly FleetCamera[];
  /** Stops every simulated camera and the RTSP server and deletes the manifest. Idempotent. */
  dispose(): Promise<void>;
}

function newAccount(camera: DemoCamera): CameraAccount {
  // One user name per camera: GStreamer's RTSP server keys Digest users by name across all its mounts.
  return { username: `ioc-${camera.id}`, password: randomBytes(12).toString('base64url') };
}

async function startCamera(
  plan: CameraStreams,
  account: CameraAccount,
  info: PersonalityInfo,
  rtsp: RtspServer,
  log: DemoFleetOptions['log'],
): Promise<FleetCamera> {
  const { camera, mainCodec } = plan;
  const mainUrl = rtsp.urlFor(plan.main.path);
  const subUrl = rtsp.urlFor(plan.sub.path);
  const [main, ...others] = info.profiles;
  // The first captured profile is the main stream; every other one (sub streams, Axis/Pelco JPEG) gets the sub feed.
  const videoEncodings: Record<string, 'H264' | 'H265'> = {};
  if (main) videoEncodings[main.token] = mainCodec === 'h265' ? 'H265' : 'H264';
  for (const profile of others) if (profile.encoding !== 'H264') videoEncodings[profile.token] = 'H264';
  const sim = await startSimCamera({
    personality: camera.personality,
    username: account.username,
    password: account.password,
    auth: camera.auth,
    // The demo runs outside any network namespace: URIs must not send the core to the captures' private hosts.
    advertisedHost: '127.0.0.1',
    rtspUrl: subUrl,
    rtspUrls: main ? { [main.token]: mainUrl } : {},
    videoEncodings,
    serialNumber: `DT-${camera.id.toUpperCase()}`,
    name: camera.name,
    location: camera.siteId,
    ptz: camera.ptz,
    ...(camera.motionEverySec ? { motion: { everyMs: camera.motionEverySec * 1000 } } : {}),
    ...(log ? { log } : {}),
  });
  const entry: FleetEntry = {
    id: camera.id,
    name: camera.name,
    siteId: camera.siteId,
    host: sim.host,
    port: sim.port,
    username: account.username,
    password: account.password,
    location: { lat: camera.lat, lon: camera.lon },
    headingDeg: camera.headingDeg,
    fovDeg: camera.fovDeg,
  };
  return { entry, camera, sim, mainUrl, subUrl, mainCodec };
}

/**
 * The demo camera fleet of `npm start` (issue 3): one GStreamer RTSP server with main and sub feeds for every
 * camera in `camerasFile`, one simulated ONVIF camera per entry on its own loopback port, and a manifest the
 * core reads to onboard them. Throws RtspUnavailableError when GStreamer is missing.
 */
export async function startDemoFleet(options: DemoFleetOptions): Promise<DemoFleet> {
  const file = readCamerasFile(options.camerasFile);
  const support = await probeRtspSupport(options.python);
  if (!support.gstreamer || !support.h264) {
    throw new RtspUnavailableError(support.error ?? `GStreamer lacks ${support.missing.join(', ')}`);
  }
  if (!support.h265 && file.cameras.some((c) => c.mainCodec === 'h265')) {
    options.log?.('[fleet] x265enc is missing: H.265 main streams are served as H.264');
  }
  const accounts = new Map(file.cameras.map((c) => [c.id, newAccount(c)]));
  const plans = planStreams(file, accounts, { h265: support.h265, rtspAuth: options.rtspAuth ?? true });
  const personalities = [...new Set(file.cameras.map((c) => c.personality))];
  const infos = new Map<Personality, PersonalityInfo>(
    await Promise.all(personalities.map(async (p) => [p, await personalityInfo(p)] as const)),
  );

  const rtsp = await startRtspServer({
    mounts: plans.flatMap((p) => [p.main, p.sub]),
    ...(options.python ? { python: options.python } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  const started: FleetCamera[] = [];
  const manifestPath = join(options.dataDir, MANIFEST_NAME);
  let disposing: Promise<void> | null = null;
  const dispose = () => {
    disposing ??= (async () => {
      removeManifest(manifestPath);
      await Promise.allSettled(started.map((c) => c.sim.dispose()));
      await rtsp.dispose();
    })();
    return disposing;
  };
  try {
    const results = await Promise.allSettled(
      plans.map(async (plan) => {
        const info = infos.get(plan.camera.personality);
        const account = accounts.get(plan.camera.id);
        if (!info || !account) throw new Error(`camera ${plan.camera.id}: no personality or account`);
        const camera = await startCamera(plan, account, info, rtsp, options.log);
        started.push(camera);
        return camera;
      }),
    );
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    const cameras = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    writeManifest(
      manifestPath,
      cameras.map((c) => c.entry),
    );
    return { manifestPath, rtsp, cameras, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
