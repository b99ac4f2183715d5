import { TIME_ZONE } from '../../../src-shared/i18n/format';

/** `<camera> dd-MM-yyyy HH-mm-ss.png` in Vietnam's time, with what file systems refuse taken out. */
export function snapshotFileName(cameraName: string, at: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const safe = [...cameraName]
    .map((c) => (c.charCodeAt(0) < 0x20 ? ' ' : c))
    .join('')
    .replace(/[\\/:*?"<>|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120);
  return `${safe || 'camera'} ${parts.day}-${parts.month}-${parts.year} ${parts.hour}-${parts.minute}-${parts.second}.png`;
}

/**
 * The picture a player shows now (a <video>, or the <canvas> of the WebCodecs player), at the stream's own
 * resolution; null before the first frame.
 */
export async function grabFrame(media: HTMLVideoElement | HTMLCanvasElement): Promise<Blob | null> {
  const width = media instanceof HTMLVideoElement ? media.videoWidth : media.width;
  const height = media instanceof HTMLVideoElement ? media.videoHeight : media.height;
  if (width === 0 || height === 0) return null;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return null;
  context.drawImage(media, 0, 0, width, height);
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
}

/** Saves a blob as a download with the given name (the browser's or Electron's download flow). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own reference by now; keep the URL a moment for slow hosts.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
