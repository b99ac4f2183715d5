import { MediaError } from './media-error';

/**
 * What the bytes say a file is: its magic number, then a walk over its structure. The declared Content-Type and
 * file name count for nothing. The walk finds where the format ends: markup or an archive after it or inside its
 * metadata make a polyglot (a JPEG that is also a ZIP or a web page) and the file is refused.
 */
export type ImageMime = 'image/jpeg' | 'image/png' | 'image/webp';
export type VideoMime = 'video/mp4' | 'video/quicktime' | 'video/webm';

export type Sniffed =
  | { kind: 'image'; mime: ImageMime; width: number; height: number }
  | { kind: 'video'; mime: VideoMime };

/** How many leading bytes tell the type. */
export const SNIFF_BYTES = 64;

const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1', 'avif', 'avis']);
const ACTIVE_MARKERS = ['<html', '<script', '<?php', '<svg', '<iframe', '<!doctype', '<body', '%pdf-'].map((m) =>
  Buffer.from(m, 'latin1'),
);
const ZIP_MARKERS = [Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('PK\x05\x06', 'latin1')];

/** Markup that a browser would run, or an archive: never inside a photo's metadata. */
export function hasActiveContent(bytes: Buffer): boolean {
  if (ZIP_MARKERS.some((m) => bytes.includes(m))) return true;
  const lower = Buffer.from(bytes.toString('latin1').toLowerCase(), 'latin1');
  return ACTIVE_MARKERS.some((m) => lower.includes(m));
}

/** The type from the first bytes only; refused when it is none we take. */
export function sniffType(head: Buffer): { kind: 'image'; mime: ImageMime } | { kind: 'video'; mime: VideoMime } {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff)
    return { kind: 'image', mime: 'image/jpeg' };
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return { kind: 'image', mime: 'image/png' };
  if (head.length >= 12 && head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP')
    return { kind: 'image', mime: 'image/webp' };
  if (head.length >= 12 && head.toString('latin1', 4, 8) === 'ftyp') {
    const brand = head.toString('latin1', 8, 12);
    if (HEIF_BRANDS.has(brand)) throw new MediaError('heif_not_supported');
    return { kind: 'video', mime: brand === 'qt  ' ? 'video/quicktime' : 'video/mp4' };
  }
  if (head.length >= 4 && head.readUInt32BE(0) === 0x1a45dfa3) return { kind: 'video', mime: 'video/webm' };
  throw new MediaError('unknown_type');
}

/**
 * Bytes after the image's end: phones append some (Samsung's SEFT trailer, the MP4 of a motion photo), and the
 * published copy is re-encoded without them, so they pass — unless they hold an archive or markup, which makes
 * the file a polyglot (a JPEG that is also a ZIP or a web page).
 */
function checkTrailing(bytes: Buffer, end: number): void {
  if (end > bytes.length) throw new MediaError('truncated');
  if (end < bytes.length && hasActiveContent(bytes.subarray(end))) throw new MediaError('polyglot');
}

function jpegSize(bytes: Buffer): { width: number; height: number } {
  let size: { width: number; height: number } | null = null;
  let pos = 2;
  for (;;) {
    if (pos + 1 >= bytes.length) throw new MediaError('truncated');
    if (bytes[pos] !== 0xff) throw new MediaError('corrupt');
    while (bytes[pos + 1] === 0xff && pos + 2 < bytes.length) pos++; // fill bytes
    const marker = bytes[pos + 1]!;
    if (marker === 0xd9) {
      checkTrailing(bytes, pos + 2);
      if (!size) throw new MediaError('corrupt');
      return size;
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      pos += 2;
      continue;
    }
    if (pos + 4 > bytes.length) throw new MediaError('truncated');
    const length = bytes.readUInt16BE(pos + 2);
    const end = pos + 2 + length;
    if (length < 2) throw new MediaError('corrupt');
    if (end > bytes.length) throw new MediaError('truncated');
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) {
      if (length < 8) throw new MediaError('corrupt');
      size = { height: bytes.readUInt16BE(pos + 5), width: bytes.readUInt16BE(pos + 7) };
    } else if ((marker >= 0xe0 && marker <= 0xef) || marker === 0xfe) {
      if (hasActiveContent(bytes.subarray(pos + 4, end))) throw new MediaError('polyglot');
    }
    pos = end;
    if (marker === 0xda) {
      if (!size) throw new MediaError('corrupt');
      // Entropy-coded data: 0xFF is stuffed as FF 00; restart markers FF D0–D7 belong to it.
      for (;;) {
        const next = bytes.indexOf(0xff, pos);
        if (next < 0 || next + 1 >= bytes.length) throw new MediaError('truncated');
        const b = bytes[next + 1]!;
        if (b === 0x00 || (b >= 0xd0 && b <= 0xd7) || b === 0xff) {
          pos = next + (b === 0xff ? 1 : 2);
          continue;
        }
        pos = next;
        break;
      }
    }
  }
}

