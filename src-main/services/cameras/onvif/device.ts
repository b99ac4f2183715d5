import http from 'node:http';
import { z } from 'zod';
import type { StreamProfile } from '../../../../src-shared/contract';
import { CameraError, isCameraError } from '../errors';
import { fetchSnapshot, type Snapshot } from '../media/snapshot';
import { AuthClient } from '../net/auth-client';
import {
  rewriteMediaUri,
  rewriteServiceUrl,
  SNAPSHOT_SCHEMES,
  STREAM_SCHEMES,
  urlHost,
  type Reached,
} from '../net/uri';
import { soapEnvelope, NS } from '../soap/envelope';
import { SoapTransport, type AuthMode, type SoapCredentials, type SoapResult } from '../soap/transport';
import type { XmlLimits } from '../xml/guard';
import { xmlEscape as xml } from '../xml/escape';
import { clockOffsetMs, parseSystemDateAndTime, type CameraClock } from './clock';
import { callLibrary, createLibraryCam, legacyUrl, type LibraryCam } from './library-cam';
import { readProfiles, type ProfileInfo } from './profiles';

export interface OnvifDeviceOptions {
  host: string;
  port: number;
  credentials: SoapCredentials | null;
  devicePath?: string;
  mode?: AuthMode;
  /** Cap for one SOAP exchange, connect to last byte. */
  timeoutMs?: number;
  limits?: XmlLimits;
  now?: () => number;
}

export interface DeviceInfo {
  manufacturer: string;
  model: string;
  firmware: string;
  serial: string;
}

export interface DeviceProbe extends DeviceInfo {
  clockOffsetMs: number | null;
  clockSource: CameraClock['source'];
  profiles: StreamProfile[];
  ptz: boolean;
  ptzProfileToken: string | null;
  events: boolean;
  /** Service addresses after rewriting to the reached host, e.g. { media: 'http://127.0.0.1:8000/onvif/media' }. */
  services: Record<string, string>;
  mode: AuthMode;
}

const Text = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const Info = z
  .object({
    manufacturer: Text.optional(),
    model: Text.optional(),
    firmwareVersion: Text.optional(),
    serialNumber: Text.optional(),
  })
  .loose();
const UriAnswer = z.object({ uri: Text }).loose();

/**
 * One ONVIF device, reached at host:port: the onvif library's requests with our transport underneath, and
 * our own requests where the library is wrong (clock, events). Owns a keep-alive agent; dispose() ends it.
 */
