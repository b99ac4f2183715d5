/**
 * H.264 sequence parameter set (ITU-T H.264 §7.3.2.1.1, Annex E VUI): what a container needs to describe the
 * stream — picture size after cropping, profile, constraint flags, level, RFC 6381 codec string, chroma and
 * bit depth for the avcC extension, and the VUI sample aspect ratio, frame timing and reorder depth when present.
 */
import { RbspError, RbspReader, unescapeRbsp } from './rbsp-reader';

export type H264SpsErrorReason = 'not-sps' | 'truncated' | 'out-of-range';

/** Anything wrong with an SPS: bad input is reported with this, never with a RangeError or a made-up size. */
export class H264SpsError extends Error {
  override readonly name = 'H264SpsError';
  constructor(
    readonly reason: H264SpsErrorReason,
    message: string,
  ) {
    super(message);
  }
}

export interface H264FrameTiming {
  /** VUI num_units_in_tick and time_scale: a field lasts one tick, a frame two. */
  numUnitsInTick: number;
  timeScale: number;
  fixedFrameRate: boolean;
}

export interface H264Sps {
  profileIdc: number;
  /** constraint_set0..5 flags and the two reserved bits, as the byte sits in the SPS. */
  constraintFlags: number;
  levelIdc: number;
  /** `avc1.PPCCLL` (RFC 6381 §3.3). */
  codec: string;
  width: number;
  height: number;
  chromaFormatIdc: number;
  bitDepthLuma: number;
  bitDepthChroma: number;
  frameMbsOnly: boolean;
  /** Sample aspect ratio; 1:1 when the VUI does not say. */
  sarWidth: number;
  sarHeight: number;
  timing: H264FrameTiming | null;
  /**
   * VUI max_num_reorder_frames (bitstream restriction): how many frames may come before a frame in decode order
   * and after it in presentation order (0: no B-frame reordering). Null when the VUI does not say.
   */
  maxReorderFrames: number | null;
}

const NAL_SPS = 7;
/** Profiles whose SPS carries chroma_format_idc, bit depths and scaling matrices. */
const HIGH_PROFILES = new Set([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135]);
/** Table E-1: sample aspect ratios for aspect_ratio_idc 1…16. */
const SAR_TABLE: readonly (readonly [number, number])[] = [
  [1, 1],
  [12, 11],
  [10, 11],
  [16, 11],
  [40, 33],
  [24, 11],
  [20, 11],
  [32, 11],
  [80, 33],
  [18, 11],
  [15, 11],
  [64, 33],
  [160, 99],
  [4, 3],
  [3, 2],
  [2, 1],
];
const EXTENDED_SAR = 255;
/** Level 6.2 allows 139 264 macroblocks a frame, at most √(8·139 264) ≈ 1055 of them in a row or column. */
const MAX_MBS_PER_SIDE = 1055;

const hex2 = (n: number) => n.toString(16).padStart(2, '0');

function check(ok: boolean, what: string): void {
  if (!ok) throw new H264SpsError('out-of-range', `The SPS has an invalid ${what}.`);
}

function ueAtMost(r: RbspReader, max: number, what: string): number {
  const value = r.ue();
  check(value <= max, what);
  return value;
}

function skipScalingList(r: RbspReader, size: number): void {
  let last = 8;
  let next = 8;
  for (let j = 0; j < size; j++) {
    if (next !== 0) {
      const delta = r.se();
      check(delta >= -128 && delta <= 127, 'scaling list delta');
      next = (last + delta + 256) % 256;
    }
    last = next === 0 ? last : next;
  }
}

function readChroma(r: RbspReader) {
  const chromaFormatIdc = ueAtMost(r, 3, 'chroma_format_idc');
  const separateColourPlanes = chromaFormatIdc === 3 && r.u1() === 1;
  const bitDepthLuma = ueAtMost(r, 6, 'bit depth') + 8;
  const bitDepthChroma = ueAtMost(r, 6, 'bit depth') + 8;
  r.u1(); // qpprime_y_zero_transform_bypass_flag
  if (r.u1() === 1) {
    const lists = chromaFormatIdc === 3 ? 12 : 8;
    for (let i = 0; i < lists; i++) if (r.u1() === 1) skipScalingList(r, i < 6 ? 16 : 64);
  }
  return { chromaFormatIdc, separateColourPlanes, bitDepthLuma, bitDepthChroma };
}

