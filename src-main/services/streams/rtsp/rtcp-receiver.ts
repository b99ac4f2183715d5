// RTCP receiver reports (RFC 3550 §6.4.2) for the one RTP source we play. Cameras, like any RTSP server, may
// take a client that never reports for a dead one; ffmpeg sends them, so the native reader must too.
import { randomBytes } from 'node:crypto';

const RTP_SEQ_MOD = 0x10000;
/** RFC 3550 A.1: a jump forward within this is loss; further (or back by more than MAX_MISORDER) starts over. */
const MAX_DROPOUT = 3000;
const MAX_MISORDER = 100;
const PT_SR = 200;
const PT_RR = 201;
const PT_SDES = 202;
const SDES_CNAME = 1;

export interface RtcpReceiver {
  /** An RTP packet as received (header included). */
  onRtp(packet: Buffer, arrivalMs: number): void;
  /** A compound RTCP packet from the server; sender reports are remembered for LSR/DLSR. */
  onRtcp(packet: Buffer, arrivalMs: number): void;
  /** RR + SDES(CNAME) as one compound packet, or null before the first RTP packet. */
  report(nowMs: number): Buffer | null;
}

interface SourceState {
  ssrc: number;
  baseSeq: number;
  maxSeq: number;
  cycles: number;
  received: number;
  expectedPrior: number;
  receivedPrior: number;
  /** RFC 3550 A.8 interarrival jitter, in RTP timestamp units (×16 kept as in the RFC's integer form). */
  jitter16: number;
  transit: number | null;
}

export function createRtcpReceiver(options: { clockRate: number; cname?: string; ssrc?: number }): RtcpReceiver {
  const ourSsrc = options.ssrc ?? randomBytes(4).readUInt32BE(0);
  const cname = Buffer.from(options.cname ?? 'ioc-wall', 'utf8').subarray(0, 255);
  let source: SourceState | null = null;
  let lastSr: { middle: number; atMs: number } | null = null;

  const restart = (ssrc: number, seq: number): SourceState => ({
    ssrc,
    baseSeq: seq,
    maxSeq: seq,
    cycles: 0,
    received: 0,
    expectedPrior: 0,
    receivedPrior: 0,
    jitter16: 0,
    transit: null,
  });

  return {
    onRtp(packet, arrivalMs) {
      if (packet.length < 12 || packet[0]! >> 6 !== 2) return;
      const seq = packet.readUInt16BE(2);
      const timestamp = packet.readUInt32BE(4);
      const ssrc = packet.readUInt32BE(8);
      if (!source || source.ssrc !== ssrc) {
        source = restart(ssrc, seq);
        lastSr = null;
      } else {
        const delta = (seq - source.maxSeq + RTP_SEQ_MOD) % RTP_SEQ_MOD;
        if (delta > 0 && delta < MAX_DROPOUT) {
          if (seq < source.maxSeq) source.cycles += RTP_SEQ_MOD;
          source.maxSeq = seq;
        } else if (delta >= MAX_DROPOUT && delta <= RTP_SEQ_MOD - MAX_MISORDER) {
          source = restart(ssrc, seq); // the server restarted its numbering: count afresh
        }
      }
      source.received++;
      const arrival = Math.round((arrivalMs * options.clockRate) / 1000);
      const transit = (arrival - timestamp) | 0;
      if (source.transit !== null) {
        const d = Math.abs((transit - source.transit) | 0);
        source.jitter16 += d - ((source.jitter16 + 8) >> 4);
      }
      source.transit = transit;
    },

    onRtcp(packet, arrivalMs) {
      for (let at = 0; at + 8 <= packet.length; ) {
        if (packet[at]! >> 6 !== 2) return;
        const length = (packet.readUInt16BE(at + 2) + 1) * 4;
        if (at + length > packet.length) return;
        if (packet[at + 1] === PT_SR && length >= 28 && (!source || packet.readUInt32BE(at + 4) === source.ssrc)) {
          // The middle 32 bits of the NTP timestamp (seconds low 16, fraction high 16).
          lastSr = { middle: packet.readUInt32BE(at + 10), atMs: arrivalMs };
        }
        at += length;
      }
    },

    report(nowMs) {
      if (!source) return null;
      const extendedMax = source.cycles + source.maxSeq;
      const expected = extendedMax - source.baseSeq + 1;
      const lost = Math.max(-0x800000, Math.min(0x7fffff, expected - source.received));
      const expectedInterval = expected - source.expectedPrior;
      const receivedInterval = source.received - source.receivedPrior;
      source.expectedPrior = expected;
      source.receivedPrior = source.received;
      const lostInterval = expectedInterval - receivedInterval;
      const fraction =
        expectedInterval <= 0 || lostInterval <= 0 ? 0 : Math.floor((lostInterval << 8) / expectedInterval);

      const rr = Buffer.alloc(32);
      rr[0] = 0x81; // V=2, one report block
      rr[1] = PT_RR;
      rr.writeUInt16BE(rr.length / 4 - 1, 2);
      rr.writeUInt32BE(ourSsrc, 4);
      rr.writeUInt32BE(source.ssrc, 8);
      rr[12] = Math.min(255, fraction);
      rr.writeIntBE(lost, 13, 3);
      rr.writeUInt32BE(extendedMax >>> 0, 16);
      rr.writeUInt32BE(source.jitter16 >>> 4, 20);
      rr.writeUInt32BE(lastSr ? lastSr.middle >>> 0 : 0, 24);
      const dlsr = lastSr ? Math.min(0xffffffff, Math.round(((nowMs - lastSr.atMs) * 65536) / 1000)) : 0;
      rr.writeUInt32BE(Math.max(0, dlsr), 28);

      // SDES: one chunk (our SSRC, CNAME item, a null item ending the list), padded to a 32-bit boundary.
      const chunkLength = 4 + 2 + cname.length + 1;
      const sdes = Buffer.alloc(4 + Math.ceil(chunkLength / 4) * 4);
      sdes[0] = 0x81;
      sdes[1] = PT_SDES;
      sdes.writeUInt16BE(sdes.length / 4 - 1, 2);
      sdes.writeUInt32BE(ourSsrc, 4);
      sdes[8] = SDES_CNAME;
      sdes[9] = cname.length;
      cname.copy(sdes, 10);
      return Buffer.concat([rr, sdes]);
    },
  };
}
