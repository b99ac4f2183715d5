/** Building ISO BMFF boxes (ISO/IEC 14496-12) out of parts. Used for the init segment, which is built once. */

export type BoxPart = Buffer | readonly BoxPart[];

function flatten(parts: readonly BoxPart[], out: Buffer[]): Buffer[] {
  for (const part of parts) {
    if (Buffer.isBuffer(part)) out.push(part);
    else flatten(part as readonly BoxPart[], out);
  }
  return out;
}

/** A box: 32-bit size, four-character type, then the parts (fields and child boxes) in order. */
export function box(type: string, ...parts: readonly BoxPart[]): Buffer {
  const body = flatten(parts, []);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + body.reduce((sum, b) => sum + b.length, 0), 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, ...body]);
}

/** A full box: a box whose body starts with an 8-bit version and 24-bit flags. */
export function fullBox(type: string, version: number, flags: number, ...parts: readonly BoxPart[]): Buffer {
  return box(type, u32(version * 0x1000000 + flags), ...parts);
}

export function u8(...values: number[]): Buffer {
  return Buffer.from(values);
}

export function u16(...values: number[]): Buffer {
  const out = Buffer.alloc(values.length * 2);
  values.forEach((v, i) => out.writeUInt16BE(v, i * 2));
  return out;
}

export function u32(...values: number[]): Buffer {
  const out = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => out.writeUInt32BE(v >>> 0, i * 4));
  return out;
}

export function zeros(count: number): Buffer {
  return Buffer.alloc(count);
}

export function ascii(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}

/** The unity transformation matrix of mvhd and tkhd (16.16 and 2.30 fixed point). */
export const UNITY_MATRIX = u32(0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000);
