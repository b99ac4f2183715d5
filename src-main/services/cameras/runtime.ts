import { CameraStatusSchema, type CameraStatus } from '../../../src-shared/contract';
import { isCameraError, statusOf } from './errors';
import type { PulledEvent } from './events/messages';
import { PullPointSubscription } from './events/pull-point';
import { OnvifDevice, type DeviceProbe } from './onvif/device';
import type { CameraRow } from './repo';
import type { AuthMode } from './soap/transport';

export interface RuntimeTiming {
  /** Health check period of a camera that answers. */
  checkEveryMs: number;
  /** First retry after a failed check; doubles up to `retryMaxMs`. */
  retryMinMs: number;
  retryMaxMs: number;
  /** Cap for one SOAP exchange. */
  requestTimeoutMs: number;
  pullTimeoutSec: number;
  terminationSec: number;
  /** Above this clock difference a working camera is reported as clock_skew. */
  clockSkewMs: number;
}

export const DEFAULT_TIMING: RuntimeTiming = {
  checkEveryMs: 60_000,
  retryMinMs: 5_000,
  retryMaxMs: 300_000,
  requestTimeoutMs: 8_000,
  pullTimeoutSec: 10,
  terminationSec: 60,
  clockSkewMs: 5_000,
};

export interface StatusChange {
  status: CameraStatus;
  detail: string | null;
  clockOffsetMs?: number | null;
  /** A full probe's findings (the camera was added while offline, or its credentials changed). */
  probe?: DeviceProbe;
  authMode?: AuthMode;
  seen: boolean;
}

export interface RuntimeHooks {
  /** The stored password, read from the secrets service at the moment it is needed. */
  password(): string | null;
  onStatus(change: StatusChange): Promise<void>;
  onEvent(event: PulledEvent): void;
  onError(message: string, fields: Record<string, unknown>): void;
}

/**
 * What the workstation keeps running for one camera: its ONVIF device (keep-alive connections), a health
 * check on a timer, the pull-point subscription, and the PTZ safety stop. dispose() ends all of it.
 */
export class CameraRuntime {
  private deviceInstance: OnvifDevice | null = null;
  private subscription: PullPointSubscription | null = null;
  private checkTimer: NodeJS.Timeout | null = null;
  private stopTimer: NodeJS.Timeout | null = null;
  private failures = 0;
  private disposed = false;
  private checking: Promise<void> | null = null;
  status: CameraStatus;

  constructor(
    public row: CameraRow,
    private readonly hooks: RuntimeHooks,
    private readonly timing: RuntimeTiming,
  ) {
    this.status = CameraStatusSchema.catch('unknown').parse(row.status);
  }

  get id(): string {
    return this.row.id;
  }

  device(): OnvifDevice {
    if (this.disposed) throw new Error('camera runtime disposed');
    if (!this.deviceInstance) {
      const password = this.hooks.password();
      this.deviceInstance = new OnvifDevice({
        host: this.row.host,
        port: this.row.port,
        devicePath: this.row.device_path,
        credentials: this.row.username || password ? { username: this.row.username, password: password ?? '' } : null,
        mode: this.row.auth_mode,
        timeoutMs: this.timing.requestTimeoutMs,
      });
      this.deviceInstance.useServices(this.storedServices());
    }
    return this.deviceInstance;
  }

  /** Starts health checks (the first one at once) and, when the camera has events, the subscription. */
  start(): void {
    this.schedule(0);
  }

  /** The row changed (rename, credentials): connections and subscription are rebuilt on next use. */
  async reset(row: CameraRow): Promise<void> {
    this.row = row;
    await this.stopEvents();
    this.deviceInstance?.dispose();
    this.deviceInstance = null;
    this.failures = 0;
    this.schedule(0);
  }

