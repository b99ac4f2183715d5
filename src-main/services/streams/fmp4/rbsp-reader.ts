/**
 * Bit reader over an H.264 NAL unit's RBSP (ITU-T H.264 §7.2, §9.1): fixed-width fields and exp-Golomb codes.
 * Bad data throws RbspError (never a RangeError or a wrong number), so callers can report bad input plainly.
 */
export class RbspError extends Error {
  override readonly name = 'RbspError';
  constructor(
    readonly reason: 'truncated' | 'overflow',
    message: string,
  ) {
    super(message);
  }
}

/** The NAL payload with emulation-prevention bytes (00 00 03 → 00 00) removed. */
export function unescapeRbsp(nal: Uint8Array): Uint8Array {
  const out = new Uint8Array(nal.length);
  let length = 0;
  let zeros = 0;
  for (const byte of nal) {
    if (zeros >= 2 && byte === 3) {
      zeros = 0;
      continue;
    }
    zeros = byte === 0 ? zeros + 1 : 0;
    out[length++] = byte;
  }
  return out.subarray(0, length);
}

export class RbspReader {
  private bit = 0;

  constructor(private readonly bytes: Uint8Array) {}

  get bitsLeft(): number {
    return this.bytes.length * 8 - this.bit;
  }

  u1(): number {
    if (this.bit >= this.bytes.length * 8) throw new RbspError('truncated', 'The data ends in the middle of a field.');
    const value = (this.bytes[this.bit >> 3]! >> (7 - (this.bit & 7))) & 1;
    this.bit++;
    return value;
  }

  /** An unsigned field of up to 32 bits. */
  u(bits: number): number {
    let value = 0;
    for (let i = 0; i < bits; i++) value = value * 2 + this.u1();
    return value;
  }

  /** ue(v). More than 31 leading zeros does not fit 32 bits: no valid syntax element is that large. */
  ue(): number {
    let zeros = 0;
    while (this.u1() === 0) {
      if (++zeros > 31) throw new RbspError('overflow', 'An exp-Golomb code is longer than 32 bits.');
    }
    return 2 ** zeros - 1 + this.u(zeros);
  }

  /** se(v): 1, 2, 3, 4… map to 1, −1, 2, −2… */
  se(): number {
    const k = this.ue();
    return k % 2 === 1 ? (k + 1) / 2 : -(k / 2);
  }
}
