import { createServer, request, type IncomingMessage, type Server } from 'node:http';

export interface ReplyDroppingProxy {
  url: string;
  /** Bodies of the requests to `path` that reached the server, in order. */
  readonly seen: unknown[];
  /** The next request to `path` reaches the server, but its reply is thrown away (the connection is cut). */
  dropNextReply(): void;
  /** Replies thrown away so far. */
  dropped(): number;
  /** Replies to `path` passed on to the client so far. */
  answered(): number;
  /** While on, every request is cut off at once (the network is down); returns how many were cut so far. */
  cutOff(on: boolean): void;
  cut(): number;
  dispose(): Promise<void>;
}

function bodyOf(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * A loopback HTTP proxy in front of the central server that can lose one reply of one route after the server has
 * answered it (what a workstation sees when the network drops between the server's commit and its reply), or cut
 * every request off (the link is down).
 */
export async function startReplyDroppingProxy(target: string, path: string): Promise<ReplyDroppingProxy> {
  const upstream = new URL(target);
  const seen: unknown[] = [];
  let dropNext = false;
  let dropped = 0;
  let answered = 0;
  let cutting = false;
  let cut = 0;
  const server: Server = createServer((req, res) => {
    if (cutting) {
      cut++;
      req.socket.destroy();
      return;
    }
    void (async () => {
      const body = await bodyOf(req);
      const watched = req.method === 'POST' && req.url === path;
      if (watched) seen.push(JSON.parse(body.toString('utf8')) as unknown);
      const drop = watched && dropNext;
      if (drop) dropNext = false;
      const forward = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: upstream.host },
        },
        (reply) => {
          if (drop) {
            // Read the whole answer (the server has done its work), then cut the client off without it.
            reply.resume();
            reply.on('end', () => {
              dropped++;
              req.socket.destroy();
            });
            return;
          }
          res.writeHead(reply.statusCode ?? 502, reply.headers);
          if (watched) res.on('finish', () => answered++);
          reply.pipe(res);
        },
      );
      forward.on('error', () => res.destroy());
      res.on('close', () => forward.destroy());
      forward.end(body);
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    dropNextReply: () => {
      dropNext = true;
    },
    dropped: () => dropped,
    answered: () => answered,
    cutOff: (on) => {
      cutting = on;
    },
    cut: () => cut,
    async dispose() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
