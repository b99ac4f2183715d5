import { crc32, inflateRawSync } from 'node:zlib';

/**
 * A strict reader of the ZIP container an XLSX file is (APPNOTE 6.3, no ZIP64, no encryption, stored or deflated
 * entries). Nothing is written to disk; entries are inflated one at a time, on demand, and only within the limits
 * below, so a zip bomb is refused before it can fill memory: the declared size is checked first, and the inflater
 * stops at that size whatever the compressed stream says.
 */
export interface ZipLimits {
  maxEntries: number;
  maxEntryBytes: number;
  /** Across every entry read from one archive. */
  maxTotalBytes: number;
}

export const XLSX_ZIP_LIMITS: ZipLimits = {
  maxEntries: 2_000,
  maxEntryBytes: 64 * 1024 * 1024,
  maxTotalBytes: 128 * 1024 * 1024,
};

export class ZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipError';
  }
}

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export interface ZipArchive {
  names(): string[];
  /** The entry's bytes, or null when the archive has no such entry. */
  read(name: string): Buffer | null;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function findEndOfCentralDirectory(zip: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535.
  const stop = Math.max(0, zip.length - 22 - 0xffff);
  for (let i = zip.length - 22; i >= stop; i--) if (zip.readUInt32LE(i) === EOCD) return i;
  throw new ZipError('not a ZIP file (no end of central directory)');
}

export function openZip(zip: Buffer, limits: ZipLimits = XLSX_ZIP_LIMITS): ZipArchive {
  if (zip.length < 22 || zip.readUInt32LE(0) !== LOCAL) throw new ZipError('not a ZIP file');
  const end = findEndOfCentralDirectory(zip);
  const disk = zip.readUInt16LE(end + 4);
  const count = zip.readUInt16LE(end + 10);
  const directorySize = zip.readUInt32LE(end + 12);
  const directoryOffset = zip.readUInt32LE(end + 16);
  if (disk !== 0 || zip.readUInt16LE(end + 8) !== count) throw new ZipError('multi-part ZIP files are not supported');
  if (count === 0xffff || directoryOffset === 0xffffffff) throw new ZipError('ZIP64 files are not supported');
  if (count > limits.maxEntries) throw new ZipError(`too many entries (${count}, at most ${limits.maxEntries})`);
  if (directoryOffset + directorySize > end) throw new ZipError('the central directory lies outside the file');

  const entries = new Map<string, ZipEntry>();
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || zip.readUInt32LE(at) !== CENTRAL) throw new ZipError('damaged central directory');
    const nameLength = zip.readUInt16LE(at + 28);
    if (at + 46 + nameLength > end) throw new ZipError('damaged central directory');
    const entry: ZipEntry = {
      flags: zip.readUInt16LE(at + 8),
      method: zip.readUInt16LE(at + 10),
      crc: zip.readUInt32LE(at + 16),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      localOffset: zip.readUInt32LE(at + 42),
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
    };
    if (entries.has(entry.name)) throw new ZipError(`entry ${entry.name.slice(0, 100)} appears twice`);
    entries.set(entry.name, entry);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }

  let totalRead = 0;
  return {
    names: () => [...entries.keys()],
    read(name) {
      const entry = entries.get(name);
      if (!entry) return null;
      const label = name.slice(0, 100);
      if (entry.flags & 0x1) throw new ZipError(`${label} is encrypted`);
      if (entry.method !== 0 && entry.method !== 8)
        throw new ZipError(`${label} uses compression method ${entry.method}`);
      if (entry.size > limits.maxEntryBytes)
        throw new ZipError(`${label} unpacks to ${entry.size} bytes (at most ${limits.maxEntryBytes}): refused`);
      if (totalRead + entry.size > limits.maxTotalBytes)
        throw new ZipError(`the archive unpacks to more than ${limits.maxTotalBytes} bytes: refused`);
      const local = entry.localOffset;
      if (local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL) throw new ZipError(`${label}: damaged entry`);
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      if (start + entry.compressedSize > zip.length) throw new ZipError(`${label}: the entry is cut short`);
      const packed = zip.subarray(start, start + entry.compressedSize);
      let data: Buffer;
      if (entry.method === 0) data = packed;
      else {
        try {
          // maxOutputLength stops a stream that inflates past its declared size (the classic bomb lies about it).
          data = inflateRawSync(packed, { maxOutputLength: Math.max(1, entry.size) });
        } catch (error) {
          const code = (error as { code?: string }).code;
          throw new ZipError(
            code === 'ERR_BUFFER_TOO_LARGE'
              ? `${label} unpacks to more than it declares: refused`
              : `${label}: damaged compressed data`,
          );
        }
      }
      if (data.length !== entry.size) throw new ZipError(`${label} unpacks to more or less than it declares`);
      if (crc32(data) !== entry.crc) throw new ZipError(`${label}: checksum mismatch`);
      totalRead += data.length;
      return data;
    },
  };
}
