/** Reads what the supervisor needs out of fMP4 boxes: the codec of an init segment, keyframes of fragments. */

export interface InitInfo {
  /** Sample entry of the video track: avc1/avc3 (H.264), hvc1/hev1 (H.265), … */
  sampleEntry: string;
  /** RFC 6381 codec string when it can be derived (H.264), e.g. avc1.64001f. */
  codecs: string | null;
  width: number | null;
  height: number | null;
  /** trex default_sample_flags, the last fallback for a fragment's keyframe flag. */
  defaultSampleFlags: number | null;
}

export interface FragmentInfo {
  keyframe: boolean;
  sampleCount: number;
}

const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'mvex', 'moof', 'traf']);
// ISO/IEC 14496-12 sample flags: sample_is_non_sync_sample.
const NON_SYNC = 0x00010000;

interface Box {
  type: string;
  /** The box's payload, after its header. */
  body: Buffer;
}

function* children(data: Buffer): Generator<Box> {
  let at = 0;
  while (at + 8 <= data.length) {
    let size = data.readUInt32BE(at);
    let header = 8;
    if (size === 1) {
      if (at + 16 > data.length) return;
      size = Number(data.readBigUInt64BE(at + 8));
      header = 16;
    } else if (size === 0) size = data.length - at;
    if (size < header || at + size > data.length) return;
    yield { type: data.toString('latin1', at + 4, at + 8), body: data.subarray(at + header, at + size) };
    at += size;
  }
}

/** Depth-first search for the first box of a type, descending only into container boxes. */
function find(data: Buffer, type: string): Box | null {
  for (const box of children(data)) {
    if (box.type === type) return box;
    if (CONTAINERS.has(box.type)) {
      const inner = find(box.body, type);
      if (inner) return inner;
    }
  }
  return null;
}

const hex2 = (n: number) => n.toString(16).padStart(2, '0');

/** Video track of an init segment (ftyp + moov); null when there is none. */
export function inspectInit(init: Buffer): InitInfo | null {
  const moov = find(init, 'moov');
  if (!moov) return null;
  let video: Box | null = null;
  for (const trak of children(moov.body)) {
    if (trak.type !== 'trak') continue;
    const hdlr = find(trak.body, 'hdlr');
    if (hdlr && hdlr.body.length >= 12 && hdlr.body.toString('latin1', 8, 12) === 'vide') video = trak;
    if (video) break;
  }
  if (!video) return null;
  const stsd = find(video.body, 'stsd');
  // stsd: version/flags (4), entry_count (4), then sample entries.
  const entry = stsd ? children(stsd.body.subarray(8)).next().value : undefined;
  if (!entry) return null;
  // VisualSampleEntry: 6 reserved, 2 data_reference_index, 16 pre_defined/reserved, then width and height.
  const width = entry.body.length >= 28 ? entry.body.readUInt16BE(24) : null;
  const height = entry.body.length >= 28 ? entry.body.readUInt16BE(26) : null;
  let codecs: string | null = null;
  if ((entry.type === 'avc1' || entry.type === 'avc3') && entry.body.length > 78) {
    const avcC = find(entry.body.subarray(78), 'avcC');
    if (avcC && avcC.body.length >= 4) {
      codecs = `${entry.type}.${hex2(avcC.body[1]!)}${hex2(avcC.body[2]!)}${hex2(avcC.body[3]!)}`;
    }
  }
  const trex = find(moov.body, 'trex');
  // trex: version/flags, track_ID, description index, duration, size, flags.
  const defaultSampleFlags = trex && trex.body.length >= 24 ? trex.body.readUInt32BE(20) : null;
  return { sampleEntry: entry.type, codecs, width, height, defaultSampleFlags };
}

/** Can Chromium's MSE play it without transcoding? H.264 only: HEVC in MSE depends on OS and GPU. */
export function isPlayable(info: InitInfo): boolean {
  return info.codecs !== null && /^avc[13]\./.test(info.codecs);
}

export function mimeOf(info: InitInfo): string | null {
  return info.codecs ? `video/mp4; codecs="${info.codecs}"` : null;
}

/** Offset and end of the first child box of `type` within data[from, to), or null. Plain loop: runs per frame. */
function child(data: Buffer, from: number, to: number, type: string): [number, number] | null {
  let at = from;
  while (at + 8 <= to) {
    const size = data.readUInt32BE(at);
    if (size < 8 || at + size > to) return null;
    if (data.toString('latin1', at + 4, at + 8) === type) return [at + 8, at + size];
    at += size;
  }
  return null;
}

/** Keyframe flag and sample count of a moof, from trun, then tfhd, then the init's trex defaults. */
export function inspectFragment(moof: Buffer, defaultSampleFlags: number | null): FragmentInfo {
  const isMoof = moof.length >= 8 && moof.toString('latin1', 4, 8) === 'moof';
  const end = isMoof ? Math.min(moof.length, moof.readUInt32BE(0)) : moof.length;
  const traf = child(moof, isMoof ? 8 : 0, end, 'traf');
  let flags = defaultSampleFlags;
  let sampleCount = 0;
  if (!traf) return { keyframe: false, sampleCount };
  const tfhd = child(moof, traf[0], traf[1], 'tfhd');
  if (tfhd && tfhd[1] - tfhd[0] >= 8) {
    const tf = moof.readUInt32BE(tfhd[0]) & 0xffffff;
    let at = tfhd[0] + 8;
    if (tf & 0x01) at += 8;
    if (tf & 0x02) at += 4;
    if (tf & 0x08) at += 4;
    if (tf & 0x10) at += 4;
    if (tf & 0x20 && at + 4 <= tfhd[1]) flags = moof.readUInt32BE(at);
  }
  const trun = child(moof, traf[0], traf[1], 'trun');
  if (trun && trun[1] - trun[0] >= 8) {
    const tr = moof.readUInt32BE(trun[0]) & 0xffffff;
    sampleCount = moof.readUInt32BE(trun[0] + 4);
    let at = trun[0] + 8;
    if (tr & 0x01) at += 4;
    if (tr & 0x04) {
      if (at + 4 <= trun[1]) flags = moof.readUInt32BE(at);
    } else if (tr & 0x400 && sampleCount > 0) {
      if (tr & 0x100) at += 4;
      if (tr & 0x200) at += 4;
      if (at + 4 <= trun[1]) flags = moof.readUInt32BE(at);
    }
  }
  return { keyframe: flags !== null && (flags & NON_SYNC) === 0, sampleCount };
}
