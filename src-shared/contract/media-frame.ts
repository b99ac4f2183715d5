/**
 * Binary media frames on /api/ws: [kind u8][channel u32 BE][payload]. Kept in Uint8Array so both the
 * renderer and Node can use it without Buffer.
 */
export const MEDIA_KIND = { init: 1, fragment: 2, end: 3 } as const;
export type MediaKind = (typeof MEDIA_KIND)[keyof typeof MEDIA_KIND];
export const MEDIA_HEADER_BYTES = 5;

export interface MediaFrame {
  kind: MediaKind;
  channel: number;
  payload: Uint8Array;
}

export function encodeMediaFrame(frame: MediaFrame): Uint8Array {
  const out = new Uint8Array(MEDIA_HEADER_BYTES + frame.payload.byteLength);
  const view = new DataView(out.buffer);
  view.setUint8(0, frame.kind);
  view.setUint32(1, frame.channel >>> 0, false);
  out.set(frame.payload, MEDIA_HEADER_BYTES);
  return out;
}

export function decodeMediaFrame(bytes: Uint8Array): MediaFrame | null {
  if (bytes.byteLength < MEDIA_HEADER_BYTES) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kind = view.getUint8(0);
  if (kind !== MEDIA_KIND.init && kind !== MEDIA_KIND.fragment && kind !== MEDIA_KIND.end) return null;
  return { kind, channel: view.getUint32(1, false), payload: bytes.subarray(MEDIA_HEADER_BYTES) };
}