function skipPictureOrderCount(r: RbspReader): void {
  const type = ueAtMost(r, 2, 'pic_order_cnt_type');
  if (type === 0) {
    ueAtMost(r, 12, 'log2_max_pic_order_cnt_lsb_minus4');
  } else if (type === 1) {
    r.u1(); // delta_pic_order_always_zero_flag
    r.se(); // offset_for_non_ref_pic
    r.se(); // offset_for_top_to_bottom_field
    const cycle = ueAtMost(r, 255, 'num_ref_frames_in_pic_order_cnt_cycle');
    for (let i = 0; i < cycle; i++) r.se();
  }
}

interface Vui {
  sar: readonly [number, number];
  timing: H264FrameTiming | null;
  maxReorderFrames: number | null;
}

const NO_VUI: Vui = { sar: [1, 1], timing: null, maxReorderFrames: null };
/** H.264 Annex A: the decoded picture buffer holds at most 16 frames, so no more can wait to be reordered. */
const MAX_DPB_FRAMES = 16;

/** hrd_parameters() (Annex E.1.2), read past. */
function skipHrd(r: RbspReader): void {
  const count = ueAtMost(r, 31, 'cpb_cnt_minus1') + 1;
  r.u(8); // bit_rate_scale, cpb_size_scale
  for (let i = 0; i < count; i++) {
    r.ue(); // bit_rate_value_minus1
    r.ue(); // cpb_size_value_minus1
    r.u1(); // cbr_flag
  }
  r.u(20); // four delay and offset lengths
}

/** The VUI after the timing: HRD parameters, then the bitstream restriction that bounds reordering. */
function readMaxReorderFrames(r: RbspReader): number | null {
  const nalHrd = r.u1() === 1;
  if (nalHrd) skipHrd(r);
  const vclHrd = r.u1() === 1;
  if (vclHrd) skipHrd(r);
  if (nalHrd || vclHrd) r.u1(); // low_delay_hrd_flag
  r.u1(); // pic_struct_present_flag
  if (r.u1() === 0) return null;
  r.u1(); // motion_vectors_over_pic_boundaries_flag
  for (let i = 0; i < 4; i++) r.ue(); // max bytes per picture, bits per macroblock, motion vector lengths
  const reorder = r.ue();
  const buffering = r.ue();
  return reorder <= buffering && buffering <= MAX_DPB_FRAMES ? reorder : null;
}

function readVui(r: RbspReader): Vui {
  let sar: readonly [number, number] = [1, 1];
  if (r.u1() === 1) {
    const idc = r.u(8);
    if (idc === EXTENDED_SAR) sar = [r.u(16), r.u(16)];
    else if (idc >= 1 && idc <= SAR_TABLE.length) sar = SAR_TABLE[idc - 1]!;
    if (sar[0] === 0 || sar[1] === 0) sar = [1, 1];
  }
  if (r.u1() === 1) r.u1(); // overscan_appropriate_flag
  if (r.u1() === 1) {
    r.u(4); // video_format, video_full_range_flag
    if (r.u1() === 1) r.u(24); // colour_primaries, transfer_characteristics, matrix_coefficients
  }
  if (r.u1() === 1) {
    r.ue(); // chroma_sample_loc_type_top_field
    r.ue(); // chroma_sample_loc_type_bottom_field
  }
  let timing: H264FrameTiming | null = null;
  if (r.u1() === 1) {
    const numUnitsInTick = r.u(32);
    const timeScale = r.u(32);
    const fixedFrameRate = r.u1() === 1;
    if (numUnitsInTick > 0 && timeScale > 0) timing = { numUnitsInTick, timeScale, fixedFrameRate };
  }
  let maxReorderFrames: number | null = null;
  try {
    maxReorderFrames = readMaxReorderFrames(r);
  } catch (error) {
    if (!(error instanceof RbspError || error instanceof H264SpsError)) throw error;
  }
  return { sar, timing, maxReorderFrames };
}

/**
 * VUI is optional metadata after everything the picture size depends on. Some cameras send a VUI that is cut
 * short or malformed; the stream still decodes, so it loses only the SAR and the frame-rate hint.
 */
function readVuiLeniently(r: RbspReader): Vui {
  try {
    return readVui(r);
  } catch (error) {
    if (error instanceof RbspError) return NO_VUI;
    throw error;
  }
}

