import { boxes, VISUAL_ENTRY_HEADER, viewOf } from './mp4Boxes';

/** What an fMP4 init segment says about its video track. */
export interface InitInfo {
  /** RFC 6381 codec string for MSE, e.g. `avc1.42c01f`; a bare `hvc1`/`hev1` for H.265 (never playable here). */
  codec: string;
  width: number;
  height: number;
}

const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl']);
const VISUAL_ENTRIES = new Set(['avc1', 'avc3', 'hvc1', 'hev1']);

const hex2 = (n: number) => n.toString(16).padStart(2, '0');

function sampleEntry(bytes: Uint8Array, start: number, end: number): InitInfo | null {
  for (const box of boxes(bytes, start, end)) {
    if (CONTAINERS.has(box.type)) {
      const found = sampleEntry(bytes, box.body, box.end);
      if (found) return found;
    } else if (box.type === 'stsd') {
      // Full box header (4) and entry count (4), then the entries.
      for (const entry of boxes(bytes, box.body + 8, box.end)) {
        if (!VISUAL_ENTRIES.has(entry.type)) continue;
        const view = viewOf(bytes);
        const width = view.getUint16(entry.body + 24);
        const height = view.getUint16(entry.body + 26);
        let codec = entry.type;
        for (const child of boxes(bytes, entry.body + VISUAL_ENTRY_HEADER, entry.end)) {
          if (child.type === 'avcC' && child.body + 4 <= child.end) {
            codec = `${entry.type}.${hex2(bytes[child.body + 1]!)}${hex2(bytes[child.body + 2]!)}${hex2(bytes[child.body + 3]!)}`;
          }
        }
        return { codec, width, height };
      }
    }
  }
  return null;
}

/** Reads the video codec and size from an init segment (ftyp + moov); null when it is not one. */
export function readInitInfo(bytes: Uint8Array): InitInfo | null {
  try {
    return sampleEntry(bytes, 0, bytes.byteLength);
  } catch {
    return null;
  }
}

export function mimeFor(codec: string): string {
  return `video/mp4; codecs="${codec}"`;
}
