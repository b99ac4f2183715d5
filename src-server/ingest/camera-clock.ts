import type { CameraReport } from '../../src-shared/contract/camera-reports';

/** How far a workstation's clock may be from the server's before the server says so in its log. */
export const CAMERA_CLOCK_WARN_MS = 60_000;

export interface CameraBatchClock {
  /** Workstation clock minus server clock (ms), from the batch's send time; null when the batch did not say. */
  skewMs: number | null;
  /**
   * When each report happened on the server's clock, in the batch's order: the workstation's `at` moved by the skew,
   * never later than the receipt and never before the report ahead of it (a workstation clock stepped back between
   * two reports must not make the later one stale). Without a send time: the receipt time for every report.
   */
  times: Date[];
}

/**
 * Camera reports of one camera come from every workstation that watches it, and the alert engine drops a signal
 * older than the alert's last one: ordered by each workstation's own clock, one whose clock runs 10 minutes behind
 * would be ignored for 10 minutes, one running ahead would mask the others. The batch's send time
 * (`x-ioc-sent-at`, the workstation's clock) against its receipt (the server's) gives the workstation's offset;
 * reports keep their spacing (a report queued through an outage stays as old as it is) on the server's clock.
 */
export function cameraBatchClock(
  reports: readonly Pick<CameraReport, 'at'>[],
  sentAtHeader: string | string[] | undefined,
  receivedAt: Date,
): CameraBatchClock {
  const received = receivedAt.getTime();
  const sentAt = typeof sentAtHeader === 'string' ? Date.parse(sentAtHeader) : Number.NaN;
  if (!Number.isFinite(sentAt)) return { skewMs: null, times: reports.map(() => new Date(received)) };
  const skewMs = sentAt - received;
  let floor = Number.NEGATIVE_INFINITY;
  const times = reports.map((r) => {
    const at = Date.parse(r.at);
    const t = Math.max(floor, Math.min(received, (Number.isFinite(at) ? at : sentAt) - skewMs));
    floor = t;
    return new Date(t);
  });
  return { skewMs, times };
}
