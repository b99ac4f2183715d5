import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { redact } from '../../src-shared/domain/redact';
import { createDigestServer } from './auth/digest';
import { createWsseVerifier } from './auth/wsse';
import { loadCaptureSet } from './captures';
import { createDeviceClock } from './clock';
import type { CameraContext } from './context';
import { contextTime } from './context';
import { startDiscovery, type DiscoveryResponder } from './discovery';
import { discoveryIdentity } from './identity';
import { EventHub } from './events/hub';
import { createDeviceHandlers } from './handlers/device';
import { createEventHandlers } from './handlers/events';
import { createMediaHandlers } from './handlers/media';
import { createPtzHandlers } from './handlers/ptz';
import { startSimHttpServer } from './http-server';
import { initialMisbehaviour, resolveOptions, type Misbehaviour, type SimCameraOptions } from './options';
import { PERSONALITY_SPECS, type Personality } from './personalities';
import { readProfiles, type SimProfile } from './profiles';
import { createPtzController } from './ptz/controller';
import type { PtzVector } from './ptz/motion';
import { hostForUrl, type UriContext } from './rewrite';
import { snapshotJpeg } from './snapshot';
import { createSnapshotRoute, snapshotPathOf } from './snapshot-route';
import { createSoapEndpoint, type CallRecord } from './soap-endpoint';

export interface SimCameraProfile extends SimProfile {
  /** The RTSP URL this profile's GetStreamUri is built from, or null (captured URI). */
  readonly rtspUrl: string | null;
}

export interface PtzStateView {
  pan: number;
  tilt: number;
  zoom: number;
  panTiltMoving: boolean;
  zoomMoving: boolean;
  home: PtzVector;
}

export interface PresetView {
  token: string;
  name: string | null;
  position: PtzVector | null;
  function: boolean;
}

export interface SimCamera {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly personality: Personality;
  readonly username: string;
  readonly password: string;
  readonly advertisedHost: string;
  readonly profiles: readonly SimCameraProfile[];
  readonly snapshotUrl: string;
  readonly discoveryPort: number | null;
  readonly endpointReference: string;
  ptzState(): PtzStateView;
  presets(): PresetView[];
  triggerMotion(durationMs?: number): void;
  setMotion(active: boolean): void;
  motionActive(): boolean;
  setClockOffset(ms: number): void;
  setMisbehaviour(change: {
    slowMs?: number | null;
    hangOn?: string | string[] | null;
    hangAfterBytes?: number | null;
  }): void;
  subscriptionCount(): number;
  calls(): readonly CallRecord[];
  restart(options?: { downMs?: number }): Promise<void>;
  dispose(): Promise<void>;
}

const MAX_CALLS = 500;
const REBOOT_DELAY_MS = 200;
const REBOOT_DOWN_MS = 2_000;

