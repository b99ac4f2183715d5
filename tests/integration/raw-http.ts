// One HTTP/1.1 exchange on a raw socket, for tests of refusals sent while the request body is still arriving: the
// test decides when each part of the body leaves and sees whether the connection ends cleanly or is reset.
import { connect, type Socket } from 'node:net';

export const MB = 1024 * 1024;

export class RawUpload {
  readonly socket: Socket;
  private received = Buffer.alloc(0);
  private waiters: (() => void)[] = [];
  error: Error | null = null;
  ended = false;
  /** Body bytes the socket has taken so far (send). */
  sent = 0;
  readonly closed: Promise<boolean>;

  constructor(port: number, head: string) {
    this.socket = connect(port, '127.0.0.1');
    this.socket.on('data', (chunk: Buffer) => {
      this.received = Buffer.concat([this.received, chunk]);
      this.wake();
    });
    this.socket.on('error', (error) => {
      this.error = error;
      this.wake();
    });
    this.socket.on('end', () => {
      this.ended = true;
      this.wake();
    });
    this.closed = new Promise((resolve) => this.socket.on('close', resolve));
    this.socket.write(head);
  }

  private wake() {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Sends `bytes` and waits until the socket has taken them (or failed). */
  send(bytes: Buffer): Promise<void> {
    return new Promise((resolve) =>
      this.socket.write(bytes, (error) => {
        if (!error) this.sent += bytes.length;
        resolve();
      }),
    );
  }

  /**
   * The whole reply (head and a body of its content-length; JSON parsed), or null once the connection failed
   * first.
   */
  async reply(): Promise<{ status: number; headers: string; body: unknown } | null> {
    for (;;) {
      const text = this.received.toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      if (split >= 0) {
        const headers = text.slice(0, split);
        // A 204 has no content-length and no body.
        const length = Number(/content-length: (\d+)/i.exec(headers)?.[1] ?? 0);
        const body = this.received.subarray(split + 4);
        if (body.length >= length) {
          const content = body.subarray(0, length).toString('utf8');
          return {
            status: Number(headers.split(' ')[1]),
            headers,
            body: /content-type: application\/json/i.test(headers) ? (JSON.parse(content) as unknown) : content,
          };
        }
      }
      if (this.error || this.ended) return null;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }
}
