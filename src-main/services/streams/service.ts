import { CommandError, encodeMediaFrame, MEDIA_KIND } from '../../../src-shared/contract';
import type {
  IngestFallbackReason,
  LiveProfile,
  LiveStreamStats,
  OpenStreamResult,
} from '../../../src-shared/contract/streams';
import type { MediaSink, Subscription } from './fanout';
import { createLiveStream, type LiveStream, type StreamIngest } from './live-stream';
import { createNativeRefusals, type NativeRefusalOptions } from './native-refusals';
import type { ReadinessProbe } from './readiness';
import { createPrivateDir } from './source-file';
import { DEFAULT_TIMING, type ResolvedSource, type StreamLogger, type StreamTiming } from './types';

/** The socket a viewer is on; the core's WebSocket host provides it per connection. */
export interface ViewerConnection {
  readonly id: string;
  sendBinary(bytes: Uint8Array): void;
  bufferedAmount(): number;
  /** Runs once when the socket closes; returns a function that cancels the registration. */
  onClose(listener: () => void): () => void;
}

export type ResolveSource = (cameraId: string, profile: LiveProfile) => Promise<ResolvedSource>;

export interface StreamAuditEntry {
  userId: string;
  action: string;
  subject: string;
  detail: Record<string, unknown>;
}

export interface StreamsServiceOptions {
  resolveSource: ResolveSource;
  logger: StreamLogger;
  /** The core's one redactor, for ffmpeg's stderr and errors shown to users. */
  redact(text: string): string;
  audit?(entry: StreamAuditEntry): void;
  /** Default: FFMPEG_PATH, else `ffmpeg` from PATH. */
  ffmpegPath?: string;
  timing?: Partial<StreamTiming>;
  /** A viewer further behind than this skips to the next keyframe. */
  maxBacklogBytes?: number;
  maxGopBytes?: number;
  /** How long streams.open waits for the init segment before answering without a mime type. */
  openWaitMs?: number;
  maxChannelsPerConnection?: number;
  transcodeMaxWidth?: number;
  transcodeMaxHeight?: number;
  /** Jitter source for the backoff (tests make it deterministic). */
  random?: () => number;
  /** How a camera's port is checked while its stream waits out a backoff (default: a TCP connect). */
  probe?: ReadinessProbe;
  /** Who reads H.264 cameras (live-stream.ts); default native. */
  ingest?: StreamIngest;
  /** How long the native reader's refusal of a camera is remembered (native-refusals.ts), and by which clock. */
  nativeRefusals?: NativeRefusalOptions;
}

export interface StreamsService {
  open(
    input: { cameraId: string; profile: LiveProfile },
    viewer: { userId: string },
    connection: ViewerConnection,
  ): Promise<OpenStreamResult>;
  close(channel: number, connection: ViewerConnection): boolean;
  /** An in-process viewer (the recorder): same fan-out, GOP cache and backpressure as a socket. */
  subscribe(cameraId: string, profile: LiveProfile, sink: MediaSink): Promise<Subscription>;
  stats(): LiveStreamStats[];
  /** Streams that ffmpeg read instead of the native reader since the core started, by reason (monotonic). */
  fallbacks(): ReadonlyMap<IngestFallbackReason, number>;
  /** A camera's address or credentials changed: its running streams retry now. */
  restartCamera(cameraId: string): void;
  dispose(): Promise<void>;
}

interface Entry {
  key: string;
  cameraId: string;
  stream: LiveStream;
  leases: number;
  linger: NodeJS.Timeout | null;
}

interface Channel {
  entry: Entry;
  subscription: Subscription | null;
  closed: boolean;
}

interface ConnectionState {
  connection: ViewerConnection;
  channels: Map<number, Channel>;
  nextChannel: number;
  offClose: () => void;
}

const keyOf = (cameraId: string, profile: LiveProfile) => `${cameraId}\u0000${profile}`;

