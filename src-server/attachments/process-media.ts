import { open, readFile, stat, unlink } from 'node:fs/promises';
import type { BlobStore } from './blob-store';
import { sha256OfFile } from './blob-store';
import type { MediaLimits } from './config';
import { jpegOrientation, orientationFilters } from './exif-orientation';
import { MediaError } from './media-error';
import { FFMPEG, FFPROBE, runTool } from './run-tool';
import { checkIsoBoxes, SNIFF_BYTES, sniffImage, sniffType, type VideoMime } from './sniff';
import type { MediaTable } from './tables';

export type ProcessedMedia = Omit<MediaTable, 'created_at'>;

/** Every tool run: no banner, only local files (no http, no hls, no concat, no data: URLs). ffmpeg: no stdin. */
const BASE_ARGS = ['-hide_banner', '-loglevel', 'error', '-protocol_whitelist', 'file'];
const IMAGE_DEMUXER = { 'image/jpeg': 'jpeg_pipe', 'image/png': 'png_pipe', 'image/webp': 'webp_pipe' } as const;
const VIDEO_DEMUXER: Record<VideoMime, string> = {
  'video/mp4': 'mov',
  'video/quicktime': 'mov',
  'video/webm': 'matroska',
};
const VIDEO_CODECS = new Set(['h264', 'hevc', 'mpeg4', 'vp8', 'vp9', 'av1']);
const AUDIO_CODECS = new Set(['aac', 'mp3', 'opus', 'vorbis', 'pcm_s16le', 'pcm_mulaw', 'pcm_alaw', 'amr_nb']);
const MAX_STREAMS = 6;

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function checkPixels(width: number, height: number, limits: MediaLimits): void {
  if (width * height > limits.maxPixels || width > 16384 || height > 16384) {
    throw new MediaError('too_many_pixels', { width, height, limit: Math.round(limits.maxPixels / 1e6) });
  }
}

function scaleFilter(side: number): string {
  return `scale='min(${side},iw)':'min(${side},ih)':force_original_aspect_ratio=decrease`;
}

/** Runs ffmpeg; a failure means the content cannot be decoded (the structure was already checked). */
async function ffmpeg(args: string[], limits: MediaLimits): Promise<void> {
  const result = await runTool(FFMPEG(), [...BASE_ARGS, '-nostdin', '-threads', '1', ...args], limits.toolTimeoutMs);
  if (result.code !== 0) throw new MediaError('corrupt');
}

/**
 * Takes a received file (a temp path, hashed here), checks it and derives its published copy and thumbnail, and
 * moves all three into the store. Photos: the size the header declares is checked before any decoding (a 50,000 ×
 * 50,000 PNG of a few KB would need 10 GB), then ffmpeg re-encodes to a plain JPEG — no EXIF, no GPS, no trailing
 * data, upright. Videos: ffprobe under the whitelist with the demuxer the magic bytes chose; the published copy is
 * remuxed without metadata (QuickTime location atoms included), the thumbnail is the first frame.
 * The temp file is consumed either way.
 */
