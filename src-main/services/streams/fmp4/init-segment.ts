/**
 * The init segment (ftyp + moov) of a one-track H.264 fragmented MP4, laid out as ffmpeg writes it with
 * `-movflags empty_moov+default_base_moof`, so the players and readers that consume ffmpeg's output today see
 * the same boxes: empty sample tables, an mvex/trex, the avc1 sample entry with avcC (and pasp).
 */
import type { H264Sps } from './h264-sps';
import { ascii, box, fullBox, u16, u32, u8, UNITY_MATRIX, zeros } from './mp4-box-writer';
import type { H264Parameters } from './types';

export const TRACK_ID = 1;
export const TIMESCALE = 90_000;
/** ISO 639-2 "und" packed as three 5-bit letters, as ffmpeg writes for an unknown language. */
const LANGUAGE_UNDETERMINED = 0x55c4;
/** Baseline, Main and Extended: the profiles whose avcC has no chroma/bit-depth extension (as ffmpeg decides). */
const PROFILES_WITHOUT_AVCC_EXTENSION = new Set([66, 77, 88]);

function ftyp(): Buffer {
  return box('ftyp', ascii('iso5'), u32(512), ascii('iso5iso6mp41'));
}

function mvhd(): Buffer {
  // Times and duration 0: a live stream has none. Rate 1.0, volume 1.0, next track 2.
  return fullBox('mvhd', 0, 0, u32(0, 0, 1000, 0, 0x10000), u16(0x0100), zeros(10), UNITY_MATRIX, zeros(24), u32(2));
}

function tkhd(displayWidth: number, height: number): Buffer {
  const enabledInMovie = 0x3;
  return fullBox(
    'tkhd',
    0,
    enabledInMovie,
    u32(0, 0, TRACK_ID, 0, 0),
    zeros(8),
    u16(0, 0, 0, 0),
    UNITY_MATRIX,
    u32(Math.min(0xffff, Math.round(displayWidth)) * 0x10000, height * 0x10000),
  );
}

function mdhd(): Buffer {
  return fullBox('mdhd', 0, 0, u32(0, 0, TIMESCALE, 0), u16(LANGUAGE_UNDETERMINED, 0));
}

function hdlr(): Buffer {
  return fullBox('hdlr', 0, 0, u32(0), ascii('vide'), u32(0, 0, 0), ascii('VideoHandler\0'));
}

function dinf(): Buffer {
  const selfContained = 0x1;
  return box('dinf', fullBox('dref', 0, 0, u32(1), fullBox('url ', 0, selfContained)));
}

/** AVCDecoderConfigurationRecord (ISO/IEC 14496-15 §5.3.3.1) with 4-byte NAL lengths. */
function avcC(params: H264Parameters, sps: H264Sps): Buffer {
  const ext = PROFILES_WITHOUT_AVCC_EXTENSION.has(sps.profileIdc)
    ? []
    : [u8(0xfc | sps.chromaFormatIdc, 0xf8 | (sps.bitDepthLuma - 8), 0xf8 | (sps.bitDepthChroma - 8), 0)];
  return box(
    'avcC',
    u8(1, sps.profileIdc, sps.constraintFlags, sps.levelIdc, 0xfc | 3, 0xe0 | 1),
    u16(params.sps.length),
    params.sps,
    u8(1),
    u16(params.pps.length),
    params.pps,
    ext,
  );
}

function avc1(params: H264Parameters, sps: H264Sps): Buffer {
  return box(
    'avc1',
    zeros(6),
    u16(1), // data_reference_index
    zeros(16),
    u16(sps.width, sps.height),
    u32(0x480000, 0x480000, 0), // 72 dpi, 72 dpi, reserved
    u16(1), // frame_count
    zeros(32), // compressorname
    u16(0x18, 0xffff), // depth, pre_defined −1
    avcC(params, sps),
    box('pasp', u32(sps.sarWidth, sps.sarHeight)),
  );
}

function stbl(params: H264Parameters, sps: H264Sps): Buffer {
  return box(
    'stbl',
    fullBox('stsd', 0, 0, u32(1), avc1(params, sps)),
    fullBox('stts', 0, 0, u32(0)),
    fullBox('stsc', 0, 0, u32(0)),
    fullBox('stsz', 0, 0, u32(0, 0)),
    fullBox('stco', 0, 0, u32(0)),
  );
}

function trak(params: H264Parameters, sps: H264Sps): Buffer {
  const displayWidth = (sps.width * sps.sarWidth) / sps.sarHeight;
  const vmhd = fullBox('vmhd', 0, 1, zeros(8));
  const minf = box('minf', vmhd, dinf(), stbl(params, sps));
  return box('trak', tkhd(displayWidth, sps.height), box('mdia', mdhd(), hdlr(), minf));
}

function mvex(): Buffer {
  // Defaults all 0: every fragment states its sample's duration, size and flags in the trun.
  return box('mvex', fullBox('trex', 0, 0, u32(TRACK_ID, 1, 0, 0, 0)));
}

/** ftyp + moov for the stream described by these parameter sets (sps already parsed from params.sps). */
export function buildInitSegment(params: H264Parameters, sps: H264Sps): Buffer {
  return Buffer.concat([ftyp(), box('moov', mvhd(), trak(params, sps), mvex())]);
}
