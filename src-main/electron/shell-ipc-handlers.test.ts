import { describe, expect, it } from 'vitest';
import { SHELL_IPC, type ShellIpcName } from '../../src-shared/contract/shell';
import type { IpcSenderInfo } from './ipc-sender';
import { createShellIpcRoutes, ShellIpcError, type ShellServices } from './shell-ipc-handlers';

type Call = { readonly name: string; readonly args: readonly unknown[] };

function fakeServices(calls: Call[]): ShellServices {
  const record =
    <R>(name: string, result: R) =>
    (...args: unknown[]): R => {
      calls.push({ name, args });
      return result;
    };
  return {
    endpoint: record('endpoint', Promise.resolve({ url: 'http://127.0.0.1:1', launchToken: 't' })),
    displays: record('displays', []),
    openWallWindow: record('openWallWindow', { ok: true } as const),
    secretGet: record('secretGet', Promise.resolve('pw')),
    secretSet: record('secretSet', Promise.resolve()),
    secretDelete: record('secretDelete', Promise.resolve()),
  };
}

const TRUSTED: IpcSenderInfo = {
  frameUrl: 'app://ioc/index.html#/wall/1',
  frameOrigin: 'app://ioc',
  isMainFrame: true,
  isOwnWindow: true,
};

const VALID_ARGS: Record<ShellIpcName, unknown[]> = {
  endpoint: [],
  displays: [],
  openWallWindow: [{ displayId: '2', kiosk: true }],
  secretGet: ['camera.12.password'],
  secretSet: ['camera.12.password', 'hunter2'],
  secretDelete: ['camera.12.password'],
};

const MALFORMED_ARGS: Record<ShellIpcName, unknown[][]> = {
  endpoint: [['extra']],
  displays: [[1]],
  openWallWindow: [
    [],
    [null],
    ['2'],
    [{ displayId: 2 }],
    [{ displayId: 'x'.repeat(65) }],
    [{ displayId: '1' }, 'extra'],
  ],
  secretGet: [[], [42], ['UPPER'], ['../../etc'], [''], ['k'.repeat(65)], ['ok', 'extra']],
  secretSet: [['key'], ['key', 42], [42, 'v'], ['key', 'v'.repeat(64 * 1024 + 1)], ['bad key', 'v']],
  secretDelete: [[], [{}], ['a/b']],
};

const UNTRUSTED: Record<string, IpcSenderInfo> = {
  'a destroyed frame': { ...TRUSTED, frameUrl: null, frameOrigin: null },
  'a foreign origin': { ...TRUSTED, frameUrl: 'https://evil.example/', frameOrigin: 'https://evil.example' },
  'a look-alike host': { ...TRUSTED, frameUrl: 'app://ioc.evil/index.html', frameOrigin: 'app://ioc.evil' },
  'an origin/URL mismatch': { ...TRUSTED, frameOrigin: 'null' },
  'a subframe': { ...TRUSTED, isMainFrame: false },
  'a window we did not create': { ...TRUSTED, isOwnWindow: false },
  'a file: page': { ...TRUSTED, frameUrl: 'file:///tmp/x.html', frameOrigin: 'file://' },
};

const names = Object.keys(SHELL_IPC) as ShellIpcName[];

describe('createShellIpcRoutes', () => {
  it('has exactly one route per SHELL_IPC channel, on that channel', () => {
    const routes = createShellIpcRoutes(fakeServices([]));
    expect(Object.keys(routes).sort()).toEqual([...names].sort());
    for (const name of names) expect(routes[name].channel).toBe(SHELL_IPC[name].channel);
  });

  describe.each(names)('%s', (name) => {
    it('serves a trusted sender with valid arguments', async () => {
      const calls: Call[] = [];
      const routes = createShellIpcRoutes(fakeServices(calls));
      await routes[name].handle(TRUSTED, VALID_ARGS[name]);
      expect(calls.map((call) => call.name)).toEqual([name]);
    });

    it.each(Object.entries(UNTRUSTED))('rejects %s before looking at arguments', async (_label, sender) => {
      const calls: Call[] = [];
      const routes = createShellIpcRoutes(fakeServices(calls));
      const error = await routes[name].handle(sender, VALID_ARGS[name]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ShellIpcError);
      expect(error).toMatchObject({ code: 'forbidden' });
      expect(calls).toEqual([]);
    });

    it('rejects malformed arguments without echoing them', async () => {
      for (const args of MALFORMED_ARGS[name]) {
        const calls: Call[] = [];
        const routes = createShellIpcRoutes(fakeServices(calls));
        const error = await routes[name].handle(TRUSTED, args).catch((e: unknown) => e);
        expect(error, JSON.stringify(args).slice(0, 80)).toMatchObject({ code: 'invalid_argument' });
        expect(calls).toEqual([]);
        expect(String(error)).not.toContain('hunter2');
      }
    });
  });

  it('passes parsed values to the services (defaults applied)', async () => {
    const calls: Call[] = [];
    const routes = createShellIpcRoutes(fakeServices(calls));
    await routes.openWallWindow.handle(TRUSTED, [{ displayId: '2' }]);
    await routes.secretSet.handle(TRUSTED, ['k', 'v']);
    expect(calls).toEqual([
      { name: 'openWallWindow', args: [{ displayId: '2', kiosk: false }] },
      { name: 'secretSet', args: ['k', 'v'] },
    ]);
  });

  it('drops unknown fields instead of forwarding them', async () => {
    const calls: Call[] = [];
    const routes = createShellIpcRoutes(fakeServices(calls));
    await routes.openWallWindow.handle(TRUSTED, [{ displayId: '2', kiosk: true, __proto__: { x: 1 }, evil: 1 }]);
    expect(calls[0]?.args).toEqual([{ displayId: '2', kiosk: true }]);
  });

  it('returns what the service returns', async () => {
    const routes = createShellIpcRoutes(fakeServices([]));
    await expect(routes.secretGet.handle(TRUSTED, ['k'])).resolves.toBe('pw');
    await expect(routes.endpoint.handle(TRUSTED, [])).resolves.toEqual({ url: 'http://127.0.0.1:1', launchToken: 't' });
  });
});