export async function startSimCamera(input: SimCameraOptions): Promise<SimCamera> {
  const options = resolveOptions(input);
  const spec = PERSONALITY_SPECS[options.personality];
  const captures = await loadCaptureSet(join(options.fixturesDir, spec.dir), spec.layout);
  const base = captures.get('device', 'GetSystemDateAndTime');
  const getProfiles = captures.get('media', 'GetProfiles');
  if (!base || base.kind !== 'response' || !getProfiles) throw new Error(`${spec.name}: captures lack the basics`);

  const uris: { -readonly [K in keyof UriContext]: UriContext[K] } = {
    capturedHost: spec.capturedHost,
    advertisedHost: options.advertisedHost ?? spec.capturedHost,
    port: 0,
  };
  const log = (message: string) =>
    options.log?.(redact(`[onvif-sim ${spec.name} ${hostForUrl(options.host)}:${uris.port}] ${message}`));
  const clock = createDeviceClock(options.clockOffsetMs);
  const profiles = readProfiles(getProfiles).map((p) => ({
    ...p,
    encoding: options.videoEncodings[p.token] ?? p.encoding,
  }));
  let rebootTimer: NodeJS.Timeout | null = null;
  let camera: SimCamera | null = null;
  const ctx: CameraContext = {
    spec,
    options,
    captures,
    base,
    clock,
    profiles,
    uris,
    time: (ms) => contextTime({ spec }, ms),
    log,
    requestReboot() {
      if (rebootTimer) return;
      rebootTimer = setTimeout(() => {
        rebootTimer = null;
        log('rebooting (SystemReboot)');
        void camera?.restart({ downMs: REBOOT_DOWN_MS });
      }, REBOOT_DELAY_MS);
    },
  };

  const digest = createDigestServer({
    realm: spec.digestRealm,
    username: options.username,
    password: options.password,
    algorithms: options.digestAlgorithms,
    nonceTtlMs: options.nonceTtlMs,
  });
  const wsse = createWsseVerifier({
    username: options.username,
    password: options.password,
    windowMs: options.wsseWindowMs,
    deviceNow: clock.now,
  });
  const ptz = createPtzController(captures, spec, options.ptzSpeed, Date.now);
  const hub = new EventHub(spec, clock, () => uris);
  const handlers = {
    ...createDeviceHandlers(ctx),
    ...createMediaHandlers(ctx),
    ...(ptz ? createPtzHandlers(ctx, ptz) : {}),
    ...createEventHandlers(ctx, hub),
  };
  let misbehaviour: Misbehaviour = initialMisbehaviour(options);
  const calls: CallRecord[] = [];
  const soap = createSoapEndpoint({
    ctx,
    handlers,
    mode: options.auth,
    digest,
    wsse,
    misbehaviour: () => misbehaviour,
    record(call) {
      calls.push(call);
      if (calls.length > MAX_CALLS) calls.shift();
    },
  });
  const snapshotPath = snapshotPathOf(captures);
  const snapshot = createSnapshotRoute({
    jpeg: await snapshotJpeg(options.fixturesDir),
    mode: options.auth,
    digest,
    realm: spec.digestRealm,
    username: options.username,
    password: options.password,
    log,
  });

  const http = await startSimHttpServer({
    host: options.host,
    port: options.port,
    slowMs: () => misbehaviour.slowMs,
    log,
    async handle(request) {
      if ((request.method === 'GET' || request.method === 'HEAD') && request.url.pathname === snapshotPath) {
        return { kind: 'reply', reply: snapshot(request) };
      }
      if (request.method === 'POST' && request.url.pathname.startsWith('/onvif/')) return soap(request);
      return { kind: 'reply', reply: { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not found' } };
    },
  });
  uris.port = http.port;
  const origin = `http://${hostForUrl(options.host)}:${http.port}`;
  const identity = discoveryIdentity(
    ctx,
    options.host,
    createHash('sha1')
      .update(`${spec.name}|${options.serialNumber ?? ''}|${options.host}|${http.port}`)
      .digest(),
  );

  let discovery: DiscoveryResponder | null = null;
  try {
    if (options.discovery) {
      discovery = await startDiscovery({
        host: options.host,
        options: options.discovery,
        template: await readFile(join(options.fixturesDir, PERSONALITY_SPECS.agsh.dir, 'Probe.xml'), 'utf8'),
        identity,
        log,
      });
    }
  } catch (error) {
    await http.close();
    throw error;
  }
  if (options.motion) hub.startSchedule(options.motion.everyMs, options.motion.durationMs);
  log(`listening on ${origin}${spec.devicePath}`);

  let disposed = false;
  camera = {
    url: `${origin}${spec.devicePath}`,
    host: options.host,
    port: http.port,
    personality: spec.name,
    username: options.username,
    password: options.password,
    advertisedHost: uris.advertisedHost,
    profiles: profiles.map((p) => ({ ...p, rtspUrl: options.rtspUrls[p.token] ?? options.rtspUrl ?? null })),
    snapshotUrl: `${origin}${snapshotPath}`,
    discoveryPort: discovery?.port ?? null,
    endpointReference: identity.endpointReference,
    ptzState() {
      if (!ptz)
        return {
          pan: 0,
          tilt: 0,
          zoom: 0,
          panTiltMoving: false,
          zoomMoving: false,
          home: { pan: 0, tilt: 0, zoom: 0 },
        };
      const s = ptz.head.status();
      return { ...s.position, panTiltMoving: s.panTiltMoving, zoomMoving: s.zoomMoving, home: { ...ptz.home } };
    },
    presets: () => (ptz?.presets.list() ?? []).map((p) => ({ ...p, position: p.position && { ...p.position } })),
    triggerMotion: (durationMs = 3000) => hub.trigger(durationMs),
    setMotion: (active) => hub.setMotion(active),
    motionActive: () => hub.motionActive(),
    setClockOffset: (ms) => clock.setOffset(ms),
    setMisbehaviour(change) {
      const next = { ...misbehaviour };
      if (change.slowMs !== undefined) next.slowMs = change.slowMs ?? 0;
      if (change.hangOn !== undefined) {
        next.hangOn =
          change.hangOn === null ? null : typeof change.hangOn === 'string' ? [change.hangOn] : change.hangOn;
      }
      if (change.hangAfterBytes !== undefined) next.hangAfterBytes = change.hangAfterBytes;
      misbehaviour = next;
    },
    subscriptionCount: () => hub.count(),
    calls: () => [...calls],
    async restart({ downMs = 0 } = {}) {
      if (disposed) return;
      log(`restart (down for ${downMs} ms)`);
      const restarting = http.restart(downMs);
      hub.reset();
      ptz?.reset();
      digest.reset();
      wsse.reset();
      await restarting;
      discovery?.hello();
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      if (rebootTimer) clearTimeout(rebootTimer);
      // Closing HTTP first aborts waiting pulls, so none of them is answered on the way out.
      const closing = http.close();
      hub.dispose();
      await discovery?.dispose();
      await closing;
      log('disposed');
    },
  };
  return camera;
}
