import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';

/** Test media made at run time with the system ffmpeg (no binary fixtures in the repository). */
export function ffmpegBytes(args: string[], format: string): Buffer {
  return execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', ...args, '-f', format, 'pipe:1'], {
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** A plain JPEG of the ffmpeg test pattern. */
export function plainJpeg(width = 640, height = 480): Buffer {
  return ffmpegBytes(['-f', 'lavfi', '-i', `testsrc=size=${width}x${height}`, '-frames:v', '1'], 'mjpeg');
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The GPS position written into the test photo: Cao Lãnh, 10°27'36" N 105°38' E. */
export const GPS = { lat: [10, 27, 36], long: [105, 38, 0] } as const;

/**
 * An EXIF APP1 segment (little-endian TIFF) with Orientation 6 (stored sideways, as phones do) and a GPS IFD
 * holding GPSLatitudeRef/GPSLatitude/GPSLongitudeRef/GPSLongitude — what a phone's camera writes.
 */
export function exifWithGps(): Buffer {
  const tiff = Buffer.alloc(140);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  const entry = (at: number, tag: number, type: number, count: number, value: (b: Buffer, at: number) => void) => {
    tiff.writeUInt16LE(tag, at);
    tiff.writeUInt16LE(type, at + 2);
    tiff.writeUInt32LE(count, at + 4);
    value(tiff, at + 8);
  };
  // IFD0 at 8: Orientation, GPSInfo → 38.
  tiff.writeUInt16LE(2, 8);
  entry(10, 0x0112, 3, 1, (b, at) => b.writeUInt16LE(6, at));
  entry(22, 0x8825, 4, 1, (b, at) => b.writeUInt32LE(38, at));
  tiff.writeUInt32LE(0, 34);
  // GPS IFD at 38; rationals at 92 (latitude) and 116 (longitude).
  tiff.writeUInt16LE(4, 38);
  entry(40, 0x0001, 2, 2, (b, at) => b.write('N\0', at, 'latin1'));
  entry(52, 0x0002, 5, 3, (b, at) => b.writeUInt32LE(92, at));
  entry(64, 0x0003, 2, 2, (b, at) => b.write('E\0', at, 'latin1'));
  entry(76, 0x0004, 5, 3, (b, at) => b.writeUInt32LE(116, at));
  tiff.writeUInt32LE(0, 88);
  [...GPS.lat, ...GPS.long].forEach((v, i) => {
    tiff.writeUInt32LE(v, 92 + i * 8);
    tiff.writeUInt32LE(1, 96 + i * 8);
  });
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xffe1, 0);
  header.writeUInt16BE(2 + 6 + tiff.length, 2);
  return Buffer.concat([header, Buffer.from('Exif\0\0', 'latin1'), tiff]);
}

/** Inserts a segment right after a JPEG's SOI marker. */
export function withSegment(jpeg: Buffer, segment: Buffer): Buffer {
  return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)]);
}

export function jpegWithGps(width = 640, height = 480): Buffer {
  return withSegment(plainJpeg(width, height), exifWithGps());
}

/** A COM (comment) segment. */
export function jpegComment(text: string): Buffer {
  const body = Buffer.from(text, 'latin1');
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xfffe, 0);
  header.writeUInt16BE(2 + body.length, 2);
  return Buffer.concat([header, body]);
}

/** Whether a JPEG carries an EXIF GPS IFD (tag 0x8825 in IFD0), found by walking its segments. */
export function hasExifGps(jpeg: Buffer): boolean {
  let pos = 2;
  while (pos + 4 <= jpeg.length && jpeg[pos] === 0xff) {
    const marker = jpeg[pos + 1]!;
    if (marker === 0xda) return false;
    const length = jpeg.readUInt16BE(pos + 2);
    if (marker === 0xe1 && jpeg.toString('latin1', pos + 4, pos + 10) === 'Exif\0\0') {
      const tiff = jpeg.subarray(pos + 10, pos + 2 + length);
      const le = tiff.toString('latin1', 0, 2) === 'II';
      const u16 = (at: number) => (le ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
      const ifd = le ? tiff.readUInt32LE(4) : tiff.readUInt32BE(4);
      for (let i = 0; i < u16(ifd); i++) if (u16(ifd + 2 + i * 12) === 0x8825) return true;
    }
    pos += 2 + length;
  }
  return false;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A decompression bomb: a PNG of a few hundred bytes whose header declares 50,000 × 50,000 grey pixels (2.5 GB
 * decoded). Its IDAT holds the first rows only; a decoder would allocate the whole frame before finding out.
 */
export function pngBomb(side = 50_000): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const rows = deflateSync(Buffer.alloc((side + 1) * 4));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', rows),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A tiny ZIP (one stored file) — appended to a JPEG it makes the classic JPEG/ZIP polyglot. */
export function tinyZip(): Buffer {
  const name = Buffer.from('x.html', 'latin1');
  const data = Buffer.from('<script>alert(1)</script>', 'latin1');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(10, 4);
  local.writeUInt32LE(crc32(data), 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  return Buffer.concat([local, name, data, eocd]);
}

/** A one-second H.264 MP4 whose container carries a QuickTime location (ISO 6709), as phones write. */
export function mp4WithLocation(): Buffer {
  return ffmpegBytes(
    [
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=320x240:rate=10:duration=1',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
      '-metadata',
      'location=+10.4600+105.6300/',
      '-movflags',
      '+frag_keyframe+empty_moov',
    ],
    'mp4',
  );
}