export async function processMediaFile(
  store: BlobStore,
  file: string,
  limits: MediaLimits,
  known: (sha256: string) => Promise<ProcessedMedia | null>,
): Promise<ProcessedMedia> {
  const scratch: string[] = [];
  try {
    const { size } = await stat(file);
    if (size === 0) throw new MediaError('empty');
    const type = sniffType(await readHead(file));
    const cap = type.kind === 'image' ? limits.maxImageBytes : limits.maxVideoBytes;
    if (size > cap) throw tooLarge(size, cap, type.kind);
    const sha256 = await sha256OfFile(file);
    const existing = await known(sha256);
    if (existing) return existing;

    const published = store.tempPath('pub');
    const thumb = store.tempPath('thumb');
    scratch.push(published, thumb);
    let processed: Omit<ProcessedMedia, 'published_sha256' | 'thumb_sha256'>;
    if (type.kind === 'image') {
      const bytes = await readFile(file);
      const image = sniffImage(bytes);
      checkPixels(image.width, image.height, limits);
      const upright = image.mime === 'image/jpeg' ? orientationFilters(jpegOrientation(bytes)) : [];
      const main = [...upright, scaleFilter(limits.publishedSide), 'format=yuvj420p'].join(',');
      await ffmpeg(
        [
          // ffmpeg would turn some photos by their EXIF itself; ours is the one rotation applied.
          '-noautorotate',
          '-max_pixels',
          String(limits.maxPixels),
          '-f',
          IMAGE_DEMUXER[image.mime],
          '-i',
          `file:${file}`,
          '-filter_complex',
          `[0:v]${main},split=2[pub][t];[t]${scaleFilter(limits.thumbSide)}[thumb]`,
          ...jpegOutput('[pub]', published, 3),
          ...jpegOutput('[thumb]', thumb, 5),
        ],
        limits,
      );
      processed = {
        sha256,
        kind: 'image',
        mime: image.mime,
        bytes: size,
        width: image.width,
        height: image.height,
        duration_ms: null,
        codec: null,
        published_mime: 'image/jpeg',
      };
    } else {
      const probe = await probeVideo(file, type.mime, size, limits);
      const container = type.mime === 'video/webm' ? 'webm' : 'mp4';
      await ffmpeg(
        [
          '-f',
          VIDEO_DEMUXER[type.mime],
          '-i',
          `file:${file}`,
          '-map',
          '0:v:0',
          '-map',
          '0:a:0?',
          '-c',
          'copy',
          '-map_metadata',
          '-1',
          '-map_chapters',
          '-1',
          '-fflags',
          '+bitexact',
          ...(container === 'mp4' ? ['-movflags', '+faststart'] : []),
          '-f',
          container,
          `file:${published}`,
        ],
        limits,
      );
      await ffmpeg(
        [
          '-max_pixels',
          String(limits.maxPixels),
          '-f',
          VIDEO_DEMUXER[type.mime],
          '-i',
          `file:${file}`,
          '-map',
          '0:v:0',
          '-vf',
          `${scaleFilter(limits.thumbSide)},format=yuvj420p`,
          ...jpegOutput(null, thumb, 5),
        ],
        limits,
      );
      processed = {
        sha256,
        kind: 'video',
        mime: type.mime,
        bytes: size,
        ...probe,
        published_mime: container === 'webm' ? 'video/webm' : 'video/mp4',
      };
    }
    const publishedSha = await sha256OfFile(published);
    const thumbSha = await sha256OfFile(thumb);
    await store.adopt(published, publishedSha);
    await store.adopt(thumb, thumbSha);
    await store.adopt(file, sha256);
    return { ...processed, published_sha256: publishedSha, thumb_sha256: thumbSha };
  } finally {
    for (const path of [...scratch, file]) await unlink(path).catch(() => undefined);
  }
}

function jpegOutput(label: string | null, path: string, quality: number): string[] {
  return [
    ...(label ? ['-map', label] : []),
    '-frames:v',
    '1',
    '-map_metadata',
    '-1',
    '-q:v',
    String(quality),
    '-fflags',
    '+bitexact',
    '-flags:v',
    '+bitexact',
    '-f',
    'mjpeg',
    `file:${path}`,
  ];
}

export function tooLarge(size: number, cap: number, what: 'image' | 'video'): MediaError {
  const mb = (n: number) => Math.round((n / (1024 * 1024)) * 10) / 10;
  return new MediaError('too_large', { size: mb(size), limit: mb(cap), what });
}

interface ProbeOutput {
  format?: { duration?: string; nb_streams?: number };
  streams?: { codec_type?: string; codec_name?: string; width?: number; height?: number }[];
}

async function probeVideo(
  file: string,
  mime: VideoMime,
  size: number,
  limits: MediaLimits,
): Promise<{ width: number; height: number; duration_ms: number; codec: string }> {
  if (mime !== 'video/webm') {
    const handle = await open(file, 'r');
    try {
      await checkIsoBoxes(size, async (offset, length) => {
        const buffer = Buffer.alloc(Math.min(length, size - offset));
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
        return buffer.subarray(0, bytesRead);
      });
    } finally {
      await handle.close();
    }
  }
  const result = await runTool(
    FFPROBE(),
    [
      ...BASE_ARGS,
      '-f',
      VIDEO_DEMUXER[mime],
      '-show_entries',
      'format=duration,nb_streams:stream=codec_type,codec_name,width,height',
      '-of',
      'json',
      `file:${file}`,
    ],
    limits.toolTimeoutMs,
  );
  if (result.code !== 0) throw new MediaError('corrupt');
  let probe: ProbeOutput;
  try {
    probe = JSON.parse(result.stdout) as ProbeOutput;
  } catch {
    throw new MediaError('corrupt');
  }
  const streams = probe.streams ?? [];
  const video = streams.find((s) => s.codec_type === 'video');
  if (!video || !video.width || !video.height || streams.length > MAX_STREAMS) throw new MediaError('corrupt');
  const codec = video.codec_name ?? 'unknown';
  if (!VIDEO_CODECS.has(codec)) throw new MediaError('codec_not_allowed', { codec });
  for (const s of streams) {
    if (s.codec_type === 'audio' && !AUDIO_CODECS.has(s.codec_name ?? ''))
      throw new MediaError('codec_not_allowed', { codec: s.codec_name ?? 'unknown' });
  }
  checkPixels(video.width, video.height, limits);
  const seconds = Number(probe.format?.duration);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new MediaError('corrupt');
  if (seconds > limits.maxVideoSeconds) {
    throw new MediaError('video_too_long', { seconds: Math.round(seconds), limit: limits.maxVideoSeconds });
  }
  return { width: video.width, height: video.height, duration_ms: Math.round(seconds * 1000), codec };
}
