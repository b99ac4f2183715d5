import { z } from 'zod';

/** What the workstation knows about a camera. Never carries its password. */
export const CAMERA_STATUSES = [
  'online',
  'clock_skew',
  'auth_failed',
  'unreachable',
  'unsupported',
  'unknown',
] as const;
export const CameraStatusSchema = z.enum(CAMERA_STATUSES);
export type CameraStatus = z.infer<typeof CameraStatusSchema>;

export const VideoCodecSchema = z.enum(['H264', 'H265', 'MJPEG', 'MPEG4', 'other']);

export const StreamProfileSchema = z.object({
  token: z.string(),
  name: z.string(),
  /** main = highest resolution, sub = the lighter one for small tiles. */
  role: z.enum(['main', 'sub', 'other']),
  codec: VideoCodecSchema,
  width: z.number().int().nonnegative(),
  height: z.number().int().nonnegative(),
  fps: z.number().nonnegative().nullable(),
  bitrateKbps: z.number().nonnegative().nullable(),
  /** RTSP URI rewritten to the address the camera was reached at; without credentials. */
  streamUri: z.string().nullable(),
  snapshotUri: z.string().nullable(),
});
export type StreamProfile = z.infer<typeof StreamProfileSchema>;

export const GeoPointSchema = z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) });

export const CameraSchema = z.object({
  id: z.string(),
  name: z.string(),
  siteId: z.string().nullable(),
  host: z.string(),
  port: z.number().int(),
  username: z.string(),
  manufacturer: z.string(),
  model: z.string(),
  firmware: z.string(),
  serial: z.string(),
  status: CameraStatusSchema,
  /** Human-readable reason for the status (already free of credentials). */
  statusDetail: z.string().nullable(),
  clockOffsetMs: z.number().nullable(),
  ptz: z.boolean(),
  events: z.boolean(),
  profiles: z.array(StreamProfileSchema),
  location: GeoPointSchema.nullable(),
  /** Direction the camera looks, degrees clockwise from north, and its horizontal field of view. */
  headingDeg: z.number().min(0).max(360).nullable(),
  fovDeg: z.number().min(1).max(360).nullable(),
  addedAt: z.string(),
  lastSeenAt: z.string().nullable(),
});
export type Camera = z.infer<typeof CameraSchema>;

export const DiscoveredDeviceSchema = z.object({
  /** WS-Discovery endpoint reference (urn:uuid:…). */
  urn: z.string(),
  xaddrs: z.array(z.string()),
  host: z.string(),
  port: z.number().int(),
  scopes: z.array(z.string()),
  name: z.string().nullable(),
  hardware: z.string().nullable(),
  /** Id of the camera already onboarded at this address, if any. */
  cameraId: z.string().nullable(),
});
export type DiscoveredDevice = z.infer<typeof DiscoveredDeviceSchema>;

export const PresetSchema = z.object({ token: z.string(), name: z.string() });
export type Preset = z.infer<typeof PresetSchema>;

export const PtzStatusSchema = z.object({
  pan: z.number(),
  tilt: z.number(),
  zoom: z.number(),
  moving: z.boolean(),
});

export const CameraEventSchema = z.object({
  cameraId: z.string(),
  kind: z.enum(['motion', 'tamper', 'input', 'other']),
  /** ONVIF topic, e.g. tns1:VideoSource/MotionAlarm */
  topic: z.string(),
  active: z.boolean(),
  at: z.string(),
  source: z.record(z.string(), z.string()),
});
export type CameraEvent = z.infer<typeof CameraEventSchema>;

/**
 * An rtsps:// camera's TLS certificate pin (SHA-256 of its leaf certificate, `AB:CD:…`, as `openssl x509
 * -fingerprint -sha256` and camera web pages print it). `none`: the camera has no rtsps stream or presented nothing
 * yet; `pending`: it presented a certificate nobody trusted yet, so nothing (credentials least of all) is sent to it;
 * `trusted`: the pin matches what it presents; `changed`: it presents another certificate than the trusted one
 * (a replaced camera, or someone in between) — refused until a technician trusts the new one.
 */
export const CERTIFICATE_PIN_STATES = ['none', 'pending', 'trusted', 'changed'] as const;
export const CertificatePinStateSchema = z.enum(CERTIFICATE_PIN_STATES);
export type CertificatePinState = z.infer<typeof CertificatePinStateSchema>;

export const Sha256FingerprintSchema = z
  .string()
  .regex(/^[0-9A-F]{2}(:[0-9A-F]{2}){31}$/, 'a SHA-256 fingerprint in the AB:CD:… form');

export const CameraCertificateSchema = z.object({
  cameraId: z.string(),
  /** The camera has an rtsps:// stream. */
  tls: z.boolean(),
  state: CertificatePinStateSchema,
  pinnedSha256: Sha256FingerprintSchema.nullable(),
  pinnedAt: z.string().nullable(),
  /** The last certificate the camera presented that was refused: what a technician is asked to trust. */
  seenSha256: Sha256FingerprintSchema.nullable(),
  seenAt: z.string().nullable(),
});
export type CameraCertificate = z.infer<typeof CameraCertificateSchema>;
