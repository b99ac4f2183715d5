/**
 * Reading per-frame fMP4 for WebCodecs: the decoder configuration from the init segment (moov → avcC) and, from
 * each media fragment (moof + mdat), the coded samples as the decoder takes them. Pure functions of bytes, so
 * they are tested against real ffmpeg output without a browser.
 */
import { type Box, boxes, fourcc, VISUAL_ENTRY_HEADER, viewOf } from './mp4Boxes';

/** What VideoDecoder.configure needs, and the timing the fragments refer to. */
export interface DecoderSetup {
  /** RFC 6381 codec string, e.g. `avc1.64001f`. */
  codec: string;
  /** The avcC box body (AVCDecoderConfigurationRecord): parameter sets, NAL length size. */
  description: Uint8Array;
  width: number;
  height: number;
  trackId: number;
  /** Media time units per second (mdhd). */
  timescale: number;
  /** Bytes before each NAL unit in a sample (avcC lengthSizeMinusOne + 1). */
  nalLengthSize: number;
  /** trex defaults, used when a fragment does not say. */
  defaultDuration: number;
  defaultFlags: number | null;
}

export interface Sample {
  /** The coded picture (length-prefixed NAL units): a view into the fragment. */
  data: Uint8Array;
  key: boolean;
  /** Presentation time in microseconds. */
  timestampUs: number;
  durationUs: number;
}

/** sample_is_non_sync_sample in the sample flags (ISO/IEC 14496-12 §8.8.3.1). */
const NON_SYNC = 0x10000;
const NAL_SLICE = 1;
const NAL_IDR = 5;

function child(bytes: Uint8Array, parent: Box, type: string): Box | null {
  for (const box of boxes(bytes, parent.body, parent.end)) if (box.type === type) return box;
  return null;
}

/** A box found by a path of types from the top level, e.g. ['moov', 'mvex']. */
function find(bytes: Uint8Array, path: readonly string[], from?: Box): Box | null {
  let current: Box | null = from ?? { type: '', start: 0, body: 0, end: bytes.byteLength };
  for (const type of path) {
    if (!current) return null;
    current = child(bytes, current, type);
  }
  return current;
}

const hex2 = (n: number) => n.toString(16).padStart(2, '0');

function videoTrack(bytes: Uint8Array, moov: Box) {
  const view = viewOf(bytes);
  for (const trak of boxes(bytes, moov.body, moov.end)) {
    if (trak.type !== 'trak') continue;
    const hdlr = find(bytes, ['mdia', 'hdlr'], trak);
    if (!hdlr || fourcc(bytes, hdlr.body + 8) !== 'vide') continue;
    const tkhd = child(bytes, trak, 'tkhd');
    const mdhd = find(bytes, ['mdia', 'mdhd'], trak);
    const stsd = find(bytes, ['mdia', 'minf', 'stbl', 'stsd'], trak);
    if (!tkhd || !mdhd || !stsd) continue;
    const trackId = view.getUint32(tkhd.body + (bytes[tkhd.body] === 1 ? 20 : 12));
    const timescale = view.getUint32(mdhd.body + (bytes[mdhd.body] === 1 ? 20 : 12));
    // Full box header (4) and entry count (4), then the entries.
    for (const entry of boxes(bytes, stsd.body + 8, stsd.end)) {
      if (entry.type !== 'avc1') continue;
      const avcC = [...boxes(bytes, entry.body + VISUAL_ENTRY_HEADER, entry.end)].find((b) => b.type === 'avcC');
      if (!avcC || avcC.body + 7 > avcC.end) continue;
      return {
        trackId,
        timescale,
        width: view.getUint16(entry.body + 24),
        height: view.getUint16(entry.body + 26),
        avcC: bytes.slice(avcC.body, avcC.end),
      };
    }
  }
  return null;
}

/**
 * The decoder setup of an init segment's H.264 track; null when there is none WebCodecs can take as is
 * (no video, H.265, or avc3 with parameter sets in band, which would need Annex B).
 */
export function readDecoderSetup(init: Uint8Array): DecoderSetup | null {
  try {
    const moov = find(init, ['moov']);
    if (!moov) return null;
    const track = videoTrack(init, moov);
    if (!track || track.timescale === 0) return null;
    const { avcC } = track;
    let defaultDuration = 0;
    let defaultFlags: number | null = null;
    const mvex = child(init, moov, 'mvex');
    const view = viewOf(init);
    for (const trex of mvex ? boxes(init, mvex.body, mvex.end) : []) {
      if (trex.type !== 'trex' || view.getUint32(trex.body + 4) !== track.trackId) continue;
      defaultDuration = view.getUint32(trex.body + 12);
      defaultFlags = view.getUint32(trex.body + 20);
    }
    return {
      codec: `avc1.${hex2(avcC[1]!)}${hex2(avcC[2]!)}${hex2(avcC[3]!)}`,
      description: avcC,
      width: track.width,
      height: track.height,
      trackId: track.trackId,
      timescale: track.timescale,
      nalLengthSize: (avcC[4]! & 0x3) + 1,
      defaultDuration,
      defaultFlags,
    };
  } catch {
    return null;
  }
}

