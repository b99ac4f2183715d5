import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRequest } from './http-request';

/** A camera that takes the connection and never answers, counting connections. */
let server: Server;
let url: URL;
let connections = 0;
beforeAll(async () => {
  server = createServer(() => undefined);
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/onvif/device_service`);
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const request = (signal: AbortSignal) => httpRequest({ url, method: 'GET', maxBytes: 1024, timeoutMs: 10_000, signal });

describe('httpRequest and shutdown', () => {
  // The core shutting down aborts its signal while onboarding still starts requests (npm start, Ctrl+C). A request
  // created and destroyed at once emitted 'socket hang up' before its error listener existed: the core crashed.
  it('refuses a request whose signal is already aborted, without opening a connection', async () => {
    const before = connections;
    const aborted = AbortSignal.abort();
    await expect(request(aborted)).rejects.toMatchObject({ kind: 'aborted' });
    // An unheard 'error' event would surface here as an uncaught exception failing the file.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(connections).toBe(before);
  });

  it('ends a request aborted before it connected with kind aborted and nothing left unheard', async () => {
    const controller = new AbortController();
    const pending = request(controller.signal);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'aborted' });
    await new Promise((resolve) => setTimeout(resolve, 50));
  });

  it('ends a request aborted while the camera is silent', async () => {
    const controller = new AbortController();
    const pending = request(controller.signal);
    await new Promise<void>((resolve) => server.once('request', () => resolve()));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'aborted' });
  });
});
