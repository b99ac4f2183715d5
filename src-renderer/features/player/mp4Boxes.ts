/** An ISO BMFF box inside a byte array: where it starts, where its body starts, where it ends. */
export interface Box {
  type: string;
  start: number;
  body: number;
  end: number;
}

/** VisualSampleEntry fields before its child boxes (ISO/IEC 14496-12 §12.1.3). */
export const VISUAL_ENTRY_HEADER = 78;

export function fourcc(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
}

export const viewOf = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** The boxes laid end to end in [start, end); stops at the first one that does not fit. */
export function* boxes(bytes: Uint8Array, start: number, end: number): Generator<Box> {
  const view = viewOf(bytes);
  let at = start;
  while (at + 8 <= end) {
    let size = view.getUint32(at);
    let header = 8;
    if (size === 1) {
      if (at + 16 > end) return;
      size = Number(view.getBigUint64(at + 8));
      header = 16;
    } else if (size === 0) size = end - at;
    if (size < header || at + size > end) return;
    yield { type: fourcc(bytes, at + 4), start: at, body: at + header, end: at + size };
    at += size;
  }
}
