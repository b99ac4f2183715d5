// An rtsps:// camera on 127.0.0.1 for the certificate pin tests: a throwaway self-signed certificate made by the
// openssl CLI at test time (its key lives in a temporary folder removed afterwards), and a TLS front that
// terminates TLS and passes the plain bytes to a real RTSP feed, recording every byte a client sent it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';

export interface TestCertificate {
  certPem: string;
  keyPem: string;
  /** Where the certificate (no key) is written, for tools that take a file. */
  certFile: string;
  /** `AB:CD:…`, as `openssl x509 -fingerprint -sha256` prints it. */
  sha256: string;
  remove(): void;
}

export function makeCertificate(commonName: string): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'ioc-rtsps-cert-'));
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1'].concat([
      '-subj',
      `/CN=${commonName}`,
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ]),
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const printed = execFileSync('openssl', ['x509', '-noout', '-fingerprint', '-sha256', '-in', certFile], {
    encoding: 'utf8',
  });
  const sha256 = /=([0-9A-F:]+)/i.exec(printed)![1]!.toUpperCase();
  return {
    certPem: readFileSync(certFile, 'utf8'),
    keyPem: readFileSync(keyFile, 'utf8'),
    certFile,
    sha256,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface TlsFront {
  readonly port: number;
  /** rtsps://127.0.0.1:<port>/<path>. */
  urlFor(path: string): string;
  /** TCP connections accepted (a client that drops the connection right after its handshake may count in no TLS tally). */
  connections(): number;
  /** TLS handshakes the server side completed. */
  handshakes(): number;
  /** Every byte clients sent after their handshake, decrypted, as text. */
  received(): string;
  close(): Promise<void>;
}

/** TLS in front of `upstream` (rtsp://127.0.0.1:<port>), presenting `certificate`. */
export async function startTlsFront(upstream: string, certificate: TestCertificate): Promise<TlsFront> {
  const target = new URL(upstream);
  const sockets = new Set<Socket>();
  const chunks: Buffer[] = [];
  let handshakes = 0;
  let connections = 0;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  };
  const server = createTlsServer({ key: certificate.keyPem, cert: certificate.certPem }, (client: TLSSocket) => {
    handshakes++;
    track(client);
    const feed = connect({ host: target.hostname, port: Number(target.port) });
    track(feed);
    feed.on('close', () => client.destroy());
    client.on('close', () => feed.destroy());
    client.on('data', (chunk: Buffer) => {
      chunks.push(Buffer.from(chunk));
      feed.write(chunk);
    });
    feed.on('data', (chunk: Buffer) => client.write(chunk));
  });
  server.on('tlsClientError', () => undefined);
  server.on('connection', (socket: Socket) => {
    connections++;
    track(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    urlFor: (path) => `rtsps://127.0.0.1:${port}/${path.replace(/^\/+/, '')}`,
    connections: () => connections,
    handshakes: () => handshakes,
    received: () => Buffer.concat(chunks).toString('latin1'),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
