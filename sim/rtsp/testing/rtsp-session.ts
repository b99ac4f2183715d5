import { connect } from 'node:net';

export interface PlayingSession {
  /** The PLAY reply's status (SETUP's when SETUP already failed). */
  status: number;
  /** Drops the connection without a TEARDOWN, as a killed viewer does. */
  close(): void;
}

/**
 * One viewer's RTSP handshake as ffmpeg does it, without ffmpeg: SETUP over TCP (interleaved), then PLAY with
 * `Range: npt=0.000-`. Cheap enough to open dozens at once. Rejects when the server closes the connection or
 * does not answer in time.
 */
export function playOverTcp(url: string, timeoutMs = 10_000): Promise<PlayingSession> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: target.hostname, port: Number(target.port || 554) });
    const close = () => socket.destroy();
    let text = '';
    let answered = false;
    const timer = setTimeout(() => fail(new Error(`RTSP ${url}: no PLAY answer in ${timeoutMs} ms`)), timeoutMs);
    const finish = (status: number) => {
      answered = true;
      clearTimeout(timer);
      resolve({ status, close });
    };
    function fail(error: Error) {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      close();
      reject(error);
    }
    const send = (lines: string[]) => socket.write(lines.join('\r\n') + '\r\n\r\n');
    socket.on('error', fail);
    socket.on('close', () => fail(new Error(`RTSP ${url}: the server closed the connection`)));
    socket.on('connect', () =>
      send([`SETUP ${url}/stream=0 RTSP/1.0`, 'CSeq: 1', 'Transport: RTP/AVP/TCP;unicast;interleaved=0-1']),
    );
    socket.on('data', (chunk: Buffer) => {
      if (answered) return; // interleaved RTP after PLAY: not read
      text += chunk.toString('latin1');
      const start = text.indexOf('RTSP/1.0 ');
      const end = text.indexOf('\r\n\r\n', start);
      if (start < 0 || end < 0) return;
      const reply = text.slice(start, end);
      text = text.slice(end + 4);
      const status = Number(reply.slice(9, 12));
      const session = /^Session: *([^;\r\n]+)/im.exec(reply)?.[1];
      if (/^CSeq: *2\b/im.test(reply) || status !== 200 || !session) return finish(status);
      send([`PLAY ${url} RTSP/1.0`, 'CSeq: 2', `Session: ${session}`, 'Range: npt=0.000-']);
    });
  });
}