const PNG_TEXT = new Set(['tEXt', 'iTXt', 'eXIf']);

function pngSize(bytes: Buffer): { width: number; height: number } {
  let pos = 8;
  let size: { width: number; height: number } | null = null;
  for (;;) {
    if (pos + 12 > bytes.length) throw new MediaError('truncated');
    const length = bytes.readUInt32BE(pos);
    const type = bytes.toString('latin1', pos + 4, pos + 8);
    if (!/^[A-Za-z]{4}$/.test(type)) throw new MediaError('corrupt');
    const end = pos + 12 + length;
    if (length > 0x7fffffff || end > bytes.length) throw new MediaError('truncated');
    if (pos === 8) {
      if (type !== 'IHDR' || length !== 13) throw new MediaError('corrupt');
      size = { width: bytes.readUInt32BE(pos + 8), height: bytes.readUInt32BE(pos + 12) };
    } else if (PNG_TEXT.has(type) && hasActiveContent(bytes.subarray(pos + 8, pos + 8 + length))) {
      throw new MediaError('polyglot');
    }
    pos = end;
    if (type === 'IEND') {
      checkTrailing(bytes, pos);
      return size!;
    }
  }
}

function webpSize(bytes: Buffer): { width: number; height: number } {
  const end = 8 + bytes.readUInt32LE(4);
  checkTrailing(bytes, end + (end % 2));
  let pos = 12;
  let size: { width: number; height: number } | null = null;
  while (pos + 8 <= end) {
    const type = bytes.toString('latin1', pos, pos + 4);
    const length = bytes.readUInt32LE(pos + 4);
    const data = pos + 8;
    if (data + length > end) throw new MediaError('truncated');
    if (type === 'VP8X' && length >= 10) {
      size = { width: 1 + bytes.readUIntLE(data + 4, 3), height: 1 + bytes.readUIntLE(data + 7, 3) };
    } else if (type === 'VP8 ' && length >= 10 && !size) {
      if (bytes[data + 3] !== 0x9d || bytes[data + 4] !== 0x01 || bytes[data + 5] !== 0x2a)
        throw new MediaError('corrupt');
      size = { width: bytes.readUInt16LE(data + 6) & 0x3fff, height: bytes.readUInt16LE(data + 8) & 0x3fff };
    } else if (type === 'VP8L' && length >= 5 && !size) {
      if (bytes[data] !== 0x2f) throw new MediaError('corrupt');
      const bits = bytes.readUInt32LE(data + 1);
      size = { width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff) };
    } else if ((type === 'EXIF' || type === 'XMP ') && hasActiveContent(bytes.subarray(data, data + length))) {
      throw new MediaError('polyglot');
    }
    pos = data + length + (length % 2);
  }
  if (!size) throw new MediaError('corrupt');
  return size;
}

/** A whole image in memory (images are capped well below what that costs): its type and declared size. */
export function sniffImage(bytes: Buffer): Sniffed & { kind: 'image' } {
  const type = sniffType(bytes.subarray(0, SNIFF_BYTES));
  if (type.kind !== 'image') throw new MediaError('unknown_type');
  const size =
    type.mime === 'image/jpeg' ? jpegSize(bytes) : type.mime === 'image/png' ? pngSize(bytes) : webpSize(bytes);
  if (size.width === 0 || size.height === 0) throw new MediaError('corrupt');
  return { kind: 'image', mime: type.mime, ...size };
}

/**
 * The top-level boxes of an MP4/QuickTime file must cover it exactly and include `moov`: anything after the last
 * box is another file riding along. `read(offset, length)` reads from the file, so a large video stays on disk.
 */
export async function checkIsoBoxes(
  size: number,
  read: (offset: number, length: number) => Promise<Buffer>,
): Promise<void> {
  let pos = 0;
  let moov = false;
  while (pos < size) {
    if (pos + 8 > size) {
      if (allZero(await read(pos, size - pos))) break;
      throw new MediaError('polyglot');
    }
    const head = await read(pos, 16);
    let length = head.readUInt32BE(0);
    const type = head.toString('latin1', 4, 8);
    if (!/^[\x20-\x7e]{4}$/.test(type)) throw new MediaError(pos === 0 ? 'corrupt' : 'polyglot');
    if (length === 1) {
      if (head.length < 16) throw new MediaError('truncated');
      length = Number(head.readBigUInt64BE(8));
    } else if (length === 0) length = size - pos;
    if (length < 8) throw new MediaError('corrupt');
    if (pos + length > size) throw new MediaError('truncated');
    if (type === 'moov') moov = true;
    pos += length;
  }
  if (!moov) throw new MediaError('truncated');
}

function allZero(bytes: Buffer): boolean {
  return bytes.every((b) => b === 0);
}
