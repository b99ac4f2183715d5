import { createServer, type Server, type Socket } from 'node:net';
import Aedes from 'aedes';
import { createKeyCheck } from './ingest-key';

export interface EmbeddedBroker {
  /** `mqtt://127.0.0.1:<port>` — no credentials in it; they go in the connect options. */
  readonly url: string;
  readonly port: number;
  clients(): number;
  dispose(): Promise<void>;
}

/**
 * The embedded default: an aedes MQTT broker on loopback with a random port, for a central server that has no
 * Mosquitto to talk to. With an ingest key, clients must give it as their MQTT password.
 */
export async function startEmbeddedBroker(options: {
  ingestKey: string | null;
  host?: string;
  port?: number;
}): Promise<EmbeddedBroker> {
  const keyMatches = createKeyCheck(options.ingestKey);
  const broker = new Aedes({
    authenticate: (_client, _username, password, done) => {
      if (keyMatches(password?.toString('utf8'))) return done(null, true);
      const error = Object.assign(new Error('Bad username or password'), { returnCode: 4 as const });
      return done(error, false);
    },
  });
  const server: Server = createServer((socket) => broker.handle(socket));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return {
    url: `mqtt://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    clients: () => broker.connectedClients,
    async dispose() {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
