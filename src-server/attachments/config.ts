import { dirname, join, resolve } from 'node:path';
import type { DatabaseTarget } from '../db/database-target';

export interface MediaLimits {
  /** Largest photo accepted, in bytes (IOC_MEDIA_MAX_IMAGE_MB, default 25). */
  maxImageBytes: number;
  /** Largest video accepted, in bytes (IOC_MEDIA_MAX_VIDEO_MB, default 200). */
  maxVideoBytes: number;
  /** Most pixels a photo or video frame may declare, checked before anything decodes it (default 50 MP). */
  maxPixels: number;
  maxVideoSeconds: number;
  /** Longest side of the published copy and of the thumbnail. */
  publishedSide: number;
  thumbSide: number;
  /** ffmpeg/ffprobe are killed after this long. */
  toolTimeoutMs: number;
  /** An unfinished resumable upload is dropped this long after it was created. */
  uploadTtlMs: number;
}

export interface MediaConfig {
  /** IOC_MEDIA_DIR: where blobs live (default: `media/` beside the SQLite file, or `.data/media`). */
  dir: string;
  limits: MediaLimits;
}

export const DEFAULT_MEDIA_LIMITS: MediaLimits = {
  maxImageBytes: 25 * 1024 * 1024,
  maxVideoBytes: 200 * 1024 * 1024,
  maxPixels: 50_000_000,
  maxVideoSeconds: 300,
  publishedSide: 2048,
  thumbSide: 320,
  toolTimeoutMs: 60_000,
  uploadTtlMs: 24 * 60 * 60 * 1000,
};

function megabytes(env: NodeJS.ProcessEnv, name: string, fallback: number, fail: (m: string) => Error): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  if (!/^\d{1,5}$/.test(text) || Number(text) < 1) throw fail(`${name} must be a whole number of megabytes (1–99999).`);
  return Number(text) * 1024 * 1024;
}

export function parseMediaConfig(
  env: NodeJS.ProcessEnv,
  database: DatabaseTarget,
  appRoot: string,
  fail: (message: string) => Error,
): MediaConfig {
  const dir = env.IOC_MEDIA_DIR?.trim()
    ? resolve(env.IOC_MEDIA_DIR.trim())
    : database.kind === 'sqlite'
      ? join(dirname(resolve(database.path)), 'media')
      : join(appRoot, '.data', 'media');
  return {
    dir,
    limits: {
      ...DEFAULT_MEDIA_LIMITS,
      maxImageBytes: megabytes(env, 'IOC_MEDIA_MAX_IMAGE_MB', DEFAULT_MEDIA_LIMITS.maxImageBytes, fail),
      maxVideoBytes: megabytes(env, 'IOC_MEDIA_MAX_VIDEO_MB', DEFAULT_MEDIA_LIMITS.maxVideoBytes, fail),
    },
  };
}
