import { randomUUID } from 'node:crypto';
import { formatDateTime } from '../clock';
import type { DeviceClock } from '../clock';
import type { PersonalitySpec } from '../personalities';
import { advertisedHttpUri, type UriContext } from '../rewrite';
import { motionMessage, type MotionMessage, type PropertyOperation } from './messages';

export interface Subscription {
  readonly id: number;
  /** The address as advertised (private host), e.g. `http://10.10.1.60:4567/onvif/Events/PullSubManager_…_3`. */
  readonly address: string;
  /** Path and query that identify it, or null when only the SubscriptionId header does (Axis). */
  readonly pathAndQuery: string | null;
  /** The ReferenceParameters SubscriptionId the camera hands out, or null. */
  readonly referenceId: string | null;
  readonly durationMs: number;
  terminationAt: number;
  readonly filter: ((topic: string) => boolean) | null;
  readonly queue: string[];
  release: (() => void) | null;
}

const MAX_SUBSCRIPTIONS = 10;
const MAX_QUEUE = 1000;

/** Pull-point subscriptions and the motion state they report. Owns its timers; dispose() clears them. */
export class EventHub {
  private readonly subs = new Map<number, Subscription>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private nextId = 1;
  private motion = false;
  private motionOff: NodeJS.Timeout | null = null;
  private schedule: NodeJS.Timeout | null = null;

  constructor(
    private readonly spec: PersonalitySpec,
    private readonly clock: DeviceClock,
    private readonly uris: () => UriContext,
  ) {}

  private message(active: boolean, operation: PropertyOperation, sub: Subscription): MotionMessage {
    return motionMessage(
      this.spec.subscriptions,
      active,
      operation,
      formatDateTime(this.clock.now(), this.spec.timeDigits),
      sub.address,
    );
  }

  private purge(): void {
    const now = this.clock.now();
    for (const sub of this.subs.values()) {
      if (sub.terminationAt <= now) this.drop(sub);
    }
  }

  private drop(sub: Subscription): void {
    this.subs.delete(sub.id);
    sub.release?.();
  }

  private enqueue(sub: Subscription, message: MotionMessage): void {
    if (sub.filter && !sub.filter(message.topic)) return;
    sub.queue.push(message.xml);
    if (sub.queue.length > MAX_QUEUE) sub.queue.shift();
    sub.release?.();
  }

  count(): number {
    this.purge();
    return this.subs.size;
  }

  /** A new subscription, or null when the camera already has as many as it allows. */
  create(terminationAt: number | null, filter: ((topic: string) => boolean) | null): Subscription | null {
    this.purge();
    if (this.subs.size >= MAX_SUBSCRIPTIONS) return null;
    const id = this.nextId++;
    const now = this.clock.now();
    const ends = terminationAt ?? now + this.spec.defaultSubscriptionMs;
    const { pathAndQuery, referenceId } = this.addressing(id, now);
    const sub: Subscription = {
      id,
      address: advertisedHttpUri(this.uris(), pathAndQuery ?? '/onvif/services'),
      pathAndQuery: this.spec.subscriptions === 'axis' ? null : pathAndQuery,
      referenceId,
      durationMs: Math.max(1, ends - now),
      terminationAt: ends,
      filter,
      queue: [],
      release: null,
    };
    this.subs.set(id, sub);
    this.enqueue(sub, this.message(this.motion, 'Initialized', sub));
    return sub;
  }

  private addressing(id: number, now: number): { pathAndQuery: string | null; referenceId: string | null } {
    switch (this.spec.subscriptions) {
      case 'agsh':
        return { pathAndQuery: `/onvif/subscription?Idx=${id}`, referenceId: null };
      case 'axis':
        return { pathAndQuery: '/onvif/services', referenceId: String(id) };
      case 'hikvision':
        return { pathAndQuery: `/onvif/Events/PullSubManager_${formatDateTime(now, 0)}_${id}`, referenceId: null };
      case 'pelco': {
        const uuid = `urn:uuid:${randomUUID()}`;
        return { pathAndQuery: `/onvif/eventing_service?id=${uuid}`, referenceId: uuid };
      }
    }
  }

  /** The live subscription a call addresses, by SubscriptionId header or by its path and query. */
  find(pathAndQuery: string, headerSubscriptionId: string | undefined): Subscription | undefined {
    this.purge();
    for (const sub of this.subs.values()) {
      if (headerSubscriptionId !== undefined && sub.referenceId === headerSubscriptionId) return sub;
      if (sub.pathAndQuery !== null && sub.pathAndQuery === pathAndQuery) return sub;
    }
    return undefined;
  }

  /** Waits up to `timeoutMs` for messages (returns at once when some are queued), then takes up to `limit`. */
  async pull(sub: Subscription, timeoutMs: number, limit: number, signal: AbortSignal): Promise<string[]> {
    sub.terminationAt = Math.max(sub.terminationAt, this.clock.now() + sub.durationMs);
    if (sub.queue.length === 0 && timeoutMs > 0 && !signal.aborted) {
      sub.release?.(); // a second pull answers the first one
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.timers.delete(timer);
          signal.removeEventListener('abort', done);
          if (sub.release === done) sub.release = null;
          resolve();
        };
        const timer = setTimeout(done, timeoutMs);
        this.timers.add(timer);
        signal.addEventListener('abort', done);
        sub.release = done;
      });
    }
    return sub.queue.splice(0, Math.max(1, limit));
  }

  renew(sub: Subscription, terminationAt: number): void {
    sub.terminationAt = terminationAt;
  }

  unsubscribe(sub: Subscription): void {
    this.drop(sub);
  }

  /** SetSynchronizationPoint: report the current state again. */
  synchronize(sub: Subscription): void {
    this.enqueue(sub, this.message(this.motion, 'Initialized', sub));
  }

  motionActive(): boolean {
    return this.motion;
  }

  setMotion(active: boolean): void {
    if (this.motionOff) {
      clearTimeout(this.motionOff);
      this.motionOff = null;
    }
    if (active === this.motion) return;
    this.motion = active;
    this.purge();
    for (const sub of this.subs.values()) this.enqueue(sub, this.message(active, 'Changed', sub));
  }

  trigger(durationMs: number): void {
    this.setMotion(true);
    this.motionOff = setTimeout(() => {
      this.motionOff = null;
      this.setMotion(false);
    }, durationMs);
  }

  startSchedule(everyMs: number, durationMs: number): void {
    this.stopSchedule();
    this.schedule = setInterval(() => this.trigger(Math.min(durationMs, everyMs - 1)), everyMs);
  }

  private stopSchedule(): void {
    if (this.schedule) clearInterval(this.schedule);
    this.schedule = null;
  }

  /** A reboot: every subscription is gone, motion is quiet. The schedule keeps running. */
  reset(): void {
    for (const sub of [...this.subs.values()]) this.drop(sub);
    if (this.motionOff) clearTimeout(this.motionOff);
    this.motionOff = null;
    this.motion = false;
  }

  dispose(): void {
    this.reset();
    this.stopSchedule();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
