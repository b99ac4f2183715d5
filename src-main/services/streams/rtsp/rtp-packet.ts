// RTP fixed header (RFC 3550 §5.1): version, padding, extension, CSRCs, marker, payload type, sequence, timestamp.

export interface RtpPacket {
  marker: boolean;
  payloadType: number;
  sequence: number;
  timestamp: number;
  ssrc: number;
  /** A view into the packet: CSRCs, extension and padding removed. */
  payload: Buffer;
}

/** null for anything that is not a well-formed RTP version 2 packet (lengths that point outside it included). */
export function parseRtpPacket(packet: Buffer): RtpPacket | null {
  if (packet.length < 12 || packet[0]! >> 6 !== 2) return null;
  const first = packet[0]!;
  let offset = 12 + 4 * (first & 0x0f);
  if (first & 0x10) {
    if (packet.length < offset + 4) return null;
    offset += 4 + 4 * packet.readUInt16BE(offset + 2);
  }
  let end = packet.length;
  if (first & 0x20) {
    const padding = packet[end - 1]!;
    if (padding === 0) return null;
    end -= padding;
  }
  if (end < offset) return null;
  return {
    marker: (packet[1]! & 0x80) !== 0,
    payloadType: packet[1]! & 0x7f,
    sequence: packet.readUInt16BE(2),
    timestamp: packet.readUInt32BE(4),
    ssrc: packet.readUInt32BE(8),
    payload: packet.subarray(offset, end),
  };
}
