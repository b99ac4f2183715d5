// The usual Node approach to browser video, as the baseline of the wall latency bench: one ffmpeg per feed
// transcoding RTSP to MPEG-1 in MPEG-TS, relayed over a WebSocket to JSMpeg drawing on a <canvas>
// (node-rtsp-stream, rtsp-relay). Served on 127.0.0.1 with a page of cols × rows canvases.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { lineTail, stopChild } from '../../sim/rtsp/child-process';
import { REPO_ROOT } from '../e2e/harness';

export interface JsmpegFeed {
  url: string;
  bitrateKbps: number;
}

export interface JsmpegWall {
  /** The page with one canvas per feed, in a cols × rows grid filling the window. */
  pageUrl: string;
  ffmpegPids(): number[];
  /** Per feed: how many bytes ffmpeg produced, its exit code if it died, and the end of its stderr. */
  health(): { bytes: number; exit: number | null; restarts: number; stderr: string }[];
  close(): Promise<void>;
}

const PLAYER_JS = join(REPO_ROOT, 'node_modules', '@cycjimmy', 'jsmpeg-player', 'dist', 'jsmpeg-player.umd.min.js');

function page(cols: number, rows: number, wsBase: string): string {
  const count = cols * rows;
  return `<!doctype html><html><head><meta charset="utf-8"><title>JSMpeg wall</title><style>
html,body{margin:0;height:100%;background:#000}
#wall{display:grid;grid-template-columns:repeat(${cols},1fr);grid-template-rows:repeat(${rows},1fr);gap:2px;height:100vh}
canvas{width:100%;height:100%;object-fit:contain;display:block;min-width:0;min-height:0}
</style><script src="/jsmpeg.js"></script></head><body><div id="wall"></div><script>
const wall = document.getElementById('wall');
window.players = [];
for (let i = 0; i < ${count}; i++) {
  const canvas = document.createElement('canvas');
  canvas.className = 'jsmpeg-tile';
  wall.appendChild(canvas);
  window.players.push(new JSMpeg.Player('${wsBase}/feed/' + i, { canvas, audio: false, autoplay: true }));
}
</script></body></html>`;
}

// The same low-latency input flags as our supervisor, and no B-frames, as JSMpeg's docs ask.
const relayArgs = (feed: JsmpegFeed) => [
  '-nostdin',
  '-loglevel',
  'error',
  '-rtsp_transport',
  'tcp',
  '-timeout',
  '5000000',
  '-fflags',
  'nobuffer',
  '-flags',
  'low_delay',
  '-i',
  feed.url,
  '-an',
  '-f',
  'mpegts',
  '-codec:v',
  'mpeg1video',
  '-b:v',
  `${feed.bitrateKbps}k`,
  '-bf',
  '0',
  '-muxdelay',
  '0.001',
  '-flush_packets',
  '1',
  'pipe:1',
];

export async function startJsmpegWall(feeds: readonly JsmpegFeed[], cols: number, rows: number): Promise<JsmpegWall> {
  const clients = feeds.map(() => new Set<WebSocket>());
  const produced = feeds.map(() => 0);
  const stderrTails = feeds.map(() => lineTail(5));
  const restarts = feeds.map(() => 0);
  let closing = false;
  const processes: ChildProcess[] = [];
  // Restarted a second after it exits, as relays do: a loaded machine can fail a first RTSP connection.
  const launch = (i: number) => {
    const child = spawn('ffmpeg', relayArgs(feeds[i]!), { stdio: ['ignore', 'pipe', 'pipe'] });
    processes[i] = child;
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => text.split('\n').filter(Boolean).forEach(stderrTails[i]!.push));
    child.stdout?.on('data', (chunk: Buffer) => {
      produced[i]! += chunk.length;
      for (const socket of clients[i]!) if (socket.readyState === socket.OPEN) socket.send(chunk);
    });
    child.once('exit', () => {
      if (closing) return;
      restarts[i]!++;
      setTimeout(() => closing || launch(i), 1000);
    });
  };
  feeds.forEach((_, i) => launch(i));

  const server = createServer((req, res) => {
    if (req.url === '/jsmpeg.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(PLAYER_JS));
    } else if (req.url === '/' || req.url?.startsWith('/?')) {
      const { port } = server.address() as AddressInfo;
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(page(cols, rows, `ws://127.0.0.1:${port}`));
    } else {
      res.writeHead(404).end();
    }
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const index = Number(/^\/feed\/(\d+)$/.exec(req.url ?? '')?.[1] ?? NaN);
    const set = clients[index];
    if (!set) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      set.add(ws);
      ws.on('close', () => set.delete(ws));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    pageUrl: `http://127.0.0.1:${port}/`,
    ffmpegPids: () => processes.map((p) => p.pid ?? 0).filter(Boolean),
    health: () =>
      processes.map((p, i) => ({
        bytes: produced[i]!,
        exit: p.exitCode,
        restarts: restarts[i]!,
        stderr: stderrTails[i]!.text(),
      })),
    async close() {
      closing = true;
      for (const set of clients) for (const ws of set) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all(processes.map((p) => stopChild(p)));
    },
  };
}
