import { z } from 'zod';

/** Patterns of GStreamer's videotestsrc that encode cheaply and look different from each other. */
export const RTSP_PATTERNS = [
  'smpte',
  'ball',
  'smpte75',
  'smpte100',
  'bar',
  'pinwheel',
  'spokes',
  'gradient',
  'colors',
  'circular',
  'checkers-8',
  'gamut',
] as const;

export const rtspCredentialsSchema = z.object({ username: z.string().min(1), password: z.string().min(1) });
export type RtspCredentials = z.infer<typeof rtspCredentialsSchema>;

export const rtspMountSchema = z.object({
  /** Path under the server root, e.g. `cam01/main` → rtsp://127.0.0.1:<port>/cam01/main. */
  path: z.string().regex(/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/, 'letters, digits, _ and - separated by /'),
  codec: z.enum(['h264', 'h265']).default('h264'),
  width: z.number().int().min(16).max(3840).default(1280),
  height: z.number().int().min(16).max(2160).default(720),
  fps: z.number().int().min(1).max(60).default(25),
  bitrateKbps: z.number().int().min(50).max(20_000).default(2000),
  /** Burnt into the bottom-left corner with the mount path. */
  label: z.string().max(200).default(''),
  pattern: z.enum(RTSP_PATTERNS).default('smpte'),
  /**
   * H.264 only: B-frames between reference frames (main profile), so frames arrive out of presentation order as
   * from a camera set to "main/high profile with B-frames". 0 keeps constrained baseline.
   */
  bframes: z.number().int().min(0).max(3).default(0),
  /** Clients must authenticate with these (method: the server's `authMethod`). */
  auth: rtspCredentialsSchema.optional(),
});
export type RtspMountInput = z.input<typeof rtspMountSchema>;
export type RtspMount = z.output<typeof rtspMountSchema>;

export const rtspAuthMethodSchema = z.enum(['digest', 'basic']);
export type RtspAuthMethod = z.infer<typeof rtspAuthMethodSchema>;

/**
 * How the server spends its CPU (server-wide, switchable on restart). `sharedEncoders`: mounts with the same encoding
 * (codec, size, fps, bitrate, bframes) and the same auth share ONE pipeline (test picture, clock, encoder; pattern and
 * label of the first such mount), each mount still its own URL and every client its own RTSP session: the cheap
 * stand-in for cameras that encode in their own hardware, off the workstation. `nice`: the server lowers its own
 * CPU priority (0..19) so the workstation's processes get the CPU first. Defaults: one encoder per mount, nice 0.
 */
export const rtspFeedsModeSchema = z.object({
  sharedEncoders: z.boolean().default(false),
  nice: z.number().int().min(0).max(19).default(0),
});
export type RtspFeedsModeInput = z.input<typeof rtspFeedsModeSchema>;
export type RtspFeedsMode = z.output<typeof rtspFeedsModeSchema>;

/** What `rtsp_server.py --probe` prints. */
export const rtspProbeSchema = z.object({
  gstreamer: z.boolean(),
  version: z.string().optional(),
  error: z.string().optional(),
  h264: z.boolean().default(false),
  h265: z.boolean().default(false),
  missing: z.array(z.string()).default([]),
});
export type RtspSupport = z.infer<typeof rtspProbeSchema>;

/** Checks what the Python side checks too, so mistakes fail in the caller's stack, before any process starts. */
export function parseMounts(mounts: readonly RtspMountInput[]): RtspMount[] {
  const parsed = z.array(rtspMountSchema).min(1).parse(mounts);
  const paths = new Set<string>();
  const passwords = new Map<string, string>();
  for (const mount of parsed) {
    if (paths.has(mount.path)) throw new Error(`RTSP mount ${mount.path} is listed twice.`);
    paths.add(mount.path);
    if (mount.bframes > 0 && mount.codec !== 'h264')
      throw new Error(`RTSP mount ${mount.path}: bframes is H.264 only.`);
    if (!mount.auth) continue;
    const known = passwords.get(mount.auth.username);
    // GStreamer keys Digest users by name: one name cannot have two passwords on one server.
    if (known !== undefined && known !== mount.auth.password) {
      throw new Error(`RTSP user ${mount.auth.username} is given two different passwords.`);
    }
    passwords.set(mount.auth.username, mount.auth.password);
  }
  return parsed;
}
