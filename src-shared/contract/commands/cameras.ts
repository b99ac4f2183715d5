import { z } from 'zod';
import {
  CameraCertificateSchema,
  CameraSchema,
  CameraStatusSchema,
  DiscoveredDeviceSchema,
  GeoPointSchema,
  Sha256FingerprintSchema,
  StreamProfileSchema,
} from '../cameras';
import { defineCommand } from '../define';
import { NameText } from '../schemas';

const Host = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.:[\]-]+$/, 'a host name or IP address');
const Port = z.number().int().min(1).max(65535);
const Username = z.string().max(128);
const Password = z.string().max(256);
const CameraId = z.string().min(1).max(64);

export const camerasCommands = {
  'cameras.discover': defineCommand({
    summary: 'Probe the local networks with WS-Discovery for ONVIF devices',
    input: z.object({ timeoutMs: z.number().int().min(500).max(15_000).default(3000) }).strict(),
    output: z.array(DiscoveredDeviceSchema),
    permission: 'cameras.manage',
  }),
  'cameras.add': defineCommand({
    summary: 'Onboard a camera by host and port; reads its device info, profiles and capabilities',
    input: z
      .object({
        host: Host,
        port: Port.default(80),
        username: Username,
        password: Password,
        name: NameText.optional(),
        siteId: z.string().max(64).optional(),
        location: GeoPointSchema.optional(),
      })
      .strict(),
    output: CameraSchema,
    permission: 'cameras.manage',
  }),
  'cameras.list': defineCommand({
    summary: 'Cameras the caller may see',
    input: z.object({ siteId: z.string().max(64).optional(), query: z.string().max(200).optional() }).strict(),
    output: z.array(CameraSchema),
    permission: 'cameras.read',
  }),
  'cameras.update': defineCommand({
    summary: 'Rename, move, re-site a camera or change its credentials',
    input: z
      .object({
        id: CameraId,
        name: NameText.optional(),
        siteId: z.string().max(64).nullable().optional(),
        username: Username.optional(),
        password: Password.optional(),
        location: GeoPointSchema.nullable().optional(),
        headingDeg: z.number().min(0).max(360).nullable().optional(),
        fovDeg: z.number().min(1).max(360).nullable().optional(),
      })
      .strict(),
    output: CameraSchema,
    permission: 'cameras.manage',
  }),
  'cameras.remove': defineCommand({
    summary: 'Remove a camera and its stored credentials',
    input: z.object({ id: CameraId }).strict(),
    output: z.object({ removed: z.literal(true) }),
    permission: 'cameras.manage',
  }),
  'cameras.test': defineCommand({
    summary: 'Try to reach a camera (by id, or by address before adding it) and say what works',
    input: z.union([
      z.object({ id: CameraId }).strict(),
      z.object({ host: Host, port: Port.default(80), username: Username, password: Password }).strict(),
    ]),
    output: z.object({
      status: CameraStatusSchema,
      detail: z.string().nullable(),
      clockOffsetMs: z.number().nullable(),
      manufacturer: z.string().nullable(),
      model: z.string().nullable(),
      profiles: z.array(StreamProfileSchema),
      ptz: z.boolean(),
      events: z.boolean(),
    }),
    permission: 'cameras.manage',
  }),
  'cameras.snapshot': defineCommand({
    summary: 'A JPEG snapshot of the camera, fetched with its own credentials',
    input: z.object({ id: CameraId, profileToken: z.string().max(64).optional() }).strict(),
    output: z.object({
      contentType: z.string(),
      dataBase64: z.string(),
      width: z.number().nullable(),
      height: z.number().nullable(),
    }),
    permission: 'cameras.read',
  }),
  'cameras.certificate': defineCommand({
    summary: "An rtsps:// camera's pinned TLS certificate and the one it last presented, if refused",
    input: z.object({ id: CameraId }).strict(),
    output: CameraCertificateSchema,
    permission: 'cameras.read',
  }),
  'cameras.certificatesAwaiting': defineCommand({
    summary: 'The rtsps:// cameras the caller may see whose certificate waits for a technician or changed',
    input: z.object({}).strict(),
    output: z.array(CameraCertificateSchema),
    permission: 'cameras.read',
  }),
  'cameras.trustCertificate': defineCommand({
    summary:
      'Trust the certificate an rtsps:// camera presented (first use, or after it changed): its live streams reconnect',
    input: z
      .object({
        id: CameraId,
        /** The fingerprint the technician compared with the camera's; it must still be the one presented. */
        fingerprint: Sha256FingerprintSchema,
      })
      .strict(),
    output: CameraCertificateSchema,
    permission: 'cameras.manage',
  }),
} as const;
