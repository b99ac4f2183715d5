/**
 * H.264 access units → per-frame fragmented MP4: one init segment, then one moof + mdat per frame, the same
 * stream the pipeline gets from ffmpeg's `-movflags frag_every_frame+empty_moov+default_base_moof`. Streams with
 * B-frames get decode times and composition offsets (decode-times.ts); streams without are written as before.
 */
import { DEFAULT_MAX_BOX_BYTES } from '../mp4-boxes';
import { createDecodeTimeline, initialReorderDepth } from './decode-times';
import { DEFAULT_FRAME_DURATION_90K } from './frame-duration';
import { parseSps, vuiFrameDuration90k } from './h264-sps';
import { buildInitSegment, TRACK_ID } from './init-segment';
import type { H264AccessUnit, H264Parameters } from './types';

/** Input the muxer cannot write (bad parameter sets or access units); the SPS's own errors are H264SpsError. */
export class Fmp4MuxError extends Error {
  override readonly name: string = 'Fmp4MuxError';
}

/** Frame times in an order no reordering explains (a repeated time, or one far back): the camera's clock is broken. */
export class Fmp4OrderError extends Fmp4MuxError {
  override readonly name = 'Fmp4OrderError';
}

export interface Fmp4Muxer {
  /** ftyp + moov; send it before the first fragment and to every player that joins. */
  readonly init: Buffer;
  /** RFC 6381 codec string from the SPS, e.g. avc1.64001f. */
  readonly codec: string;
  readonly width: number;
  readonly height: number;
  /**
   * moof + mdat of one frame, given in decode order. Without reordering tfdt is au.pts90k exactly; with B-frames
   * tfdt is the decode time and the trun's composition offset makes the presentation time au.pts90k plus a
   * constant (decode-times.ts). The duration is nextPts90k − pts90k when the caller knows it, else an estimate
   * (see frame-duration.ts).
   */
  fragment(au: H264AccessUnit, nextPts90k?: number): Buffer;
  /** Whether these parameter sets are the ones this muxer was made for; if not, make a new muxer. */
  sameParameters(params: H264Parameters): boolean;
}

const NAL_PPS = 8;
const MAX_PARAMETER_SET_BYTES = 0xffff;
/** Sample flags as ffmpeg writes them (ISO/IEC 14496-12 §8.8.3.1): depends_on 2 (an I picture)… */
const SYNC_SAMPLE_FLAGS = 0x02000000;
/** …or depends_on 1 plus sample_is_non_sync_sample. */
const NON_SYNC_SAMPLE_FLAGS = 0x01010000;
const TFHD_DEFAULT_BASE_IS_MOOF = 0x020000;
/** trun: data offset, and per-sample duration, size and flags… */
const TRUN_FLAGS = 0x000001 | 0x000100 | 0x000200 | 0x000400;
/** …and the sample's composition time offset, for streams that reorder. */
const TRUN_COMPOSITION_OFFSET = 0x000800;
// moof = header 8 + mfhd 16 + traf header 8 + tfhd 16 + tfdt (v1) 20 + trun (1 sample, 4 fields) 32, 4 more
// with the composition offset.
const MOOF_BYTES = 100;
const MDAT_HEADER_BYTES = 8;
const OFFSET_BYTES = 4;

function checkParameters(params: H264Parameters): void {
  const { sps, pps } = params;
  if (!Buffer.isBuffer(sps) || !Buffer.isBuffer(pps)) throw new Fmp4MuxError('SPS and PPS must be Buffers.');
  if (sps.length > MAX_PARAMETER_SET_BYTES || pps.length > MAX_PARAMETER_SET_BYTES) {
    throw new Fmp4MuxError('A parameter set longer than 65535 bytes does not fit the avcC box.');
  }
  if (pps.length < 2 || (pps[0]! & 0x1f) !== NAL_PPS) throw new Fmp4MuxError('The PPS is not a PPS NAL unit.');
}

/**
 * moof + mdat header with every constant field in place; a fragment copies it and fills in the rest at the
 * offsets below (cheaper per frame than writing the boxes field by field).
 */
