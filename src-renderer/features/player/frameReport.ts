/**
 * How often the WebCodecs worker tells the page about the pictures it drew. Not per frame: at 16 tiles × 25 fps
 * that is 400 messages a second into the page's busy thread, for a stall watch that works in seconds. At once for
 * the first picture (time to first frame, the tile turning `playing`) and for a new size (snapshot, OCR crop).
 */
export const REPORT_EVERY_MS = 100;

export interface ReportInput {
  now: number;
  /** When the last report went out; null before the session's first. */
  lastAt: number | null;
  sizeChanged: boolean;
}

export function reportDue({ now, lastAt, sizeChanged }: ReportInput): boolean {
  return lastAt === null || sizeChanged || now - lastAt >= REPORT_EVERY_MS;
}