function parse(nal: Uint8Array): H264Sps {
  if (nal.length < 4) throw new H264SpsError('truncated', `An SPS of ${nal.length} bytes is too short.`);
  const header = nal[0]!;
  if ((header & 0x80) !== 0 || (header & 0x1f) !== NAL_SPS) {
    throw new H264SpsError('not-sps', `NAL unit type ${header & 0x1f} is not a sequence parameter set.`);
  }
  const r = new RbspReader(unescapeRbsp(nal.subarray(1)));
  const profileIdc = r.u(8);
  const constraintFlags = r.u(8);
  const levelIdc = r.u(8);
  ueAtMost(r, 31, 'seq_parameter_set_id');
  const chroma = HIGH_PROFILES.has(profileIdc)
    ? readChroma(r)
    : { chromaFormatIdc: 1, separateColourPlanes: false, bitDepthLuma: 8, bitDepthChroma: 8 };
  ueAtMost(r, 12, 'log2_max_frame_num_minus4');
  skipPictureOrderCount(r);
  r.ue(); // max_num_ref_frames
  r.u1(); // gaps_in_frame_num_value_allowed_flag
  const widthMbs = ueAtMost(r, MAX_MBS_PER_SIDE - 1, 'picture width') + 1;
  const heightMapUnits = ueAtMost(r, MAX_MBS_PER_SIDE - 1, 'picture height') + 1;
  const frameMbsOnly = r.u1() === 1;
  if (!frameMbsOnly) r.u1(); // mb_adaptive_frame_field_flag
  r.u1(); // direct_8x8_inference_flag
  const crop = r.u1() === 1 ? [r.ue(), r.ue(), r.ue(), r.ue()] : [0, 0, 0, 0];
  const vui = r.u1() === 1 ? readVuiLeniently(r) : NO_VUI;

  // §7.4.2.1.1: crop offsets count in chroma samples (and in field pairs for interlaced coding).
  const chromaArrayType = chroma.separateColourPlanes ? 0 : chroma.chromaFormatIdc;
  const subWidthC = chromaArrayType === 1 || chromaArrayType === 2 ? 2 : 1;
  const subHeightC = chromaArrayType === 1 ? 2 : 1;
  const fieldFactor = frameMbsOnly ? 1 : 2;
  const cropUnitX = chromaArrayType === 0 ? 1 : subWidthC;
  const cropUnitY = (chromaArrayType === 0 ? 1 : subHeightC) * fieldFactor;
  const [left, right, top, bottom] = crop as [number, number, number, number];
  const width = widthMbs * 16 - cropUnitX * (left + right);
  const height = heightMapUnits * 16 * fieldFactor - cropUnitY * (top + bottom);
  check(width > 0 && height > 0, 'frame cropping (nothing of the picture is left)');

  return {
    profileIdc,
    constraintFlags,
    levelIdc,
    codec: `avc1.${hex2(profileIdc)}${hex2(constraintFlags)}${hex2(levelIdc)}`,
    width,
    height,
    chromaFormatIdc: chroma.chromaFormatIdc,
    bitDepthLuma: chroma.bitDepthLuma,
    bitDepthChroma: chroma.bitDepthChroma,
    frameMbsOnly,
    sarWidth: vui.sar[0],
    sarHeight: vui.sar[1],
    timing: vui.timing,
    maxReorderFrames: vui.maxReorderFrames,
  };
}

/** Parses a raw SPS NAL unit (header byte first, no start code). Throws H264SpsError on anything invalid. */
export function parseSps(nal: Uint8Array): H264Sps {
  if (!(nal instanceof Uint8Array)) throw new H264SpsError('not-sps', 'An SPS must be given as bytes.');
  try {
    return parse(nal);
  } catch (error) {
    if (error instanceof RbspError) {
      throw new H264SpsError(
        error.reason === 'truncated' ? 'truncated' : 'out-of-range',
        `The SPS is malformed: ${error.message}`,
      );
    }
    throw error;
  }
}

/** Frame duration in 90 kHz units from the VUI timing, or null when the SPS gives no usable rate. */
export function vuiFrameDuration90k(timing: H264FrameTiming | null): number | null {
  if (!timing) return null;
  const duration = Math.round((2 * timing.numUnitsInTick * 90_000) / timing.timeScale);
  // Outside 1…120 fps the VUI is more likely wrong than the camera that fast or slow.
  return duration >= 750 && duration <= 90_000 ? duration : null;
}
