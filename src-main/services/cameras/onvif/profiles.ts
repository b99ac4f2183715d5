import { z } from 'zod';
import type { StreamProfile } from '../../../../src-shared/contract';

const Num = z.coerce.number().finite();
const Text = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const Token = z.object({ token: Text }).loose();

const Encoder = z
  .object({
    encoding: Text.optional(),
    resolution: z.object({ width: Num, height: Num }).loose().optional(),
    rateControl: z.object({ frameRateLimit: Num.optional(), bitrateLimit: Num.optional() }).loose().optional(),
  })
  .loose();

const Profile = z
  .object({
    $: Token,
    name: Text.optional(),
    videoSourceConfiguration: z.object({ bounds: z.unknown().optional() }).loose().optional(),
    videoEncoderConfiguration: Encoder.optional(),
    PTZConfiguration: z.unknown().optional(),
  })
  .loose();

export interface ProfileInfo extends Omit<StreamProfile, 'streamUri' | 'snapshotUri'> {
  ptz: boolean;
  hasVideo: boolean;
}

/** The library's profile list (a single profile arrives unwrapped), checked and reduced to what we use. */
export function readProfiles(raw: unknown): ProfileInfo[] {
  const list = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
  const out: ProfileInfo[] = [];
  for (const item of list) {
    const parsed = Profile.safeParse(item);
    if (!parsed.success) continue;
    const p = parsed.data;
    const enc = p.videoEncoderConfiguration;
    const fps = enc?.rateControl?.frameRateLimit;
    const bitrate = enc?.rateControl?.bitrateLimit;
    out.push({
      token: p.$.token,
      name: (p.name ?? p.$.token).trim(),
      role: 'other',
      codec: codecOf(enc?.encoding),
      width: Math.max(0, Math.round(enc?.resolution?.width ?? 0)),
      height: Math.max(0, Math.round(enc?.resolution?.height ?? 0)),
      fps: fps !== undefined && fps > 0 ? fps : null,
      bitrateKbps: bitrate !== undefined && bitrate > 0 ? bitrate : null,
      ptz: p.PTZConfiguration !== undefined,
      hasVideo: enc !== undefined && p.videoSourceConfiguration !== undefined,
    });
  }
  return classify(out);
}

export function codecOf(encoding: string | undefined): StreamProfile['codec'] {
  const e = (encoding ?? '').toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (e === 'H264' || e === 'AVC') return 'H264';
  if (e === 'H265' || e === 'HEVC') return 'H265';
  if (e === 'JPEG' || e === 'MJPEG') return 'MJPEG';
  if (e === 'MPEG4' || e === 'MP4V') return 'MPEG4';
  return 'other';
}

const PLAYABLE = new Set<StreamProfile['codec']>(['H264', 'H265']);

/**
 * main = the largest picture; sub = the smallest H.264/H.265 picture below it (the light stream for small
 * tiles), else the smallest of any codec. Everything else, and profiles without video, is `other`.
 */
export function classify(profiles: ProfileInfo[]): ProfileInfo[] {
  const video = profiles.filter((p) => p.hasVideo && p.width * p.height > 0);
  if (video.length === 0) return profiles;
  const area = (p: ProfileInfo) => p.width * p.height;
  const main = video.reduce((best, p) => (area(p) > area(best) ? p : best));
  const smaller = video.filter((p) => area(p) < area(main));
  const smallest = (list: ProfileInfo[]) =>
    list.length === 0 ? undefined : list.reduce((best, p) => (area(p) < area(best) ? p : best));
  // A same-size sibling is no lighter, but when the main stream needs transcoding (H.265: browsers play only
  // H.264), an H.264 one spares the workstation an encoder: the wall plays it in small tiles.
  const playableSibling =
    main.codec === 'H264' ? undefined : video.find((p) => p !== main && p.codec === 'H264' && area(p) <= area(main));
  const sub = smallest(smaller.filter((p) => PLAYABLE.has(p.codec))) ?? smallest(smaller) ?? playableSibling;
  return profiles.map((p) => ({ ...p, role: p === main ? 'main' : p === sub ? 'sub' : 'other' }));
}
