// RFC 6184 depacketization (packetization modes 0 and 1: single NAL unit, STAP-A, FU-A) into access units.
import { createRtpClock } from './rtp-clock';
import { parseRtpPacket } from './rtp-packet';
import type { H264AccessUnit, H264Parameters } from './types';

export interface H264DepacketizerOptions {
  onAccessUnit(unit: H264AccessUnit): void;
  /** Before the first access unit, and again before the first one after an in-band SPS/PPS change. */
  onParameters(parameters: H264Parameters): void;
  /** From the SDP's sprop-parameter-sets; in-band ones replace them. */
  parameters?: H264Parameters | null;
  /** Packets of another payload type are ignored. */
  payloadType?: number;
  maxAccessUnitBytes?: number;
  maxNalusPerAccessUnit?: number;
}

export interface H264DepacketizerStats {
  packets: number;
  /** Sequence numbers skipped. */
  lost: number;
  /** Not RTP, wrong payload type, duplicates and packets from the past. */
  ignored: number;
  emitted: number;
  /** Access units not emitted: damaged, or waiting for an IDR after damage. */
  dropped: number;
  clockDiscontinuities: number;
  /** Key units on which the sender's clock started over (rtp-clock.ts): not discontinuities. */
  clockRestarts: number;
}

export interface H264Depacketizer {
  /** One RTP packet, header included. Never throws on malformed input. */
  push(packet: Buffer): void;
  stats(): H264DepacketizerStats;
}

const NAL = { IDR: 5, SPS: 7, PPS: 8, AUD: 9, FILLER: 12, STAP_A: 24, FU_A: 28 } as const;
const nalType = (nal: Buffer): number => nal[0]! & 0x1f;
const isVcl = (type: number): boolean => type >= 1 && type <= 5;

interface Building {
  timestamp: number;
  nalus: Buffer[];
  bytes: number;
  /** A packet of it was lost or malformed: it must not be emitted. */
  broken: boolean;
  hasVcl: boolean;
  /** An IDR slice (or the start of one) was seen, even if the unit is broken: its time is a key unit's. */
  hasIdr: boolean;
}

/**
 * An access unit ends at the RTP marker (once it holds a slice: some cameras also mark their SPS/PPS packets) or
 * when the timestamp changes. After any damage nothing is emitted until a complete access unit with an IDR.
 * NAL units are views into the packets, not copies.
 */
