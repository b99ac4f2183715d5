import { isCameraError } from '../errors';
import type { OnvifDevice } from '../onvif/device';
import { NS } from '../soap/envelope';
import { textOf } from '../xml/parse';
import { parsePullMessages, remainingMs, type PulledEvent } from './messages';
import { referenceParameters, subscriptionHeaders } from './reference';

const ACTIONS = {
  create: `${NS.events}/EventPortType/CreatePullPointSubscriptionRequest`,
  pull: `${NS.events}/PullPointSubscription/PullMessagesRequest`,
  renew: 'http://docs.oasis-open.org/wsn/bw-2/SubscriptionManager/RenewRequest',
  unsubscribe: 'http://docs.oasis-open.org/wsn/bw-2/SubscriptionManager/UnsubscribeRequest',
};

export interface PullPointOptions {
  device: OnvifDevice;
  /** The events service address, already pinned to the reached host. */
  eventsUrl: URL;
  onEvent(event: PulledEvent): void;
  onError?(error: unknown, failures: number): void;
  onSubscribed?(): void;
  /** Long-poll: how long the camera may hold a PullMessages before answering empty. */
  pullTimeoutSec?: number;
  /** Lifetime asked for at creation and at each Renew. */
  terminationSec?: number;
  backoff?: { initialMs: number; maxMs: number };
  now?: () => number;
  random?: () => number;
}

interface Subscription {
  url: URL;
  headers: (action: string) => string;
  expiresAt: number;
}

/**
 * One pull-point subscription, kept alive: create, PullMessages long-polls, Renew before the camera's
 * termination time, and after any failure (camera rebooted: ResourceUnknownFault; unreachable) a new
 * subscription after a jittered exponential backoff. dispose() ends the loop, unsubscribes politely and
 * leaves no timer or socket behind.
 */
export class PullPointSubscription {
  private readonly stopper = new AbortController();
  private loop: Promise<void> | null = null;
  private readonly now: () => number;
  private readonly pullTimeoutSec: number;
  private readonly terminationSec: number;
  failures = 0;

  constructor(private readonly options: PullPointOptions) {
    this.now = options.now ?? Date.now;
    this.pullTimeoutSec = options.pullTimeoutSec ?? 10;
    this.terminationSec = options.terminationSec ?? 60;
  }

  start(): void {
    this.loop ??= this.run();
  }

  async dispose(): Promise<void> {
    this.stopper.abort();
    await this.loop;
  }

  private get stopped(): boolean {
    return this.stopper.signal.aborted;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let subscription: Subscription | null = null;
      try {
        subscription = await this.create();
        this.options.onSubscribed?.();
        await this.pullUntilFailure(subscription);
      } catch (error) {
        if (this.stopped) break;
        this.failures++;
        this.options.onError?.(error, this.failures);
        await this.sleep(this.backoffMs());
      } finally {
        if (subscription && this.stopped) await this.unsubscribe(subscription);
      }
    }
  }

  private backoffMs(): number {
    const { initialMs, maxMs } = this.options.backoff ?? { initialMs: 1000, maxMs: 60_000 };
    const base = Math.min(maxMs, initialMs * 2 ** Math.min(20, this.failures - 1));
    return Math.round(base * (0.8 + 0.4 * (this.options.random ?? Math.random)()));
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      this.stopper.signal.addEventListener('abort', done, { once: true });
      function done() {
        clearTimeout(timer);
        resolve();
      }
    });
  }

  private request(url: URL, action: string, body: string, headers: string, timeoutMs?: number, abortable = true) {
    return this.options.device.soap(url, action, body, {
      headers: `<a:Action s:mustUnderstand="1">${action}</a:Action>${headers}`,
      timeoutMs,
      signal: abortable ? this.stopper.signal : undefined,
    });
  }

  private async create(): Promise<Subscription> {
    const result = await this.request(
      this.options.eventsUrl,
      ACTIONS.create,
      `<CreatePullPointSubscription xmlns="${NS.events}"><InitialTerminationTime>PT${this.terminationSec}S</InitialTerminationTime></CreatePullPointSubscription>`,
      '',
    );
    const response = (result.body as Record<string, unknown> | null)?.['createPullPointSubscriptionResponse'];
    const reference = (response as Record<string, unknown> | undefined)?.['subscriptionReference'];
    const address = textOf((reference as Record<string, unknown> | undefined)?.['address']);
    const url = address ? this.options.device.serviceUrl(address) : null;
    const target = url ?? this.options.eventsUrl;
    const parameters = referenceParameters(result.text);
    const remaining = remainingMs(result.body, 'createPullPointSubscriptionResponse');
    return {
      url: target,
      headers: () => subscriptionHeaders(address || target.href, parameters),
      expiresAt: this.now() + (remaining ?? this.terminationSec * 1000),
    };
  }

  private async pullUntilFailure(subscription: Subscription): Promise<void> {
    const marginMs = this.pullTimeoutSec * 1000 + 5000;
    while (!this.stopped) {
      if (subscription.expiresAt - this.now() < marginMs) await this.renew(subscription);
      const result = await this.request(
        subscription.url,
        ACTIONS.pull,
        `<PullMessages xmlns="${NS.events}"><Timeout>PT${this.pullTimeoutSec}S</Timeout><MessageLimit>64</MessageLimit></PullMessages>`,
        subscription.headers(ACTIONS.pull),
        marginMs,
      );
      this.failures = 0;
      const remaining = remainingMs(result.body, 'pullMessagesResponse');
      if (remaining !== null) subscription.expiresAt = this.now() + remaining;
      for (const event of parsePullMessages(result.body, new Date(this.now()))) this.options.onEvent(event);
    }
  }

  private async renew(subscription: Subscription): Promise<void> {
    try {
      const result = await this.request(
        subscription.url,
        ACTIONS.renew,
        `<Renew xmlns="${NS.wsnt}"><TerminationTime>PT${this.terminationSec}S</TerminationTime></Renew>`,
        subscription.headers(ACTIONS.renew),
      );
      const remaining = remainingMs(result.body, 'renewResponse');
      subscription.expiresAt = this.now() + (remaining ?? this.terminationSec * 1000);
    } catch (error) {
      // Cameras that extend on every pull may not implement Renew; the next pull tells whether we are alive.
      if (!isCameraError(error, 'unsupported')) throw error;
      subscription.expiresAt = this.now() + this.terminationSec * 1000;
    }
  }

  private async unsubscribe(subscription: Subscription): Promise<void> {
    await this.request(
      subscription.url,
      ACTIONS.unsubscribe,
      `<Unsubscribe xmlns="${NS.wsnt}"/>`,
      subscription.headers(ACTIONS.unsubscribe),
      2000,
      false,
    ).catch(() => undefined);
  }
}
