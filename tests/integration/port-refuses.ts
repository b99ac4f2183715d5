import { createConnection } from 'node:net';

/** Whether nothing listens on 127.0.0.1:`port` any more (a connection is refused): a stopped server's check. */
export function portRefuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}