  /** Runs a check now (also what the timer runs); concurrent callers share one. */
  check(): Promise<void> {
    this.checking ??= this.runCheck().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  private schedule(ms: number): void {
    if (this.disposed) return;
    if (this.checkTimer) clearTimeout(this.checkTimer);
    this.checkTimer = setTimeout(() => {
      this.checkTimer = null;
      void this.check();
    }, ms);
  }

  private async runCheck(): Promise<void> {
    if (this.disposed) return;
    let change: StatusChange;
    try {
      const device = this.device();
      let probe: DeviceProbe | undefined;
      if (this.row.profiles === '[]') {
        probe = await device.probe();
      } else {
        await device.readClock();
        await device.deviceInformation();
      }
      const offset = device.clockSource === 'none' ? null : device.offsetMs;
      const skewed = offset !== null && Math.abs(offset) > this.timing.clockSkewMs;
      change = {
        status: skewed ? 'clock_skew' : 'online',
        detail: skewed ? `camera clock differs by ${Math.round(offset / 1000)} s` : null,
        clockOffsetMs: offset,
        probe,
        authMode: device.transport.mode,
        seen: true,
      };
      this.failures = 0;
    } catch (error) {
      if (this.disposed) return;
      // The device was replaced under this check (reset): check the new one.
      if (isCameraError(error, 'disposed')) return this.schedule(0);
      this.failures++;
      change = { status: statusOf(error), detail: error instanceof Error ? error.message : String(error), seen: false };
    }
    if (this.disposed) return;
    this.status = change.status;
    await this.hooks
      .onStatus(change)
      .catch((error: unknown) =>
        this.hooks.onError('saving camera status failed', { cameraId: this.id, error: String(error) }),
      );
    const working = change.status === 'online' || change.status === 'clock_skew';
    if (working && this.row.events === 1) this.startEvents();
    const retry = Math.min(this.timing.retryMaxMs, this.timing.retryMinMs * 2 ** Math.max(0, this.failures - 1));
    this.schedule(working ? this.timing.checkEveryMs : retry);
  }

  private startEvents(): void {
    if (this.subscription || this.disposed) return;
    const device = this.device();
    const events = device.cam.uri?.events;
    if (!events) return;
    const eventsUrl = new URL(events.href);
    this.subscription = new PullPointSubscription({
      device,
      eventsUrl,
      pullTimeoutSec: this.timing.pullTimeoutSec,
      terminationSec: this.timing.terminationSec,
      onEvent: (event) => this.hooks.onEvent(event),
      onError: (error, failures) => {
        if (failures === 1 || failures % 10 === 0) {
          this.hooks.onError('camera event subscription failed; retrying', {
            cameraId: this.id,
            failures,
            error: error instanceof Error ? error.message : String(error),
          });
        }
      },
    });
    this.subscription.start();
  }

  private storedServices(): Record<string, string> {
    const out: Record<string, string> = {};
    try {
      const parsed: unknown = JSON.parse(this.row.services);
      if (typeof parsed === 'object' && parsed !== null) {
        for (const [name, address] of Object.entries(parsed)) if (typeof address === 'string') out[name] = address;
      }
    } catch {
      // A row written before its first successful probe has no services yet.
    }
    return out;
  }

  private async stopEvents(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = null;
    await subscription?.dispose();
  }

  /** Arms the core-side safety stop for a continuous move; a newer move re-arms it. */
  armStop(ms: number, stop: () => Promise<void>): void {
    this.disarmStop();
    this.stopTimer = setTimeout(() => {
      this.stopTimer = null;
      stop().catch((error: unknown) =>
        this.hooks.onError('PTZ safety stop failed', { cameraId: this.id, error: String(error) }),
      );
    }, ms);
  }

  disarmStop(): boolean {
    if (!this.stopTimer) return false;
    clearTimeout(this.stopTimer);
    this.stopTimer = null;
    return true;
  }

  get moving(): boolean {
    return this.stopTimer !== null;
  }

  async dispose(stop?: () => Promise<void>): Promise<void> {
    if (this.disposed) return;
    const wasMoving = this.disarmStop();
    if (this.checkTimer) clearTimeout(this.checkTimer);
    this.checkTimer = null;
    // A camera left moving stops by its own Timeout anyway; a polite Stop makes that immediate.
    if (wasMoving && stop) await stop().catch(() => undefined);
    this.disposed = true;
    await this.stopEvents();
    this.deviceInstance?.dispose();
    this.deviceInstance = null;
    await this.checking?.catch(() => undefined);
  }
}
