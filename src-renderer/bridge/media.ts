import { decodeMediaFrame, type MediaFrame } from '../../src-shared/contract';
import type { OpenStreamResult } from '../../src-shared/contract/streams';

export interface MediaListener {
  /** init, fragment or end, in arrival order. */
  frame(frame: MediaFrame): void;
  /** The socket carrying the channel went away; the channel no longer exists. Open the stream again. */
  lost(): void;
}

/** A live stream being received on the contract socket. */
export interface MediaStream {
  readonly info: OpenStreamResult;
  /** Stops delivery and tells the core to close the channel (if the socket is still the same one). */
  close(): void;
}

/** Frames for channels nobody claimed yet are kept briefly, bounded, and dropped on reconnect. */
const MAX_UNCLAIMED_FRAMES = 256;

/**
 * Routes binary media frames ([kind][channel][payload], media-frame.ts) to the player that opened each
 * channel. Channel numbers belong to one socket: every reconnect starts a new epoch and tells all listeners
 * their channels are lost.
 */
export class MediaRouter {
  private readonly listeners = new Map<number, MediaListener>();
  private readonly unclaimed = new Map<number, MediaFrame[]>();
  private unclaimedCount = 0;
  private currentEpoch = 0;

  get epoch(): number {
    return this.currentEpoch;
  }

  route(data: ArrayBuffer): void {
    const frame = decodeMediaFrame(new Uint8Array(data));
    if (!frame) return;
    const listener = this.listeners.get(frame.channel);
    if (listener) {
      listener.frame(frame);
      return;
    }
    const queue = this.unclaimed.get(frame.channel) ?? [];
    this.unclaimed.set(frame.channel, queue);
    queue.push(frame);
    this.unclaimedCount++;
    while (this.unclaimedCount > MAX_UNCLAIMED_FRAMES) {
      const oldest = this.unclaimed.keys().next().value;
      if (oldest === undefined) break;
      this.unclaimedCount -= this.unclaimed.get(oldest)?.length ?? 0;
      this.unclaimed.delete(oldest);
    }
  }

  /** Delivers what already arrived for the channel, then everything that follows; returns the detach. */
  attach(channel: number, listener: MediaListener): () => void {
    this.listeners.set(channel, listener);
    const early = this.unclaimed.get(channel) ?? [];
    this.unclaimed.delete(channel);
    this.unclaimedCount -= early.length;
    for (const frame of early) listener.frame(frame);
    return () => {
      if (this.listeners.get(channel) === listener) this.listeners.delete(channel);
    };
  }

  /** The socket is gone: new epoch, every listener told, buffers dropped. */
  reset(): void {
    this.currentEpoch++;
    const listeners = [...this.listeners.values()];
    this.listeners.clear();
    this.unclaimed.clear();
    this.unclaimedCount = 0;
    for (const listener of listeners) listener.lost();
  }

  /** Channels being delivered now; for the player's debug counters. */
  get size(): number {
    return this.listeners.size;
  }
}