function fragmentHeader(withOffset: boolean): Buffer {
  const extra = withOffset ? OFFSET_BYTES : 0;
  const moofBytes = MOOF_BYTES + extra;
  const out = Buffer.alloc(moofBytes + MDAT_HEADER_BYTES);
  const layout: [number, number, string][] = [
    [0, moofBytes, 'moof'],
    [8, 16, 'mfhd'],
    [24, 76 + extra, 'traf'],
    [32, 16, 'tfhd'],
    [48, 20, 'tfdt'],
    [68, 32 + extra, 'trun'],
    [moofBytes, 0, 'mdat'],
  ];
  for (const [at, size, type] of layout) {
    out.writeUInt32BE(size, at);
    out.write(type, at + 4, 'latin1');
  }
  out.writeUInt32BE(TFHD_DEFAULT_BASE_IS_MOOF, 40);
  out.writeUInt32BE(TRACK_ID, 44);
  out.writeUInt32BE(0x01000000, 56); // tfdt version 1: 64-bit time, past 13 h of 90 kHz ticks
  out.writeUInt32BE(TRUN_FLAGS | (withOffset ? TRUN_COMPOSITION_OFFSET : 0), 76);
  out.writeUInt32BE(1, 80); // sample_count
  out.writeUInt32BE(moofBytes + MDAT_HEADER_BYTES, 84); // data_offset, from the moof (default-base-is-moof)
  return out;
}
const FRAGMENT_HEADER = fragmentHeader(false);
const FRAGMENT_HEADER_WITH_OFFSET = fragmentHeader(true);
const AT = {
  sequence: 20,
  decodeTimeHigh: 60,
  decodeTimeLow: 64,
  trunVersion: 72,
  duration: 88,
  size: 92,
  flags: 96,
  offset: 100,
};

function checkAccessUnit(au: H264AccessUnit, order: string | null, nextPts90k: number | undefined): void {
  if (!Number.isSafeInteger(au.pts90k) || au.pts90k < 0) {
    throw new Fmp4MuxError(`Access unit time ${au.pts90k} is not a non-negative integer.`);
  }
  if (order !== null) throw new Fmp4OrderError(order);
  if (nextPts90k !== undefined && (!Number.isSafeInteger(nextPts90k) || nextPts90k <= au.pts90k)) {
    throw new Fmp4MuxError(`The next frame's time ${nextPts90k} does not follow ${au.pts90k}.`);
  }
  if (au.nalus.length === 0) throw new Fmp4MuxError('An access unit has no NAL units.');
}

/**
 * A muxer for one stream's parameter sets. Access units go in as the reader gives them, every NAL unit
 * (in-band SPS/PPS and SEI too, as ffmpeg copies them) 4-byte length-prefixed into the sample.
 * Throws H264SpsError when the SPS is unreadable, Fmp4MuxError for other bad input.
 */
export function createFmp4Muxer(params: H264Parameters): Fmp4Muxer {
  checkParameters(params);
  const sps = parseSps(params.sps);
  const own = { sps: Buffer.from(params.sps), pps: Buffer.from(params.pps) };
  const timeline = createDecodeTimeline({
    depth: initialReorderDepth(sps),
    frameDuration90k: vuiFrameDuration90k(sps.timing) ?? DEFAULT_FRAME_DURATION_90K,
  });
  let sequence = 0;

  return {
    init: buildInitSegment(own, sps),
    codec: sps.codec,
    width: sps.width,
    height: sps.height,
    fragment(au, nextPts90k) {
      checkAccessUnit(au, timeline.check(au.pts90k), nextPts90k);
      let size = 0;
      for (const nal of au.nalus) {
        if (nal.length === 0) throw new Fmp4MuxError('An access unit holds an empty NAL unit.');
        size += 4 + nal.length;
      }
      // The same bound the fMP4 splitter puts on a box: a bigger picture means the reader is handing us garbage.
      if (MDAT_HEADER_BYTES + size > DEFAULT_MAX_BOX_BYTES) {
        throw new Fmp4MuxError(`An access unit of ${size} bytes is too large for one fragment.`);
      }
      const { decodeTime, compositionOffset, duration } = timeline.next(au.pts90k, au.key, nextPts90k);
      sequence = (sequence + 1) >>> 0 || 1;
      const withOffset = timeline.reordering;
      const header = withOffset ? FRAGMENT_HEADER_WITH_OFFSET : FRAGMENT_HEADER;
      const out = Buffer.allocUnsafe(header.length + size);
      header.copy(out, 0);
      out.writeUInt32BE(sequence, AT.sequence);
      out.writeUInt32BE(Math.floor(decodeTime / 0x100000000), AT.decodeTimeHigh);
      out.writeUInt32BE(decodeTime >>> 0, AT.decodeTimeLow);
      out.writeUInt32BE(duration, AT.duration);
      out.writeUInt32BE(size, AT.size);
      out.writeUInt32BE(au.key ? SYNC_SAMPLE_FLAGS : NON_SYNC_SAMPLE_FLAGS, AT.flags);
      if (withOffset) {
        // Version 0 (unsigned offset) unless this one is negative: version 1 reads it signed.
        if (compositionOffset < 0) out[AT.trunVersion] = 1;
        out.writeInt32BE(compositionOffset, AT.offset);
      }
      out.writeUInt32BE(MDAT_HEADER_BYTES + size, header.length - MDAT_HEADER_BYTES);
      let at = header.length;
      for (const nal of au.nalus) {
        out.writeUInt32BE(nal.length, at);
        at += 4 + nal.copy(out, at + 4);
      }
      return out;
    },
    sameParameters(other) {
      return own.sps.equals(other.sps) && own.pps.equals(other.pps);
    },
  };
}
