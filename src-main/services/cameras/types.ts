import type {
  Camera,
  CameraCertificate,
  CommandOutput,
  DiscoveredDevice,
  ParsedInput,
} from '../../../src-shared/contract';
import type { Disposable } from '../../../src-shared/domain/disposable';
import type { AuditLog } from '../audit';
import type { SecretsService } from '../secrets';
import type { Store } from '../store';
import type { PtzControl } from './ptz-control';
import type { CameraPublish } from './publisher';
import type { RuntimeTiming } from './runtime';

/** The camera service's public shape: what the core wires and what its handlers call. */
export interface CameraLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export type { CameraPublish };

export interface CameraServiceDeps {
  store: Store;
  secrets: SecretsService;
  audit: AuditLog;
  /** The core's logger: every line it writes passes the redactor. */
  logger: CameraLogger;
  /** The core's WsHost.publish. */
  publish: CameraPublish;
  timing?: Partial<RuntimeTiming>;
  /** IPv4 addresses to probe from (default: every interface). */
  discoveryInterfaces?: string[];
  now?: () => Date;
}

export interface Actor {
  userId: string | null;
}

export type AddInput = ParsedInput<'cameras.add'>;
export type UpdateInput = ParsedInput<'cameras.update'>;
export type TestInput = ParsedInput<'cameras.test'>;

/** A camera to onboard without a user in the loop (the demo fleet); idempotent by host and port. */
export interface FleetCamera {
  id?: string;
  name: string;
  siteId: string | null;
  host: string;
  port: number;
  username: string;
  password: string;
  location: { lat: number; lon: number } | null;
  headingDeg: number | null;
  fovDeg: number | null;
}

export interface CameraService extends Disposable {
  /** Starts health checks and event subscriptions for every stored camera. */
  start(): Promise<void>;
  discover(timeoutMs: number): Promise<DiscoveredDevice[]>;
  add(input: AddInput, actor: Actor): Promise<Camera>;
  ensure(camera: FleetCamera): Promise<'added' | 'exists' | 'offline'>;
  get(id: string): Promise<Camera | null>;
  list(filter: { siteId?: string; query?: string; sites: readonly string[] }): Promise<Camera[]>;
  update(input: UpdateInput, actor: Actor): Promise<Camera>;
  remove(id: string, actor: Actor): Promise<void>;
  test(input: TestInput): Promise<CommandOutput<'cameras.test'>>;
  snapshot(id: string, profileToken: string | undefined, actor: Actor): Promise<CommandOutput<'cameras.snapshot'>>;
  readonly ptz: PtzControl;
  /**
   * Where a camera's live stream is, with its credentials, for the streams service in this process only
   * (never for a reply). `sub` falls back to the main stream on cameras that have none.
   */
  streamSource(cameraId: string, profile: 'main' | 'sub'): Promise<StreamSource>;
  /** The camera's rtsps:// certificate pin (certificates.ts). */
  certificate(id: string): Promise<CameraCertificate>;
  /** Pins the certificate the camera presented, which must be `fingerprint`; audited. */
  trustCertificate(id: string, fingerprint: string, actor: Actor): Promise<CameraCertificate>;
  /** rtsps:// cameras (of `sites`) whose certificate waits for a technician or changed. */
  certificatesAwaiting(sites: readonly string[]): Promise<CameraCertificate[]>;
}

export interface StreamSource {
  /** rtsp:// URL without credentials, rewritten to the address the camera was reached at. */
  url: string;
  username: string;
  password: string;
  /** As ONVIF reports it: H264, H265, MJPEG, MPEG4, other. */
  codec: string;
  /** rtsps:// only: the camera's certificate pin and where a refused certificate is reported. */
  certificate?: SourceCertificate;
}

/** Same shape as the streams service's SourceCertificate (services meet only at the composition root). */
export interface SourceCertificate {
  pinnedSha256: string | null;
  refused(seenSha256: string | null, verdict: 'untrusted' | 'changed'): void;
}
