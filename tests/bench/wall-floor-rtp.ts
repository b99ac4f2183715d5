// The floor bench's RTP arm: the feed read with no ffmpeg at all. A minimal RTSP client (DESCRIBE, SETUP over TCP
// interleaved, PLAY; loopback feeds without authentication only) and an H.264 RTP depacketizer (RFC 6184: single
// NAL units, STAP-A, FU-A) that hands over each access unit when its marker packet arrives.
import { connect } from 'node:net';

export interface AccessUnit {
  /** Host time (ms since epoch) when the packet that completed it (RTP marker) arrived. */
  at: number;
  rtpTime: number;
  /** The access unit as an Annex B byte stream (start code before every NAL unit). */
  annexB: Buffer;
  /** Holds an IDR slice. */
  keyframe: boolean;
}

const START_CODE = Buffer.from([0, 0, 0, 1]);

export function createH264Depacketizer(onAccessUnit: (unit: AccessUnit) => void) {
  let nals: Buffer[] = [];
  let fragment: Buffer[] | null = null;
  let rtpTime: number | null = null;
  const flush = (at: number) => {
    if (nals.length > 0 && rtpTime !== null) {
      const keyframe = nals.some((n) => (n[0]! & 0x1f) === 5);
      onAccessUnit({ at, rtpTime, annexB: Buffer.concat(nals.flatMap((n) => [START_CODE, n])), keyframe });
    }
    nals = [];
    fragment = null;
  };
  return {
    /** One RTP packet (header included). */
    push(packet: Buffer, at: number) {
      if (packet.length < 12 || packet[0]! >> 6 !== 2) return;
      const csrcs = packet[0]! & 0x0f;
      let offset = 12 + 4 * csrcs;
      if (packet[0]! & 0x10) offset += 4 + 4 * packet.readUInt16BE(offset + 2);
      const end = packet[0]! & 0x20 ? packet.length - packet[packet.length - 1]! : packet.length;
      if (offset >= end) return;
      const marker = (packet[1]! & 0x80) !== 0;
      const time = packet.readUInt32BE(4);
      if (rtpTime !== null && time !== rtpTime) flush(at);
      rtpTime = time;
      const payload = packet.subarray(offset, end);
      const type = payload[0]! & 0x1f;
      if (type >= 1 && type <= 23) nals.push(payload);
      else if (type === 24) {
        for (let at2 = 1; at2 + 2 <= payload.length; ) {
          const size = payload.readUInt16BE(at2);
          nals.push(payload.subarray(at2 + 2, at2 + 2 + size));
          at2 += 2 + size;
        }
      } else if (type === 28 && payload.length > 2) {
        const header = payload[1]!;
        if (header & 0x80) fragment = [Buffer.from([(payload[0]! & 0xe0) | (header & 0x1f)])];
        if (fragment) fragment.push(payload.subarray(2));
        if (header & 0x40 && fragment) {
          nals.push(Buffer.concat(fragment));
          fragment = null;
        }
      }
      if (marker) flush(at);
    },
  };
}

/** Splits an RTSP connection's bytes into replies (text) and interleaved packets ($, channel, length). */
export function createInterleavedReader(
  onReply: (status: number, headers: Map<string, string>, body: string) => void,
  onPacket: (channel: number, packet: Buffer, at: number) => void,
) {
  let data: Buffer = Buffer.alloc(0);
  return (chunk: Buffer, at: number) => {
    data = data.length ? Buffer.concat([data, chunk]) : chunk;
    for (;;) {
      if (data.length === 0) return;
      if (data[0] === 0x24) {
        if (data.length < 4) return;
        const length = data.readUInt16BE(2);
        if (data.length < 4 + length) return;
        onPacket(data[1]!, data.subarray(4, 4 + length), at);
        data = data.subarray(4 + length);
        continue;
      }
      const end = data.indexOf('\r\n\r\n');
      if (end < 0) return;
      const [statusLine = '', ...lines] = data.subarray(0, end).toString('utf8').split('\r\n');
      const headers = new Map<string, string>();
      for (const line of lines) {
        const colon = line.indexOf(':');
        if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      const length = Number(headers.get('content-length') ?? 0);
      if (data.length < end + 4 + length) return;
      onReply(
        Number(/^RTSP\/1\.0 (\d{3})/.exec(statusLine)?.[1] ?? 0),
        headers,
        data.subarray(end + 4, end + 4 + length).toString('utf8'),
      );
      data = data.subarray(end + 4 + length);
    }
  };
}

/** The control URL of the first video media of an SDP, resolved against the DESCRIBE reply's base. */
export function videoControl(sdp: string, base: string): string {
  const video = sdp.split(/\r?\n(?=m=)/).find((section) => section.startsWith('m=video')) ?? '';
  const control = /^a=control:(.+)$/m.exec(video)?.[1]?.trim() ?? '';
  if (!control || control === '*') return base;
  if (/^rtsp:\/\//i.test(control)) return control;
  return base.endsWith('/') ? base + control : `${base}/${control}`;
}

export interface RtpClient {
  close(): void;
}

/** Plays `url` over RTSP/TCP and hands each H.264 access unit to `onAccessUnit` as its last packet arrives. */
export function startRtpClient(
  url: string,
  onAccessUnit: (unit: AccessUnit) => void,
  now: () => number,
): Promise<RtpClient> {
  const parsed = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: parsed.hostname, port: Number(parsed.port || 554) });
    const depacketizer = createH264Depacketizer(onAccessUnit);
    let cseq = 0;
    let pending: ((status: number, headers: Map<string, string>, body: string) => void) | null = null;
    const send = (method: string, target: string, headers: string[]) =>
      new Promise<{ status: number; headers: Map<string, string>; body: string }>((done) => {
        pending = (status, replyHeaders, body) => done({ status, headers: replyHeaders, body });
        socket.write([`${method} ${target} RTSP/1.0`, `CSeq: ${++cseq}`, ...headers].join('\r\n') + '\r\n\r\n');
      });
    const read = createInterleavedReader(
      (status, headers, body) => {
        const answer = pending;
        pending = null;
        answer?.(status, headers, body);
      },
      (channel, packet, at) => {
        if (channel === 0) depacketizer.push(packet, at);
      },
    );
    socket.on('data', (chunk: Buffer) => read(chunk, now()));
    socket.once('error', reject);
    socket.once('connect', () => {
      void (async () => {
        const describe = await send('DESCRIBE', url, ['Accept: application/sdp']);
        if (describe.status !== 200) throw new Error(`DESCRIBE ${url}: ${describe.status}`);
        const base = describe.headers.get('content-base') ?? url;
        const control = videoControl(describe.body, base);
        const setup = await send('SETUP', control, ['Transport: RTP/AVP/TCP;unicast;interleaved=0-1']);
        const session = setup.headers.get('session')?.split(';')[0];
        if (setup.status !== 200 || !session) throw new Error(`SETUP ${control}: ${setup.status}`);
        const play = await send('PLAY', base, [`Session: ${session}`, 'Range: npt=0.000-']);
        if (play.status !== 200) throw new Error(`PLAY ${base}: ${play.status}`);
        resolve({ close: () => socket.destroy() });
      })().catch((error: unknown) => {
        socket.destroy();
        reject(error instanceof Error ? error : new Error(String(error)));
      });
    });
  });
}