export class OnvifDevice {
  readonly reached: Reached;
  readonly transport: SoapTransport;
  readonly cam: LibraryCam;
  offsetMs = 0;
  clockSource: CameraClock['source'] = 'none';
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 4, keepAliveMsecs: 15_000 });
  private readonly aborter = new AbortController();
  private readonly snapshotClient: AuthClient;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(private readonly options: OnvifDeviceOptions) {
    this.reached = { host: options.host, port: options.port };
    this.snapshotClient = new AuthClient({ credentials: options.credentials, allowBasic: true });
    this.timeoutMs = options.timeoutMs ?? 8000;
    this.now = options.now ?? Date.now;
    this.transport = new SoapTransport({
      credentials: options.credentials,
      mode: options.mode ?? 'both',
      clockOffsetMs: () => this.offsetMs,
      agent: this.agent,
      timeoutMs: this.timeoutMs,
      limits: options.limits,
      now: this.now,
      signal: this.aborter.signal,
    });
    this.cam = createLibraryCam({
      reached: this.reached,
      devicePath: options.devicePath ?? '/onvif/device_service',
      transport: this.transport,
      timeoutMs: this.timeoutMs,
    });
  }

  get deviceUrl(): URL {
    const url = new URL(`http://${urlHost(this.reached.host)}:${this.reached.port}`);
    url.pathname = this.options.devicePath ?? '/onvif/device_service';
    return url;
  }

  /**
   * Reads the camera clock: unauthenticated first (PRE_AUTH in ONVIF Core), then with credentials for
   * firmware that refuses that (Hikvision's HTML 401 page, Vivotek's NotAuthorized). When both fail, the
   * HTTP Date header of the refusal still tells the camera's time.
   */
  async readClock(): Promise<CameraClock> {
    const envelope = soapEnvelope(`<GetSystemDateAndTime xmlns="${NS.device}"/>`);
    const action = `${NS.device}/GetSystemDateAndTime`;
    let sentAt = this.now();
    let result: SoapResult;
    try {
      result = await this.transport.call({
        url: this.deviceUrl,
        envelope,
        action,
        anonymous: true,
        signal: this.signal,
      });
    } catch (error) {
      if (!isCameraError(error, 'auth_failed') && !isCameraError(error, 'unsupported')) throw error;
      if (error.httpDate) this.offsetMs = clockOffsetMs(error.httpDate, sentAt, this.now());
      sentAt = this.now();
      const authed = soapEnvelope(`<GetSystemDateAndTime xmlns="${NS.device}"/>`, this.transport.securityHeader());
      result = await this.transport.call({ url: this.deviceUrl, envelope: authed, action, signal: this.signal });
    }
    const receivedAt = this.now();
    const clock = parseSystemDateAndTime(result.body);
    const camera = clock.utc ?? result.date;
    if (camera) this.offsetMs = clockOffsetMs(camera, sentAt, receivedAt);
    this.clockSource = clock.utc ? clock.source : 'none';
    return clock;
  }

  /**
   * Runs an authenticated operation. On an authentication failure: re-read the clock (a reboot or drift
   * makes UsernameToken timestamps stale) and retry once; then try the other auth mode once (Digest-only
   * firmware that faults on a UsernameToken). Only then is it `auth_failed`.
   */
  async authed<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (first) {
      if (!isCameraError(first, 'auth_failed') || this.options.credentials === null) throw first;
      await this.readClock().catch(() => undefined);
      try {
        return await operation();
      } catch (second) {
        if (!isCameraError(second, 'auth_failed')) throw second;
        const mode = this.transport.mode;
        this.transport.mode = mode === 'both' ? 'digest' : 'both';
        try {
          return await operation();
        } catch (third) {
          this.transport.mode = mode;
          throw third;
        }
      }
    }
  }

  /** Our own SOAP request through the same transport and retry policy (events, where the library falls short). */
  soap(
    url: URL,
    action: string,
    body: string,
    options: { headers?: string; timeoutMs?: number; signal?: AbortSignal | undefined } = {},
  ) {
    const signal = options.signal ? AbortSignal.any([this.signal, options.signal]) : this.signal;
    return this.authed(() =>
      this.transport.call({
        url,
        action,
        envelope: soapEnvelope(body, this.transport.securityHeader() + (options.headers ?? '')),
        timeoutMs: options.timeoutMs,
        signal,
      }),
    );
  }

  get signal(): AbortSignal {
    return this.aborter.signal;
  }

  /** Everything onboarding needs, in the order ONVIF requires (clock before any authenticated call). */
  async probe(): Promise<DeviceProbe> {
    await this.readClock();
    await this.loadServices();
    const info = await this.deviceInformation();
    const profiles = await this.loadProfiles();
    if (profiles.length === 0) throw new CameraError('unsupported', 'the camera reports no media profiles');
    const withUris: StreamProfile[] = [];
    for (const p of profiles) {
      withUris.push({
        token: p.token,
        name: p.name,
        role: p.role,
        codec: p.codec,
        width: p.width,
        height: p.height,
        fps: p.fps,
        bitrateKbps: p.bitrateKbps,
        streamUri: p.hasVideo ? await this.streamUri(p.token).catch(rethrowUnlessOptional) : null,
        snapshotUri: p.hasVideo ? await this.snapshotUri(p.token).catch(rethrowUnlessOptional) : null,
      });
    }
    const ptzProfile = profiles.find((p) => p.role === 'main' && p.ptz) ?? profiles.find((p) => p.ptz);
    const services: Record<string, string> = {};
    for (const [name, url] of Object.entries(this.cam.uri ?? {})) if (url) services[name] = url.href;
    return {
      ...info,
      clockOffsetMs: this.clockSource === 'none' ? null : this.offsetMs,
      clockSource: this.clockSource,
      profiles: withUris,
      ptz: Boolean(this.cam.uri?.ptz) && ptzProfile !== undefined,
      ptzProfileToken: ptzProfile?.token ?? null,
      events: Boolean(this.cam.uri?.events),
      services,
      mode: this.transport.mode,
    };
  }

  /** GetServices, falling back to GetCapabilities for firmware older than ONVIF 2.0 (Axis Q6045 fails it). */
  async loadServices(): Promise<void> {
    try {
      await this.authed(() => callLibrary((done) => this.cam.getServices(true, done)));
    } catch (error) {
      if (isCameraError(error, 'auth_failed') || isCameraError(error, 'timeout') || isCameraError(error, 'unreachable'))
        throw error;
      await this.authed(() => callLibrary((done) => this.cam.getCapabilities(done)));
    }
    if (!this.cam.uri?.media && !this.cam.uri?.media2) {
      throw new CameraError('unsupported', 'the camera offers no ONVIF media service');
    }
  }

  async deviceInformation(): Promise<DeviceInfo> {
    const raw = await this.authed(() => callLibrary((done) => this.cam.getDeviceInformation(done)));
    const info = Info.safeParse(raw);
    if (!info.success) throw new CameraError('bad_response', 'GetDeviceInformation: unexpected answer');
    return {
      manufacturer: (info.data.manufacturer ?? '').trim().slice(0, 200),
      model: (info.data.model ?? '').trim().slice(0, 200),
      firmware: (info.data.firmwareVersion ?? '').trim().slice(0, 200),
      serial: (info.data.serialNumber ?? '').trim().slice(0, 200),
    };
  }

  async loadProfiles(): Promise<ProfileInfo[]> {
    try {
      return readProfiles(await this.authed(() => callLibrary((done) => this.cam.getProfiles(done))));
    } catch (error) {
      // Media2 advertised but broken (D-Link DCS-8635LH): fall back to Media1, as the library's connect() does.
      if (!this.cam.media2Support || !this.cam.uri?.media || isCameraError(error, 'auth_failed')) throw error;
      this.cam.media2Support = false;
      return readProfiles(await this.authed(() => callLibrary((done) => this.cam.getProfiles(done))));
    }
  }

  async streamUri(profileToken: string): Promise<string | null> {
    const raw = await this.authed(() =>
      callLibrary((done) => this.cam.getStreamUri({ protocol: 'RTSP', profileToken: xml(profileToken) }, done)),
    );
    const answer = UriAnswer.safeParse(raw);
    return answer.success ? rewriteMediaUri(answer.data.uri, this.reached.host, STREAM_SCHEMES) : null;
  }

  async snapshotUri(profileToken: string): Promise<string | null> {
    const raw = await this.authed(() =>
      callLibrary((done) => this.cam.getSnapshotUri({ profileToken: xml(profileToken) }, done)),
    );
    const answer = UriAnswer.safeParse(raw);
    return answer.success ? rewriteMediaUri(answer.data.uri, this.reached.host, SNAPSHOT_SCHEMES) : null;
  }

  /** A snapshot from an already rewritten URI, with the camera's credentials (Digest, Basic if that is all). */
  snapshot(uri: string): Promise<Snapshot> {
    return fetchSnapshot(this.snapshotClient, uri, { timeoutMs: this.timeoutMs + 2000, signal: this.signal });
  }

  /** Restores service addresses learned at onboarding, so operations need no GetServices round trip. */
  useServices(services: Record<string, string>): void {
    this.cam.uri ??= {};
    for (const [name, address] of Object.entries(services)) {
      const url = rewriteServiceUrl(address, this.reached);
      if (url) this.cam.uri[name] = legacyUrl(url);
    }
  }

  /** A subscription or other address the camera handed out, pinned to the reached host and port. */
  serviceUrl(address: string): URL | null {
    return rewriteServiceUrl(address, this.reached);
  }

  dispose(): void {
    this.aborter.abort();
    this.agent.destroy();
  }
}

/** A profile's stream or snapshot URI is optional (a camera may implement neither for a profile). */
function rethrowUnlessOptional(error: unknown): null {
  if (isCameraError(error, 'unsupported') || isCameraError(error, 'bad_response')) return null;
  throw error;
}
