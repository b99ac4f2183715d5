import { readFileSync } from 'node:fs';
import { z } from 'zod';

const streamSchema = z.object({
  width: z.number().int().min(16).max(3840),
  height: z.number().int().min(16).max(2160),
  fps: z.number().int().min(1).max(60),
  bitrateKbps: z.number().int().min(50).max(20_000),
});
export type StreamSpec = z.infer<typeof streamSchema>;

export const demoCameraSchema = z.object({
  /** Also the RTSP mount prefix (`<id>/main`, `<id>/sub`) and part of the camera's user name. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/),
  name: z.string().min(1).max(120),
  /** One of resources/demo/sites.json. */
  siteId: z.string().min(1),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  headingDeg: z.number().min(0).lt(360),
  fovDeg: z.number().gt(0).max(360),
  personality: z.enum(['agsh', 'axis', 'hikvision', 'pelco']),
  ptz: z.boolean(),
  mainCodec: z.enum(['h264', 'h265']),
  /** How the camera checks ONVIF requests. RTSP always asks for Digest with the same account. */
  auth: z.enum(['digest', 'wsse']),
  /** Raise a motion event this often (seconds); absent: only on demand. */
  motionEverySec: z.number().int().min(5).optional(),
});
export type DemoCamera = z.infer<typeof demoCameraSchema>;

export const camerasFileSchema = z.object({
  description: z.string().optional(),
  streams: z.object({ main: streamSchema, sub: streamSchema }),
  cameras: z
    .array(demoCameraSchema)
    .min(1)
    .refine((cameras) => new Set(cameras.map((c) => c.id)).size === cameras.length, 'camera ids must be unique'),
});
export type CamerasFile = z.infer<typeof camerasFileSchema>;

export function readCamerasFile(path: string): CamerasFile {
  const parsed = camerasFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')) as unknown);
  if (!parsed.success) throw new Error(`${path}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
