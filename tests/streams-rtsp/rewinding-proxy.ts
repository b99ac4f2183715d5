// A proxy to a real H.264 feed whose RTP clock goes back at key frames by less than a second, as GStreamer's
// shared media does to every viewer of a mount when another viewer sends PLAY (it rewinds the mount's timeline),
// but at every key frame after the first instead of whenever the sim's timing allows.
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

export interface RewindingProxy {
  readonly url: string;
  /** Key frames rewound so far, over every connection. */
  rewinds(): number;
  close(): Promise<void>;
}

const DOLLAR = 0x24;
const NAL_IDR = 5;
const NAL_FU_A = 28;

/** Whether an RTP packet (header included) carries an IDR slice or the start of one. */
function carriesIdr(packet: Buffer): boolean {
  if (packet.length < 13) return false;
  const csrcs = packet[0]! & 0x0f;
  let at = 12 + 4 * csrcs;
  if (packet[0]! & 0x10) at += 4 + 4 * packet.readUInt16BE(at + 2);
  const type = packet[at]! & 0x1f;
  if (type === NAL_IDR) return true;
  return type === NAL_FU_A && (packet[at + 1]! & 0x80) !== 0 && (packet[at + 1]! & 0x1f) === NAL_IDR;
}

/**
 * Rewrites the RTP timestamps of the feed's RTP channel (interleaved channel 0) from server to client: every key
 * frame after the first is stamped `rewindTicks` before the latest timestamp sent so far, the frames after it
 * keep their spacing from it. Packets of one access unit are held until its marker, so the whole unit gets the
 * key frame's stamp. Everything else passes unchanged.
 */
export async function startRewindingProxy(options: { upstream: string; rewindTicks: number }): Promise<RewindingProxy> {
  const target = new URL(options.upstream);
  const sockets = new Set<Socket>();
  let rewinds = 0;

  const server = createServer((client) => {
    sockets.add(client);
    const upstream = connect({ host: target.hostname, port: Number(target.port) });
    sockets.add(upstream);
    for (const socket of [client, upstream]) {
      socket.on('error', () => undefined);
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (chunk: Buffer) => upstream.write(chunk));

    let pending = Buffer.alloc(0);
    let unit: Buffer[] = [];
    let keys = 0;
    let offset = 0;
    let latest: number | null = null;

    const sendUnit = () => {
      const packets = unit;
      unit = [];
      if (packets.length === 0) return;
      const stamp = packets[0]!.readUInt32BE(8);
      if (packets.some((frame) => carriesIdr(frame.subarray(4))) && keys++ > 0 && latest !== null) {
        offset = (stamp - (latest - options.rewindTicks)) >>> 0;
        rewinds++;
      }
      for (const frame of packets) {
        const rewritten = (frame.readUInt32BE(8) - offset) >>> 0;
        frame.writeUInt32BE(rewritten, 8);
        if (latest === null || ((rewritten - latest) | 0) > 0) latest = rewritten;
        client.write(frame);
      }
    };

    upstream.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        if (pending.length === 0) return;
        if (pending[0] !== DOLLAR) {
          // An RTSP message: headers, then a body of Content-Length bytes.
          const end = pending.indexOf('\r\n\r\n');
          if (end < 0) return;
          const length = Number(
            /\r\ncontent-length:\s*(\d+)/i.exec(pending.subarray(0, end).toString('latin1'))?.[1] ?? 0,
          );
          if (pending.length < end + 4 + length) return;
          client.write(pending.subarray(0, end + 4 + length));
          pending = pending.subarray(end + 4 + length);
          continue;
        }
        if (pending.length < 4) return;
        const size = 4 + pending.readUInt16BE(2);
        if (pending.length < size) return;
        const frame = Buffer.from(pending.subarray(0, size));
        pending = pending.subarray(size);
        if (frame[1] !== 0 || size < 16) {
          client.write(frame);
          continue;
        }
        if (unit.length > 0 && unit[0]!.readUInt32BE(8) !== frame.readUInt32BE(8)) sendUnit();
        unit.push(frame);
        if (frame[5]! & 0x80) sendUnit();
      }
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `rtsp://127.0.0.1:${port}${target.pathname}`,
    rewinds: () => rewinds,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