export function createH264Depacketizer(options: H264DepacketizerOptions): H264Depacketizer {
  const maxBytes = options.maxAccessUnitBytes ?? 8 * 1024 * 1024;
  const maxNalus = options.maxNalusPerAccessUnit ?? 1024;
  const clock = createRtpClock();
  const stats = { packets: 0, lost: 0, ignored: 0, emitted: 0, dropped: 0 };
  const parameters: Partial<H264Parameters> = { ...options.parameters };
  let announced: H264Parameters | null = null;
  let lastSequence: number | null = null;
  let ssrc: number | null = null;
  let current: Building | null = null;
  let fragment: Buffer[] | null = null;
  let fragmentBytes = 0;
  let waitingForKey = true;

  const addNal = (au: Building, nal: Buffer) => {
    if (nal.length > 0 && nalType(nal) === NAL.IDR) au.hasIdr = true;
    if (au.broken) return;
    if (nal.length === 0) return void (au.broken = true);
    au.bytes += nal.length;
    if (au.bytes > maxBytes || au.nalus.length >= maxNalus) {
      au.broken = true;
      au.nalus = [];
      return;
    }
    const type = nalType(nal);
    if (isVcl(type)) au.hasVcl = true;
    au.nalus.push(nal);
  };

  const takeParameters = (nalus: Buffer[]) => {
    for (const nal of nalus) {
      const type = nalType(nal);
      if (type === NAL.SPS && nal.length >= 4) parameters.sps = nal;
      else if (type === NAL.PPS && nal.length >= 2) parameters.pps = nal;
    }
  };

  const finish = () => {
    const au = current;
    current = null;
    if (!au) return;
    if (fragment) {
      au.broken = true;
      fragment = null;
    }
    // Unwrapped once the unit is complete: the clock needs to know whether it is a key unit.
    const pts90k = clock.unwrap(au.timestamp, au.hasIdr);
    if (au.broken) {
      stats.dropped++;
      waitingForKey = true;
      return;
    }
    takeParameters(au.nalus);
    const key = au.nalus.some((n) => nalType(n) === NAL.IDR);
    const { sps, pps } = parameters;
    if (!au.hasVcl || (waitingForKey && !key) || !sps || !pps) {
      if (au.hasVcl) stats.dropped++;
      return;
    }
    waitingForKey = false;
    if (!announced || !announced.sps.equals(sps) || !announced.pps.equals(pps)) {
      announced = { sps, pps };
      options.onParameters(announced);
    }
    stats.emitted++;
    const nalus = au.nalus.filter((n) => nalType(n) !== NAL.AUD && nalType(n) !== NAL.FILLER);
    options.onAccessUnit({ nalus, pts90k, key });
  };

  /** STAP-A: [16-bit size, NAL unit]…; a size that points past the packet breaks the access unit. */
  const unpackStapA = (au: Building, payload: Buffer) => {
    let at = 1;
    while (at < payload.length) {
      if (at + 2 > payload.length) return void (au.broken = true);
      const size = payload.readUInt16BE(at);
      if (size === 0 || at + 2 + size > payload.length) return void (au.broken = true);
      addNal(au, payload.subarray(at + 2, at + 2 + size));
      at += 2 + size;
    }
  };

  /** FU-A: a start fragment opens a NAL unit (its header rebuilt from indicator and FU header), an end closes it. */
  const unpackFuA = (au: Building, payload: Buffer) => {
    if (payload.length < 3) return void (au.broken = true);
    const header = payload[1]!;
    const start = (header & 0x80) !== 0;
    const end = (header & 0x40) !== 0;
    if (start) {
      if (fragment) au.broken = true;
      if ((header & 0x1f) === NAL.IDR) au.hasIdr = true;
      fragment = [Buffer.from([(payload[0]! & 0xe0) | (header & 0x1f)])];
    } else if (!fragment) {
      return void (au.broken = true);
    }
    fragment.push(payload.subarray(2));
    fragmentBytes = start ? payload.length - 1 : fragmentBytes + payload.length - 2;
    if (au.bytes + fragmentBytes > maxBytes) {
      au.broken = true;
      fragment = null;
      return;
    }
    if (end) {
      const nal = Buffer.concat(fragment);
      fragment = null;
      addNal(au, nal);
    }
  };

  const depacketize = (au: Building, payload: Buffer) => {
    if (payload.length === 0) return;
    const type = nalType(payload);
    if (type !== NAL.FU_A && fragment) {
      au.broken = true;
      fragment = null;
    }
    if (type >= 1 && type <= 23) addNal(au, payload);
    else if (type === NAL.STAP_A) unpackStapA(au, payload);
    else if (type === NAL.FU_A) unpackFuA(au, payload);
    // STAP-B, MTAP and FU-B belong to packetization mode 2, which is refused at SETUP; 0, 30, 31 are ignored.
    else if (type >= 25 && type <= 29) au.broken = true;
  };

  return {
    push(raw) {
      stats.packets++;
      const packet = parseRtpPacket(raw);
      if (!packet) {
        stats.ignored++;
        return;
      }
      if (ssrc !== null && packet.ssrc !== ssrc) {
        // A new source: its sequence and clock start elsewhere.
        if (current) current.broken = true;
        finish();
        waitingForKey = true;
        lastSequence = null;
        clock.discontinue();
      }
      ssrc = packet.ssrc;
      let gap = false;
      if (lastSequence !== null) {
        const ahead = (packet.sequence - lastSequence) & 0xffff;
        if (ahead === 0 || ahead >= 0x8000) {
          stats.ignored++;
          return;
        }
        if (ahead > 1) {
          stats.lost += ahead - 1;
          gap = true;
          if (current) current.broken = true;
        }
      }
      lastSequence = packet.sequence;
      // Another payload type in the same RTP stream still counts in its sequence.
      if (options.payloadType !== undefined && packet.payloadType !== options.payloadType) {
        stats.ignored++;
        return;
      }
      if (current && packet.timestamp !== current.timestamp) finish();
      if (!current) {
        current = { timestamp: packet.timestamp, nalus: [], bytes: 0, broken: false, hasVcl: false, hasIdr: false };
      }
      // The lost packets may have been this access unit's first ones.
      if (gap) {
        current.broken = true;
        fragment = null;
      }
      depacketize(current, packet.payload);
      if (packet.marker && current.hasVcl) finish();
      else if (packet.marker && current.broken) finish();
    },
    stats: () => ({ ...stats, clockDiscontinuities: clock.discontinuities, clockRestarts: clock.restarts }),
  };
}
