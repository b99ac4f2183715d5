/**
 * Splits ffmpeg's fragmented-MP4 stdout into whole boxes as they complete: the init segment (ftyp + moov)
 * and media fragments (moof + mdat). Bytes arrive in arbitrary chunks; nothing is emitted half-done.
 */
export class Mp4FormatError extends Error {
  override readonly name = 'Mp4FormatError';
}

export interface Fmp4Handlers {
  onInit(segment: Buffer): void;
  onFragment(fragment: Buffer, moof: Buffer): void;
}

export interface Fmp4Splitter {
  push(chunk: Buffer): void;
  /** Bytes received but not yet part of a complete box. */
  readonly pending: number;
}

/** Larger than any sane frame (a 4K keyframe is a few MB); a bigger size means the stream is corrupt. */
export const DEFAULT_MAX_BOX_BYTES = 32 * 1024 * 1024;

export function createFmp4Splitter(handlers: Fmp4Handlers, maxBoxBytes = DEFAULT_MAX_BOX_BYTES): Fmp4Splitter {
  // Unread bytes: chunks[0] from `offset` on, then the other chunks whole. Boxes that sit inside one chunk
  // (the usual case: ffmpeg writes a frame's moof+mdat in one go) are returned as views, without copying.
  const chunks: Buffer[] = [];
  let offset = 0;
  let length = 0;
  let initParts: Buffer[] = [];
  let haveInit = false;
  let moof: Buffer | null = null;

  /** The first `count` unread bytes as one buffer (a view when they are in the first chunk). */
  function peek(count: number): Buffer {
    const first = chunks[0]!;
    if (first.length - offset >= count) return first.subarray(offset, offset + count);
    return Buffer.concat(chunks, offset + count).subarray(offset, offset + count);
  }

  function take(count: number): Buffer {
    const first = chunks[0]!;
    if (first.length - offset >= count) {
      const box = first.subarray(offset, offset + count);
      offset += count;
      length -= count;
      if (offset === first.length) {
        chunks.shift();
        offset = 0;
      }
      return box;
    }
    const joined = Buffer.concat(chunks, offset + length).subarray(offset);
    chunks.length = 0;
    offset = 0;
    if (joined.length > count) chunks.push(joined.subarray(count));
    length = joined.length - count;
    return joined.subarray(0, count);
  }

  /** Size of the next box, or null until enough header bytes are here. */
  function nextBoxSize(): number | null {
    if (length < 8) return null;
    const head = peek(8);
    const small = head.readUInt32BE(0);
    if (small === 1) {
      if (length < 16) return null;
      const large = peek(16).readBigUInt64BE(8);
      if (large > BigInt(maxBoxBytes)) throw new Mp4FormatError(`An MP4 box of ${large} bytes is too large.`);
      return Number(large);
    }
    if (small < 8) throw new Mp4FormatError(`Invalid MP4 box size ${small}.`);
    if (small > maxBoxBytes) throw new Mp4FormatError(`An MP4 box of ${small} bytes is too large.`);
    return small;
  }

  function pair(head: Buffer, data: Buffer): Buffer {
    const adjacent = head.buffer === data.buffer && head.byteOffset + head.length === data.byteOffset;
    return adjacent
      ? Buffer.from(head.buffer, head.byteOffset, head.length + data.length)
      : Buffer.concat([head, data]);
  }

  function onBox(box: Buffer): void {
    const type = box.toString('latin1', 4, 8);
    if (type === 'moof') {
      if (!haveInit) throw new Mp4FormatError('A fragment arrived before the init segment.');
      moof = box;
    } else if (type === 'mdat') {
      if (!moof) throw new Mp4FormatError('mdat arrived without its moof.');
      const header = moof;
      moof = null;
      handlers.onFragment(pair(header, box), header);
    } else if (type === 'ftyp') {
      initParts = [box];
      haveInit = false;
      moof = null;
    } else if (type === 'moov') {
      if (initParts.length === 0) throw new Mp4FormatError('moov arrived without ftyp.');
      initParts.push(box);
      haveInit = true;
      handlers.onInit(Buffer.concat(initParts));
      initParts = [];
    }
    // Anything else (free, mfra at the end, sidx…) is not needed by a live player.
  }

  return {
    push(chunk) {
      if (chunk.length === 0) return;
      chunks.push(chunk);
      length += chunk.length;
      for (let size = nextBoxSize(); size !== null && length >= size; size = nextBoxSize()) onBox(take(size));
    },
    get pending() {
      return length;
    },
  };
}