export function createStreamsService(options: StreamsServiceOptions): StreamsService {
  const timing: StreamTiming = { ...DEFAULT_TIMING, ...options.timing };
  const ffmpegPath = options.ffmpegPath ?? (process.env.FFMPEG_PATH || 'ffmpeg');
  const ingest: StreamIngest = options.ingest ?? 'native';
  const maxChannels = options.maxChannelsPerConnection ?? 64;
  const openWaitMs = options.openWaitMs ?? 8000;
  const listDir = createPrivateDir();
  const entries = new Map<string, Entry>();
  const starting = new Map<string, Promise<Entry>>();
  const stopping = new Set<Promise<void>>();
  const connections = new Map<string, ConnectionState>();
  const deferred = new Set<NodeJS.Immediate>();
  const fallbacks = new Map<IngestFallbackReason, number>();
  /**
   * Streams the native reader could not follow, by (camera, profile) and the URL it failed on: the next stream of
   * the same camera (a tile paged back in, after the linger) starts with ffmpeg instead of failing natively again,
   * until the refusal expires.
   */
  const refusals = createNativeRefusals(options.nativeRefusals);
  let disposed = false;

  function stopEntry(entry: Entry): void {
    if (entries.get(entry.key) === entry) entries.delete(entry.key);
    if (entry.linger) clearTimeout(entry.linger);
    const done = entry.stream.stop().catch((error: unknown) => {
      options.logger.error('stream did not stop cleanly', { error: String(error) });
    });
    stopping.add(done);
    void done.finally(() => stopping.delete(done));
  }

  async function acquire(cameraId: string, profile: LiveProfile): Promise<Entry> {
    if (disposed) throw new CommandError('unavailable', 'The core is shutting down.');
    const key = keyOf(cameraId, profile);
    const existing = entries.get(key);
    if (existing) {
      existing.leases++;
      if (existing.linger) clearTimeout(existing.linger);
      existing.linger = null;
      return existing;
    }
    let pending = starting.get(key);
    if (!pending) {
      pending = (async () => {
        // Resolve once up front so an unknown camera is an error for the caller, not a retry loop.
        const source = await options.resolveSource(cameraId, profile);
        const stream = createLiveStream({
          cameraId,
          profile,
          resolveSource: () => options.resolveSource(cameraId, profile),
          ffmpegPath,
          listDir: listDir.path,
          timing,
          logger: options.logger,
          redact: options.redact,
          maxBacklogBytes: options.maxBacklogBytes ?? 1024 * 1024,
          maxGopBytes: options.maxGopBytes ?? 16 * 1024 * 1024,
          transcodeMaxWidth: options.transcodeMaxWidth ?? 1920,
          transcodeMaxHeight: options.transcodeMaxHeight ?? 1080,
          random: options.random,
          probe: options.probe,
          ingest,
          refusals: refusals.forStream(key),
          onFallback: (reason) => fallbacks.set(reason, (fallbacks.get(reason) ?? 0) + 1),
        });
        const entry: Entry = { key, cameraId, stream, leases: 0, linger: null };
        if (disposed) {
          void stream.stop();
          throw new CommandError('unavailable', 'The core is shutting down.');
        }
        entries.set(key, entry);
        stream.start(source);
        return entry;
      })();
      starting.set(key, pending);
      void pending.catch(() => undefined).finally(() => starting.delete(key));
    }
    const entry = await pending;
    entry.leases++;
    if (entry.linger) clearTimeout(entry.linger);
    entry.linger = null;
    return entry;
  }

  function release(entry: Entry): void {
    entry.leases--;
    if (entry.leases > 0 || entries.get(entry.key) !== entry) return;
    if (timing.lingerMs <= 0) return stopEntry(entry);
    entry.linger = setTimeout(() => {
      entry.linger = null;
      if (entry.leases === 0) stopEntry(entry);
    }, timing.lingerMs);
  }

  function closeChannel(channel: Channel): void {
    if (channel.closed) return;
    channel.closed = true;
    channel.subscription?.unsubscribe();
    release(channel.entry);
  }

  function connectionState(connection: ViewerConnection): ConnectionState {
    let state = connections.get(connection.id);
    if (!state) {
      const created: ConnectionState = { connection, channels: new Map(), nextChannel: 0, offClose: () => {} };
      created.offClose = connection.onClose(() => {
        connections.delete(connection.id);
        for (const channel of created.channels.values()) closeChannel(channel);
        created.channels.clear();
      });
      connections.set(connection.id, created);
      state = created;
    }
    return state;
  }

  function socketSink(connection: ViewerConnection, channel: number): MediaSink {
    const send = (kind: (typeof MEDIA_KIND)[keyof typeof MEDIA_KIND], payload: Uint8Array) =>
      connection.sendBinary(encodeMediaFrame({ kind, channel, payload }));
    return {
      init: (segment) => send(MEDIA_KIND.init, segment.bytes),
      fragment: (fragment) => send(MEDIA_KIND.fragment, fragment.bytes),
      backlog: () => connection.bufferedAmount(),
      end: () => send(MEDIA_KIND.end, new Uint8Array(0)),
    };
  }

  return {
    async open(input, viewer, connection) {
      const state = connectionState(connection);
      if (state.channels.size >= maxChannels) {
        throw new CommandError('conflict', `A socket may show at most ${maxChannels} streams at once.`);
      }
      const entry = await acquire(input.cameraId, input.profile);
      const number = ++state.nextChannel;
      const channel: Channel = { entry, subscription: null, closed: false };
      state.channels.set(number, channel);
      const init = await entry.stream.whenInit(openWaitMs);
      if (connections.get(connection.id) !== state || channel.closed) {
        closeChannel(channel);
        throw new CommandError('conflict', 'The socket closed while the stream was opening.');
      }
      // Media frames start after this reply has gone out (the reply is sent right after the handler returns,
      // without waiting on I/O), so the client always knows the channel before its first frame arrives.
      const immediate = setImmediate(() => {
        deferred.delete(immediate);
        if (!channel.closed) channel.subscription = entry.stream.subscribe(socketSink(connection, number));
      });
      deferred.add(immediate);
      options.audit?.({
        userId: viewer.userId,
        action: 'camera.view',
        subject: input.cameraId,
        detail: { profile: input.profile },
      });
      const stats = entry.stream.stats();
      return {
        channel: number,
        mime: init?.mime ?? null,
        transcoded: stats.transcoded,
        codec: stats.codec,
        state: stats.state,
      };
    },

    close(number, connection) {
      const state = connections.get(connection.id);
      const channel = state?.channels.get(number);
      if (!state || !channel) return false;
      state.channels.delete(number);
      closeChannel(channel);
      return true;
    },

    async subscribe(cameraId, profile, sink) {
      const entry = await acquire(cameraId, profile);
      const subscription = entry.stream.subscribe(sink);
      let released = false;
      return {
        unsubscribe() {
          if (released) return;
          released = true;
          subscription.unsubscribe();
          release(entry);
        },
        get dropped() {
          return subscription.dropped;
        },
      };
    },

    stats: () => [...entries.values()].map((entry) => entry.stream.stats()),

    fallbacks: () => new Map(fallbacks),

    restartCamera(cameraId) {
      for (const entry of entries.values()) if (entry.cameraId === cameraId) entry.stream.restartNow();
    },

    async dispose() {
      if (disposed) return;
      disposed = true;
      for (const immediate of deferred) clearImmediate(immediate);
      deferred.clear();
      for (const state of connections.values()) state.offClose();
      connections.clear();
      await Promise.allSettled([...starting.values()]);
      for (const entry of [...entries.values()]) stopEntry(entry);
      await Promise.all([...stopping]);
      listDir.remove();
    },
  };
}