/** Whether a sample's NAL units make it an IDR picture; null when it holds no slice at all. */
export function isIdr(data: Uint8Array, nalLengthSize: number): boolean | null {
  let at = 0;
  let slice = false;
  while (at + nalLengthSize < data.byteLength) {
    let length = 0;
    for (let i = 0; i < nalLengthSize; i++) length = length * 256 + data[at + i]!;
    const type = data[at + nalLengthSize]! & 0x1f;
    if (type === NAL_IDR) return true;
    if (type === NAL_SLICE) slice = true;
    at += nalLengthSize + length;
  }
  return slice ? false : null;
}

interface TrackFragment {
  baseIsMoof: boolean;
  baseOffset: number | null;
  duration: number;
  size: number;
  flags: number | null;
  decodeTime: number;
}

function trackFragment(bytes: Uint8Array, traf: Box, setup: DecoderSetup): TrackFragment | null {
  const view = viewOf(bytes);
  const tfhd = child(bytes, traf, 'tfhd');
  if (!tfhd || view.getUint32(tfhd.body + 4) !== setup.trackId) return null;
  const flags = view.getUint32(tfhd.body) & 0xffffff;
  let at = tfhd.body + 8;
  const fragment: TrackFragment = {
    baseIsMoof: (flags & 0x20000) !== 0,
    baseOffset: null,
    duration: setup.defaultDuration,
    size: 0,
    flags: setup.defaultFlags,
    decodeTime: 0,
  };
  if (flags & 0x1) {
    fragment.baseOffset = Number(view.getBigUint64(at));
    at += 8;
  }
  if (flags & 0x2) at += 4;
  if (flags & 0x8) {
    fragment.duration = view.getUint32(at);
    at += 4;
  }
  if (flags & 0x10) {
    fragment.size = view.getUint32(at);
    at += 4;
  }
  if (flags & 0x20) fragment.flags = view.getUint32(at);
  const tfdt = child(bytes, traf, 'tfdt');
  if (tfdt) {
    fragment.decodeTime =
      bytes[tfdt.body] === 1 ? Number(view.getBigUint64(tfdt.body + 4)) : view.getUint32(tfdt.body + 4);
  }
  return fragment;
}

/**
 * The samples of the setup's track in a media segment: one or more moof + mdat pairs, in decode order. The key
 * flag comes from the NAL units (what the decoder itself checks), else from the sample flags.
 */
export function readSamples(fragment: Uint8Array, setup: DecoderSetup): Sample[] {
  const samples: Sample[] = [];
  const view = viewOf(fragment);
  const toUs = (units: number) => Math.round((units * 1_000_000) / setup.timescale);
  for (const moof of boxes(fragment, 0, fragment.byteLength)) {
    if (moof.type !== 'moof') continue;
    for (const traf of boxes(fragment, moof.body, moof.end)) {
      if (traf.type !== 'traf') continue;
      const track = trackFragment(fragment, traf, setup);
      if (!track) continue;
      const base = track.baseOffset ?? moof.start;
      let decodeTime = track.decodeTime;
      let dataAt = base;
      for (const trun of boxes(fragment, traf.body, traf.end)) {
        if (trun.type !== 'trun') continue;
        const version = fragment[trun.body]!;
        const flags = view.getUint32(trun.body) & 0xffffff;
        const count = view.getUint32(trun.body + 4);
        let at = trun.body + 8;
        /** The next 32-bit field of the trun, unsigned. */
        const next = () => {
          at += 4;
          return view.getUint32(at - 4);
        };
        if (flags & 0x1) dataAt = base + (next() | 0);
        let firstFlags: number | null = null;
        if (flags & 0x4) firstFlags = next();
        for (let i = 0; i < count; i++) {
          const duration = flags & 0x100 ? next() : track.duration;
          const size = flags & 0x200 ? next() : track.size;
          let sampleFlags = flags & 0x400 ? next() : track.flags;
          if (i === 0 && firstFlags !== null) sampleFlags = firstFlags;
          // Composition offset: signed from trun version 1 on.
          const raw = flags & 0x800 ? next() : 0;
          const offset = version === 0 ? raw : raw | 0;
          if (dataAt + size > fragment.byteLength) return samples;
          const data = fragment.subarray(dataAt, dataAt + size);
          const idr = isIdr(data, setup.nalLengthSize);
          samples.push({
            data,
            key: idr ?? (sampleFlags === null || (sampleFlags & NON_SYNC) === 0),
            timestampUs: toUs(decodeTime + offset),
            durationUs: toUs(duration),
          });
          dataAt += size;
          decodeTime += duration;
        }
      }
    }
  }
  return samples;
}
