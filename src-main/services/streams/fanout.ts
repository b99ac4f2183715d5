import type { InitInfo } from './mp4-inspect';

export interface InitSegment {
  bytes: Buffer;
  info: InitInfo;
  mime: string | null;
}

export interface MediaFragment {
  /** moof + mdat, playable after the init segment. */
  bytes: Buffer;
  keyframe: boolean;
  sampleCount: number;
}

/**
 * A viewer of a live stream: a socket channel today, the recorder later. The fan-out never queues for a
 * sink: when its backlog is too large the sink misses fragments until the next keyframe, so a slow viewer
 * drops frames instead of growing memory or delaying the others.
 */
export interface MediaSink {
  /** First on subscribe (when known), and again whenever the source restarts: reset the decoder then. */
  init(segment: InitSegment): void;
  fragment(fragment: MediaFragment): void;
  /** Bytes handed over but not yet delivered (socket buffer, write queue). */
  backlog(): number;
  /** The stream stopped for good. */
  end(): void;
}

export interface Subscription {
  unsubscribe(): void;
  /** Fragments this sink missed, after its first one, because it was behind. */
  readonly dropped: number;
}

export interface FanoutLimits {
  maxBacklogBytes: number;
  /** A GOP larger than this is not cached; late viewers then wait for the next keyframe. */
  maxGopBytes: number;
}

export interface Fanout {
  subscribe(sink: MediaSink): Subscription;
  init(segment: InitSegment): void;
  fragment(fragment: MediaFragment): void;
  /** The source went away: the cached GOP is stale, late viewers wait for the next start. */
  interrupt(): void;
  end(): void;
  readonly currentInit: InitSegment | null;
  readonly count: number;
}

interface Subscriber {
  sink: MediaSink;
  waitingForKeyframe: boolean;
  /** Has had a fragment; what it misses from then on counts as dropped. */
  started: boolean;
  dropped: number;
}

export function createFanout(limits: FanoutLimits, onSinkError: (error: unknown) => void): Fanout {
  const subscribers = new Set<Subscriber>();
  let init: InitSegment | null = null;
  // The last GOP: fragments from the latest keyframe on, so a new viewer starts at once.
  let gop: MediaFragment[] = [];
  let gopBytes = 0;

  const guarded = (subscriber: Subscriber, run: () => void) => {
    try {
      run();
    } catch (error) {
      subscribers.delete(subscriber);
      onSinkError(error);
    }
  };

  function deliver(subscriber: Subscriber, fragment: MediaFragment): void {
    if (subscriber.waitingForKeyframe && !fragment.keyframe) {
      if (subscriber.started) subscriber.dropped++;
      return;
    }
    if (subscriber.sink.backlog() > limits.maxBacklogBytes) {
      subscriber.waitingForKeyframe = true;
      subscriber.dropped++;
      return;
    }
    subscriber.waitingForKeyframe = false;
    subscriber.started = true;
    subscriber.sink.fragment(fragment);
  }

  return {
    subscribe(sink) {
      const subscriber: Subscriber = { sink, waitingForKeyframe: true, started: false, dropped: 0 };
      subscribers.add(subscriber);
      guarded(subscriber, () => {
        if (init) sink.init(init);
        for (const fragment of gop) deliver(subscriber, fragment);
      });
      return {
        unsubscribe: () => void subscribers.delete(subscriber),
        get dropped() {
          return subscriber.dropped;
        },
      };
    },
    init(segment) {
      init = segment;
      gop = [];
      gopBytes = 0;
      for (const subscriber of subscribers) {
        subscriber.waitingForKeyframe = true;
        guarded(subscriber, () => subscriber.sink.init(segment));
      }
    },
    fragment(fragment) {
      if (fragment.keyframe) {
        gop = [fragment];
        gopBytes = fragment.bytes.length;
      } else if (gop.length > 0) {
        gop.push(fragment);
        gopBytes += fragment.bytes.length;
        if (gopBytes > limits.maxGopBytes) {
          gop = [];
          gopBytes = 0;
        }
      }
      for (const subscriber of subscribers) guarded(subscriber, () => deliver(subscriber, fragment));
    },
    interrupt() {
      gop = [];
      gopBytes = 0;
    },
    end() {
      for (const subscriber of subscribers) guarded(subscriber, () => subscriber.sink.end());
      subscribers.clear();
      gop = [];
      gopBytes = 0;
    },
    get currentInit() {
      return init;
    },
    get count() {
      return subscribers.size;
    },
  };
}
