import { describe, expect, it } from 'vitest';
import type { CameraCertificate } from '../../../src-shared/contract';
import type { ConnectionSnapshot, CoreClient } from '../../bridge';
import { type CertificatesClient, createCertificatesAwaitingSource } from './certificatesAwaitingSource';

const certificate = (cameraId: string, state: CameraCertificate['state']): CameraCertificate => ({
  cameraId,
  tls: true,
  state,
  pinnedSha256: null,
  pinnedAt: null,
  seenSha256: null,
  seenAt: null,
});

/** A core that answers `cameras.certificatesAwaiting` with `listed`, counts the calls, and sends what a test says. */
function fakeCore(listed: CameraCertificate[]) {
  const events = new Set<(certificate: CameraCertificate) => void>();
  const connections = new Set<(snapshot: ConnectionSnapshot) => void>();
  let state: ConnectionSnapshot = {
    state: 'connected',
    attempt: 0,
    nextRetryAt: null,
    browserOffline: false,
    serverVersion: null,
  };
  const calls: string[] = [];
  const client: CertificatesClient = {
    call: (async (name: string) => {
      calls.push(name);
      return { ok: true, value: [...listed] };
    }) as CoreClient['call'],
    connection: () => state,
    onConnection: (listener) => {
      connections.add(listener);
      return () => connections.delete(listener);
    },
    onEvent: ((name: string, listener: (certificate: CameraCertificate) => void) => {
      expect(name).toBe('camera.certificate');
      events.add(listener);
      return () => events.delete(listener);
    }) as CoreClient['onEvent'],
  };
  return {
    client,
    calls,
    following: () => events.size + connections.size,
    send: (c: CameraCertificate) => events.forEach((listener) => listener(c)),
    connection(next: ConnectionSnapshot['state']) {
      state = { ...state, state: next };
      connections.forEach((listener) => listener(state));
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the window’s one copy of the certificates awaiting a technician', () => {
  it('asks the core once for two readers (the header and the Cameras page), and both see the same map', async () => {
    const core = fakeCore([certificate('a', 'pending')]);
    const source = createCertificatesAwaitingSource(core.client);
    let header = 0;
    let page = 0;
    const offHeader = source.subscribe(() => header++);
    const offPage = source.subscribe(() => page++);
    await settle();
    expect(core.calls).toEqual(['cameras.certificatesAwaiting']);
    expect([...source.current()]).toEqual([['a', 'pending']]);
    expect([header, page]).toEqual([1, 1]);

    core.send(certificate('b', 'changed'));
    expect([...source.current()]).toEqual([
      ['a', 'pending'],
      ['b', 'changed'],
    ]);
    expect([header, page]).toEqual([2, 2]);
    offPage();
    offHeader();
  });

  it('a reader that comes later (the page opened under the header) gets the map without asking again', async () => {
    const core = fakeCore([certificate('a', 'changed')]);
    const source = createCertificatesAwaitingSource(core.client);
    const offHeader = source.subscribe(() => undefined);
    await settle();
    const before = source.current();
    const offPage = source.subscribe(() => undefined);
    await settle();
    expect(source.current()).toBe(before);
    offPage();
    await settle();
    expect(core.calls).toHaveLength(1);
    expect(core.following()).toBe(2);
    offHeader();
  });

  it('loads again once per reconnection, not once per reader', async () => {
    const core = fakeCore([certificate('a', 'pending')]);
    const source = createCertificatesAwaitingSource(core.client);
    const offs = [source.subscribe(() => undefined), source.subscribe(() => undefined)];
    await settle();
    core.connection('reconnecting');
    core.connection('connected');
    await settle();
    expect(core.calls).toHaveLength(2);
    offs.forEach((off) => off());
  });

  it('stops following once the last reader leaves, forgets the map, and loads afresh for the next one', async () => {
    const core = fakeCore([certificate('a', 'pending')]);
    const source = createCertificatesAwaitingSource(core.client);
    const off = source.subscribe(() => undefined);
    await settle();
    off();
    await settle();
    expect(core.following()).toBe(0);
    expect(source.current().size).toBe(0);
    const again = source.subscribe(() => undefined);
    await settle();
    expect(core.calls).toHaveLength(2);
    expect([...source.current()]).toEqual([['a', 'pending']]);
    again();
  });

  it('a reader leaving and coming back at once (StrictMode re-running effects) asks nothing again', async () => {
    const core = fakeCore([]);
    const source = createCertificatesAwaitingSource(core.client);
    source.subscribe(() => undefined)();
    const off = source.subscribe(() => undefined);
    await settle();
    expect(core.calls).toHaveLength(1);
    expect(core.following()).toBe(2);
    off();
  });
});
