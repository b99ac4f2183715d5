import type { Camera, CameraStatus, StreamProfile } from '../../../src-shared/contract';

export type Tone = 'ok' | 'warn' | 'danger' | 'muted';

const TONE: Record<CameraStatus, Tone> = {
  online: 'ok',
  clock_skew: 'warn',
  unsupported: 'warn',
  auth_failed: 'danger',
  unreachable: 'danger',
  unknown: 'muted',
};

/** Order of the status summary and of "worst first" sorting: what needs a technician comes first. */
export const STATUS_ORDER: readonly CameraStatus[] = [
  'auth_failed',
  'unreachable',
  'clock_skew',
  'unsupported',
  'unknown',
  'online',
];

export function statusTone(status: CameraStatus): Tone {
  return TONE[status];
}

/** Statuses in which the camera answers, so a snapshot can be asked for. */
export function isReachable(status: CameraStatus): boolean {
  return status === 'online' || status === 'clock_skew';
}

/** The profile the camera names main (else the largest), and the sub stream (else the smallest other one). */
export function mainProfile(camera: Pick<Camera, 'profiles'>): StreamProfile | null {
  const byArea = [...camera.profiles].sort((a, b) => b.width * b.height - a.width * a.height);
  return camera.profiles.find((p) => p.role === 'main') ?? byArea[0] ?? null;
}

export function subProfile(camera: Pick<Camera, 'profiles'>): StreamProfile | null {
  const main = mainProfile(camera);
  const others = camera.profiles.filter((p) => p !== main);
  const byArea = [...others].sort((a, b) => a.width * a.height - b.width * b.height);
  return others.find((p) => p.role === 'sub') ?? byArea[0] ?? null;
}

/** The renderer plays H.264 directly (MSE); anything else is transcoded by the core, at a CPU cost. */
export function needsTranscode(profile: Pick<StreamProfile, 'codec'>): boolean {
  return profile.codec !== 'H264';
}

export const CODEC_LABEL: Record<StreamProfile['codec'], string> = {
  H264: 'H.264',
  H265: 'H.265',
  MJPEG: 'MJPEG',
  MPEG4: 'MPEG-4',
  other: '?',
};

export function resolutionLabel(profile: Pick<StreamProfile, 'width' | 'height'>): string {
  return profile.width > 0 && profile.height > 0 ? `${profile.width}×${profile.height}` : '—';
}

export function addressLabel(camera: Pick<Camera, 'host' | 'port'>): string {
  const host = camera.host.includes(':') && !camera.host.startsWith('[') ? `[${camera.host}]` : camera.host;
  return camera.port === 80 ? host : `${host}:${camera.port}`;
}

/** Seconds with one decimal and a sign, e.g. "+3,2" in Vietnamese, "+3.2" in English. */
export function formatOffsetSeconds(offsetMs: number, language: string): string {
  const value = new Intl.NumberFormat(language, {
    maximumFractionDigits: 1,
    minimumFractionDigits: 1,
    signDisplay: 'exceptZero',
  }).format(offsetMs / 1000);
  return value;
}

export function formatMegabits(kbps: number, language: string): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(kbps / 1000);
}

export type Headline = CameraStatus | 'timeout';

/**
 * What to tell the technician for a status: a camera that is unreachable because it stopped answering
 * mid-exchange gets the timeout advice, which differs from "nothing at that address".
 */
export function headlineOf(status: CameraStatus, detail: string | null): Headline {
  if (status === 'unreachable' && detail !== null && /time(d)?[\s-]?out/i.test(detail)) return 'timeout';
  return status;
}
